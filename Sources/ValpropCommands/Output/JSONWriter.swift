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
///
/// The text is written through a pointer into memory the writer owns (so a writer is not
/// copied): appending to an Array checked its room and its uniqueness for every byte, and a
/// field's key, separators and indentation are a dozen bytes. That was most of writing the
/// rows of a warm `list` (docs/performance.md, session 25).
struct JSONWriter: ~Copyable {
  /// The text so far: `used` bytes from `base`, in room for `capacity`.
  private var base: UnsafeMutablePointer<UInt8>
  private var used = 0
  private var capacity: Int
  /// Whether the innermost open object or array has no member yet; nil when none is open.
  /// Kept apart from the enclosing ones: every member reads and writes it, and an array
  /// element's checks were half of starting a field in a warm `list`.
  private var innermostEmpty: Bool?
  /// The same for each enclosing open object or array, outermost first.
  private var enclosingEmpty: [Bool] = []
  /// Whether a field's key was just written, so that its value follows on the same line.
  private var afterKey = false

  /// A writer for an empty text.
  init() {
    capacity = 1_024
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// A writer for fields that go on an object `depth` levels in that already has fields:
  /// its bytes are what a writer of the whole text writes for them there.
  init(continuingObjectAtDepth depth: Int) {
    self.init()
    if depth > 0 {
      innermostEmpty = false
      enclosingEmpty = Array(repeating: false, count: depth - 1)
    }
  }

  /// A writer for one member of an array `depth` levels in, written apart from the others
  /// (on another thread): its bytes are what a writer of the whole text writes for it there,
  /// the first member's or a later one's.
  init(memberOfArrayAtDepth depth: Int, first: Bool) {
    self.init()
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
    reserve(written.reduce(1) { $0 + $1.count })
    for member in written { put(member) }
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
    guard !afterKey, innermostEmpty == false else {
      member()
      put(0x22)
      put(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
      return endKey()
    }
    // A later field of its object, the most common by far: its comma, line break,
    // indentation, key and separator in one stretch of room (a byte at a time, each
    // checked for room, they were most of writing the rows of a warm `list`).
    let spaces = (enclosingEmpty.count + 1) * 2
    let keyCount = key.utf8CodeUnitCount
    let count = 2 + spaces + 1 + keyCount + 4
    reserve(count)
    let start = base + used
    start[0] = 0x2C
    start[1] = 0x0A
    (start + 2).initialize(repeating: 0x20, count: spaces)
    let quote = start + 2 + spaces
    quote[0] = 0x22
    (quote + 1).initialize(from: key.utf8Start, count: keyCount)
    let end = quote + 1 + keyCount
    end[0] = 0x22
    end[1] = 0x20
    end[2] = 0x3A
    end[3] = 0x20
    used += count
    afterKey = true
  }

  /// Starts a field whose key is made at run time, escaped as any string.
  mutating func field(named key: String) {
    member()
    put(0x22)
    escaped(key)
    endKey()
  }

  private mutating func endKey() {
    // One byte at a time: an array literal here was an allocation per field.
    put(0x22)
    put(0x20)
    put(0x3A)
    put(0x20)
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
    put(0x22)
    escaped(value)
    put(0x22)
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
            put(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            escape(byte)
            runStart = index + 1
          }
          index += 1
        }
      }
      put(UnsafeBufferPointer(rebasing: utf8[runStart...]))
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
    case 0x22: put([0x5C, 0x22])
    case 0x5C: put([0x5C, 0x5C])
    case 0x0A: put([0x5C, 0x6E])
    case 0x0D: put([0x5C, 0x72])
    case 0x09: put([0x5C, 0x74])
    case 0x08: put([0x5C, 0x62])
    case 0x0C: put([0x5C, 0x66])
    default:
      let digits = Array("0123456789abcdef".utf8)
      put([0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
  }

  /// Writes an object id as a string of its 40 hexadecimal digits, without making the String.
  mutating func string(_ id: ObjectID) {
    member()
    put(0x22)
    reserve(40)
    id.writeHex(into: UnsafeMutableRawBufferPointer(start: base + used, count: 40))
    used += 40
    put(0x22)
  }

  /// Writes a commit's author date as `CommitStamp.isoDate` gives it, without making the
  /// String (its bytes need no escaping).
  mutating func isoDate(of stamp: CommitStamp) {
    member()
    put(0x22)
    reserve(CommitStamp.isoDateCount)
    let written = CommitStamp.writeISODate(
      stamp.date, offsetMinutes: stamp.offsetMinutes,
      into: UnsafeMutableBufferPointer(start: base + used, count: CommitStamp.isoDateCount))
    if written {
      used += CommitStamp.isoDateCount
    } else {
      // An offset of 100 hours or more: written as its parts.
      var text: [UInt8] = []
      CommitStamp.appendISODate(stamp.date, offsetMinutes: stamp.offsetMinutes, to: &text)
      put(text)
    }
    put(0x22)
  }

  /// Writes a string, or null.
  mutating func string(_ value: String?) {
    if let value { string(value) } else { literal("null") }
  }

  /// Writes an integer, or null.
  mutating func integer(_ value: Int?) {
    guard let value else { return literal("null") }
    member()
    reserve(DecimalBytes.count(value))
    used += DecimalBytes.write(
      value, into: UnsafeMutableBufferPointer(start: base, count: capacity), at: used)
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
    withBytes { String(decoding: $0, as: UTF8.self) } + "\n"
  }

  /// The text so far, as bytes.
  var bytes: [UInt8] { withBytes { Array($0) } }

  /// The bytes of `text`, in the writer's own memory, which the Data takes over: the writer
  /// is left with no text, as a new one once everything it opened is closed. A warm `list`
  /// of 650 long documents writes 650 KB of rows; copying them into a Data of their own was
  /// as many fresh pages again, each a page fault (docs/performance.md, session 27).
  mutating func takeData() -> Data {
    put(0x0A)
    let taken = base
    let count = used
    base = .allocate(capacity: 1)
    capacity = 1
    used = 0
    return Data(
      bytesNoCopy: taken, count: count,
      deallocator: .custom { pointer, _ in
        pointer.assumingMemoryBound(to: UInt8.self).deallocate()
      })
  }

  /// Widens the text so far in place: at each of `places` (offsets into the text, ascending)
  /// `counts[i]` bytes are made room for, and `fill(i, room)` initializes them all. The text
  /// between places moves back once, from the end, so no second buffer is made.
  mutating func insert(
    at places: [Int], counts: [Int], fill: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void
  ) {
    precondition(places.count == counts.count, "a count for each place")
    precondition(counts.allSatisfy { $0 >= 0 }, "no count below zero")
    let added = counts.reduce(0, +)
    guard added > 0 else { return }
    reserve(added)
    var end = used
    var shift = added
    for index in places.indices.reversed() {
      let place = places[index]
      precondition(place >= 0 && place <= end, "places ascend within the text")
      // The text after the place moves back by what goes in at it and every place before.
      // Overlapping regions: `copyMemory` moves them as memmove does.
      UnsafeMutableRawPointer(base + place + shift).copyMemory(from: base + place, byteCount: end - place)
      shift -= counts[index]
      fill(index, UnsafeMutableBufferPointer(start: base + place + shift, count: counts[index]))
      end = place
    }
    used += added
  }

  /// How many bytes the text so far has.
  var count: Int { used }

  /// Gives `body` the text so far, valid only during the call.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    try body(UnsafeBufferPointer(start: base, count: used))
  }

  private mutating func literal(_ text: String) {
    member()
    var text = text
    text.withUTF8 { put($0) }
  }

  /// Separates a member from the one before it and indents it; a field's value follows its
  /// key on the same line.
  private mutating func member() {
    if afterKey {
      afterKey = false
      return
    }
    guard let wasEmpty = innermostEmpty else { return }
    if !wasEmpty { put(0x2C) }
    lineBreak()
    innermostEmpty = false
  }

  private mutating func open(_ bracket: UInt8) {
    member()
    put(bracket)
    if let enclosing = innermostEmpty { enclosingEmpty.append(enclosing) }
    innermostEmpty = true
  }

  private mutating func close(_ bracket: UInt8) {
    let wasEmpty = innermostEmpty ?? true
    innermostEmpty = enclosingEmpty.popLast()
    // JSONEncoder writes an empty array or object with an empty line inside.
    if wasEmpty { put(0x0A) }
    lineBreak()
    put(bracket)
  }

  /// Starts a line indented to the innermost open object or array, its spaces written at
  /// once (a loop of appends, or `repeatElement`'s generic sequence, cost more than the rest
  /// of a field).
  private mutating func lineBreak() {
    let spaces = innermostEmpty == nil ? 0 : (enclosingEmpty.count + 1) * 2
    reserve(1 + spaces)
    base[used] = 0x0A
    (base + used + 1).initialize(repeating: 0x20, count: spaces)
    used += 1 + spaces
  }

  /// Makes room for `count` more bytes at once.
  mutating func reserve(_ count: Int) {
    if used + count > capacity { grow(toHold: used + count) }
  }

  private mutating func grow(toHold needed: Int) {
    var larger = capacity * 2
    while larger < needed { larger *= 2 }
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.initialize(from: base, count: used)
    base.deallocate()
    base = moved
    capacity = larger
  }

  /// Appends a byte.
  @inline(__always) private mutating func put(_ byte: UInt8) {
    if used == capacity { grow(toHold: used + 1) }
    base[used] = byte
    used += 1
  }

  /// Appends bytes.
  private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (base + used).initialize(from: source, count: bytes.count)
    used += bytes.count
  }

  /// Appends an array's bytes.
  private mutating func put(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { put($0) }
  }
}
