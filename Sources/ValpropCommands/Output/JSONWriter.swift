import Foundation
import GitKit
import ValpropCore

/// Writes JSON text byte for byte as `JSON.encode` does (pretty-printed with two spaces,
/// `"key" : value`, slashes unescaped), for the outputs whose size grows with the workspace:
/// the rows of `list` and `stale` and the changes of `diff`. JSONEncoder spent about as long
/// on 300 rows as the history walk of a small repository; this writes the same bytes in a
/// tenth of the time.
///
/// Keys are written in the order the caller gives; callers give them sorted, as `JSON.encode`
/// sorts them, and a test compares the two on random rows.
struct JSONWriter {
  /// The text so far.
  private(set) var bytes: [UInt8] = []
  /// Whether the innermost open object or array has no member yet; nil when none is open.
  /// Kept apart from the enclosing ones: every member reads and writes it, and an array
  /// element's checks were half of starting a field in a warm `list`.
  private var innermostEmpty: Bool?
  /// The same for each enclosing open object or array, outermost first.
  private var enclosingEmpty: [Bool] = []
  /// Whether a field's key was just written, so that its value follows on the same line.
  private var afterKey = false

  /// A writer for an empty text.
  init() {}

  /// A writer for fields that go on an object `depth` levels in that already has fields:
  /// its bytes are what a writer of the whole text writes for them there.
  init(continuingObjectAtDepth depth: Int) {
    if depth > 0 {
      innermostEmpty = false
      enclosingEmpty = Array(repeating: false, count: depth - 1)
    }
  }

  /// A writer for one member of an array `depth` levels in, written apart from the others
  /// (on another thread): its bytes are what a writer of the whole text writes for it there,
  /// the first member's or a later one's.
  init(memberOfArrayAtDepth depth: Int, first: Bool) {
    precondition(depth > 0, "a member is inside an array")
    innermostEmpty = first
    enclosingEmpty = Array(repeating: false, count: depth - 1)
  }

  /// Appends members of the open array written apart (`init(memberOfArrayAtDepth:first:)`),
  /// in order. The first must have been written as a first member exactly when the array has
  /// none yet, and the others as later members: each opens with its separator, checked here.
  mutating func appendMembers(_ written: [[UInt8]]) {
    guard let opening = written.first else { return }
    guard let empty = innermostEmpty, !afterKey else { preconditionFailure("members go in an open array") }
    precondition(opening.first == (empty ? 0x0A : 0x2C), "the first member written as the array's next")
    precondition(written.dropFirst().allSatisfy { $0.first == 0x2C }, "later members written as later ones")
    bytes.reserveCapacity(bytes.count + written.reduce(1) { $0 + $1.count })
    for member in written { bytes += member }
    innermostEmpty = false
  }

  /// Writes an array whose members `body` writes.
  mutating func array(_ body: (inout JSONWriter) -> Void) {
    open(0x5B)
    body(&self)
    close(0x5D)
  }

  /// Writes an object whose fields `body` writes, each with `field`.
  mutating func object(_ body: (inout JSONWriter) -> Void) {
    open(0x7B)
    body(&self)
    close(0x7D)
  }

  /// Starts a field of the open object; its value is written next. Keys written in the
  /// source are plain ASCII words, copied as they are: escaping each key was a third of the
  /// rows' JSON in a warm `list`.
  mutating func field(_ key: StaticString) {
    precondition(key.hasPointerRepresentation, "a key is a word")
    member()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    endKey()
  }

  /// Starts a field whose key is made at run time, escaped as any string.
  mutating func field(named key: String) {
    member()
    bytes.append(0x22)
    escaped(key)
    endKey()
  }

  private mutating func endKey() {
    // One byte at a time: an array literal here was an allocation per field.
    bytes.append(0x22)
    bytes.append(0x20)
    bytes.append(0x3A)
    bytes.append(0x20)
    afterKey = true
  }

  /// Writes a field whose value is a string.
  mutating func field(_ key: StaticString, _ value: String) {
    field(key)
    string(value)
  }

  /// Writes a field whose value is an integer.
  mutating func field(_ key: StaticString, _ value: Int) {
    field(key)
    integer(value)
  }

  /// Writes a field whose key is made at run time and whose value is an integer.
  mutating func field(named key: String, _ value: Int) {
    field(named: key)
    integer(value)
  }

  /// Writes a string.
  mutating func string(_ value: String) {
    member()
    quoted(value)
  }

  /// Writes a string in quotes, escaped as JSONEncoder escapes it; the runs between bytes
  /// that need escaping are copied whole (diff tokens hold whole sections).
  private mutating func quoted(_ value: String) {
    bytes.append(0x22)
    escaped(value)
    bytes.append(0x22)
  }

  /// Writes a string's bytes, escaped, without its quotes. Eight bytes at a time are
  /// tested for one that needs escaping (a control character, `"` or `\`), and only a word
  /// that holds one is looked at byte by byte: `diff --format json` writes every changed
  /// section's text, 11.5 MB for `--base HEAD~200` on rust-lang/rfcs.
  private mutating func escaped(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      guard let base = utf8.baseAddress else { return }
      let raw = UnsafeRawPointer(base)
      let count = utf8.count
      var runStart = 0
      var index = 0
      while index < count {
        if index + 8 <= count,
          !JSONWriter.needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        {
          index += 8
          continue
        }
        let end = min(index + 8, count)
        while index < end {
          let byte = utf8[index]
          if byte < 0x20 || byte == 0x22 || byte == 0x5C {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            escape(byte)
            runStart = index + 1
          }
          index += 1
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
  }

  /// Whether any of eight bytes is below 0x20, `"` (0x22) or `\` (0x5C): the tests for a
  /// byte below a value and for a zero byte, on the whole word (exact as a yes or no).
  static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    let below = (word &- ones &* 0x20) & ~word & highs != 0
    return below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case 0x22: bytes += [0x5C, 0x22]
    case 0x5C: bytes += [0x5C, 0x5C]
    case 0x0A: bytes += [0x5C, 0x6E]
    case 0x0D: bytes += [0x5C, 0x72]
    case 0x09: bytes += [0x5C, 0x74]
    case 0x08: bytes += [0x5C, 0x62]
    case 0x0C: bytes += [0x5C, 0x66]
    default:
      let digits = Array("0123456789abcdef".utf8)
      bytes += [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
  }

  /// Writes an object id as a string of its 40 hexadecimal digits, without making the String.
  mutating func string(_ id: ObjectID) {
    member()
    bytes.append(0x22)
    id.appendHex(to: &bytes)
    bytes.append(0x22)
  }

  /// Writes a commit's author date as `CommitStamp.isoDate` gives it, without making the
  /// String (its bytes need no escaping).
  mutating func isoDate(of stamp: CommitStamp) {
    member()
    bytes.append(0x22)
    CommitStamp.appendISODate(stamp.date, offsetMinutes: stamp.offsetMinutes, to: &bytes)
    bytes.append(0x22)
  }

  /// Writes a string, or null.
  mutating func string(_ value: String?) {
    if let value { string(value) } else { literal("null") }
  }

  /// Writes an integer, or null.
  mutating func integer(_ value: Int?) {
    guard let value else { return literal("null") }
    member()
    DecimalBytes.append(value, to: &bytes)
  }

  /// Writes true or false.
  mutating func boolean(_ value: Bool) {
    literal(value ? "true" : "false")
  }

  /// Writes an array of strings.
  mutating func strings(_ values: [String]) {
    array { writer in
      for value in values { writer.string(value) }
    }
  }

  /// The text, ending with a newline as `JSON.encode` ends it.
  var text: String {
    String(decoding: bytes, as: UTF8.self) + "\n"
  }

  /// The bytes of `text`.
  var data: Data {
    var data = Data(capacity: bytes.count + 1)
    data.append(contentsOf: bytes)
    data.append(0x0A)
    return data
  }

  private mutating func literal(_ text: String) {
    member()
    bytes += text.utf8
  }

  /// Separates a member from the one before it and indents it; a field's value follows its
  /// key on the same line.
  private mutating func member() {
    if afterKey {
      afterKey = false
      return
    }
    guard let wasEmpty = innermostEmpty else { return }
    if !wasEmpty { bytes.append(0x2C) }
    bytes.append(0x0A)
    indent()
    innermostEmpty = false
  }

  private mutating func open(_ bracket: UInt8) {
    member()
    bytes.append(bracket)
    if let enclosing = innermostEmpty { enclosingEmpty.append(enclosing) }
    innermostEmpty = true
  }

  private mutating func close(_ bracket: UInt8) {
    let wasEmpty = innermostEmpty ?? true
    innermostEmpty = enclosingEmpty.popLast()
    // JSONEncoder writes an empty array or object with an empty line inside.
    if wasEmpty { bytes.append(0x0A) }
    bytes.append(0x0A)
    indent()
    bytes.append(bracket)
  }

  private mutating func indent() {
    // A loop of appends: `repeatElement` went through a generic sequence, a tenth of the rows'
    // JSON in a warm `list`.
    let depth = innermostEmpty == nil ? 0 : enclosingEmpty.count + 1
    for _ in 0..<(depth * 2) { bytes.append(0x20) }
  }

  /// Makes room for `count` more bytes at once.
  mutating func reserve(_ count: Int) {
    bytes.reserveCapacity(bytes.count + count)
  }
}
