import Foundation
import TestSupport
import Testing

@testable import ValpropCommands
@testable import ValpropCore

/// The direct JSON writer of `list` and `stale` against JSONEncoder, which `JSON.encode`
/// uses for every other output: the same bytes for the same values.
@Suite struct JSONWriterTests {
  /// A value of every shape the rows hold, its keys declared in sorted order.
  struct Sample: Encodable {
    let count: Int?
    let flag: Bool
    let inner: Inner?
    let list: [String]
    let name: String
    let note: String?

    struct Inner: Encodable {
      let alpha: String
      let beta: String
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(count, forKey: .count)
      try container.encode(flag, forKey: .flag)
      try container.encode(inner, forKey: .inner)
      try container.encode(list, forKey: .list)
      try container.encode(name, forKey: .name)
      try container.encode(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey { case count, flag, inner, list, name, note }

    func write(to writer: inout JSONWriter) {
      writer.object { writer in
        writer.field("count")
        writer.integer(count)
        writer.field("flag")
        writer.boolean(flag)
        writer.field("inner")
        if let inner {
          writer.object { writer in
            writer.field("alpha")
            writer.string(inner.alpha)
            writer.field("beta")
            writer.string(inner.beta)
          }
        } else {
          writer.string(nil)
        }
        writer.field("list")
        writer.strings(list)
        writer.field("name")
        writer.string(name)
        writer.field("note")
        writer.string(note)
      }
    }
  }

  /// Every ASCII character, including all the control characters, and some beyond ASCII.
  static let alphabet: [Character] =
    (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + ["é", "🎉", "\u{2028}", "\u{7F}", "ß", "/"]

  static func randomString(_ generator: inout SplitMix) -> String {
    String(
      (0..<Int.random(in: 0..<12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
  }

  @Test func writesWhatJSONEncoderWrites() throws {
    var generator = SplitMix(seed: 21)
    for round in 0..<300 {
      let samples = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
        Sample(
          count: Bool.random(using: &generator) ? Int.random(in: -1000...1000, using: &generator) : nil,
          flag: Bool.random(using: &generator),
          inner: Bool.random(using: &generator)
            ? Sample.Inner(alpha: Self.randomString(&generator), beta: Self.randomString(&generator)) : nil,
          list: (0..<Int.random(in: 0..<3, using: &generator)).map { _ in Self.randomString(&generator) },
          name: Self.randomString(&generator),
          note: Bool.random(using: &generator) ? Self.randomString(&generator) : nil)
      }
      var writer = JSONWriter()
      writer.array { writer in
        for sample in samples { sample.write(to: &writer) }
      }
      #expect(writer.text == (try JSON.encode(samples)), "round \(round)")
    }
  }

  /// Bytes put in at places of the text, in place, are the text cut at those places with
  /// the bytes between: places at the start, the end, twice at one offset, none at all, and
  /// insertions that outgrow the writer's room. The Data taken is the text and a newline,
  /// and the writer is empty after it.
  @Test func insertsInPlaceAndHandsOverItsBytes() throws {
    var generator = SplitMix(seed: 23)
    for round in 0..<400 {
      var writer = JSONWriter()
      writer.array { writer in
        for _ in 0..<Int.random(in: 0..<40, using: &generator) {
          writer.string(Self.randomString(&generator))
        }
      }
      let before = writer.bytes
      let places = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in
        Int.random(in: 0...before.count, using: &generator)
      }.sorted()
      let inserted = places.map { _ in
        (0..<Int.random(in: 0..<3_000, using: &generator)).map { _ in
          UInt8.random(in: 0...255, using: &generator)
        }
      }
      var expected: [UInt8] = []
      var copied = 0
      for (place, bytes) in zip(places, inserted) {
        expected += before[copied..<place] + bytes
        copied = place
      }
      expected += before[copied...]
      writer.insert(at: places, counts: inserted.map(\.count)) { index, room in
        #expect(room.count == inserted[index].count)
        _ = room.initialize(from: inserted[index])
      }
      #expect(writer.bytes == expected, "round \(round)")
      #expect(writer.count == expected.count)
      let data = writer.takeData()
      #expect(data == Data(expected + [0x0A]), "round \(round)")
      #expect(writer.count == 0)
      // The writer is left as a new one: what it writes next is what a new one writes.
      var fresh = JSONWriter()
      writer.object { $0.field("k", round) }
      fresh.object { $0.field("k", round) }
      #expect(writer.bytes == fresh.bytes, "round \(round)")
      _ = writer.takeData()
      #expect(writer.takeData() == Data([0x0A]))
    }
  }

  /// Long strings, mostly plain, with the bytes that need escaping at every offset of the
  /// eight-byte words the writer tests at once, and bytes beyond ASCII beside them.
  /// Arrays nested past the depths whose line breaks are kept ready, as JSONEncoder nests
  /// them.
  @Test func indentsDeepNestingAsJSONEncoderDoes() throws {
    for depth in [1, 14, 15, 16, 17, 25] {
      var value: [Any] = ["leaf", 1]
      for _ in 1..<depth { value = [value, "x"] }
      func write(_ value: [Any], to writer: inout JSONWriter) {
        writer.array { writer in
          for member in value {
            if let inner = member as? [Any] {
              write(inner, to: &writer)
            } else if let text = member as? String {
              writer.string(text)
            } else {
              writer.integer(member as? Int)
            }
          }
        }
      }
      var writer = JSONWriter()
      write(value, to: &writer)
      let data = try JSONSerialization.data(withJSONObject: value)
      let decoded = try JSONDecoder().decode(Nested.self, from: data)
      #expect(writer.text == (try JSON.encode(decoded)), "depth \(depth)")
    }
  }

  /// Nested arrays of strings and integers, decoded and encoded again by the Codable path.
  indirect enum Nested: Codable {
    case text(String)
    case number(Int)
    case list([Nested])

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let text = try? container.decode(String.self) {
        self = .text(text)
      } else if let number = try? container.decode(Int.self) {
        self = .number(number)
      } else {
        self = .list(try container.decode([Nested].self))
      }
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .text(let text): try container.encode(text)
      case .number(let number): try container.encode(number)
      case .list(let list): try container.encode(list)
      }
    }
  }

  @Test func escapesLongStringsAsJSONEncoderDoes() throws {
    var generator = SplitMix(seed: 22)
    let plain = Array("abcdefgh ijklm.,;".unicodeScalars).map(Character.init)
    let special: [Character] = [
      "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "é", "🎉", " ", "!", "#", "[", "]",
    ]
    var values: [String] = []
    for _ in 0..<2_000 {
      values.append(
        String(
          (0..<Int.random(in: 0..<80, using: &generator)).map { _ in
            Int.random(in: 0..<10, using: &generator) == 0
              ? special.randomElement(using: &generator)! : plain.randomElement(using: &generator)!
          }))
    }
    var writer = JSONWriter()
    writer.strings(values)
    #expect(writer.text == (try JSON.encode(values)))
    // Random words, and every byte value in every lane of a word.
    for _ in 0..<20_000 {
      let word = UInt64.random(in: .min ... .max, using: &generator)
      let lanes = (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
      #expect(JSONWriter.needsEscape(word) == lanes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
    }
    for byte in UInt8(0)...UInt8(0xFF) {
      for lane in 0..<8 {
        var word = [UInt8](repeating: 0x61, count: 8)
        word[lane] = byte
        let value = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(
          JSONWriter.needsEscape(value) == (byte < 0x20 || byte == 0x22 || byte == 0x5C), "\(byte) at \(lane)"
        )
      }
    }
  }

  @Test func writesListAndStaleRowsAsJSONEncoderDoes() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "propositions",
      files: [
        "propositions/plain.md": Propositions.text(),
        "propositions/odd.md": Propositions.text(
          title: "\"Quote \\\" back\\\\slash / tab\\t bell\\a é 🎉\"",
          frontMatter: [
            "status: draft", "owners: [\"@a/b\", \"@c\\\"d\"]", "tags: [x, \"y z\", \"\\u0001\"]",
            "reviewed: 2026-01-02", "review_every: 30d",
          ]),
        "propositions/never.md": Propositions.text(frontMatter: ["status: active"]),
        "propositions/tracked.md": Propositions.text(
          title: "Tracked \"code\"", frontMatter: ["status: active", "tracks: [src, \":(exclude)src/x\"]"]),
        "propositions/untouched.md": Propositions.text(title: "Untouched", frontMatter: ["tracks: [docs]"]),
        "src/a.swift": "a\n",
      ])
    try fixture.commit("Change \"a\"\tnow", files: ["src/a.swift": "b\n"])
    try fixture.folder.write(
      "propositions/uncommitted.md", Propositions.text(title: "Not yet", frontMatter: ["tracks: src/a.swift"])
    )
    let workspace = try Workspace(at: fixture.path)
    let (propositions, problems, histories) = try workspace.summariesAndHistories()
    #expect(problems.isEmpty)
    #expect(propositions.count == 6)
    let day = try #require(CalendarDate("2026-06-01"))
    let drifts = try workspace.drifts(propositions, histories: histories)
    var rows = propositions.map {
      ListRow(
        $0, history: histories[$0.path], config: workspace.config, asOf: day,
        drift: drifts[$0.path] ?? .untracked)
    }
    #expect(rows.contains { $0.drift.drift?.commits == 1 } && rows.contains { $0.drift.drift?.commits == 0 })
    #expect(rows.contains { $0.drift.unknownReason != nil })
    #expect(rows.contains { $0.title.contains("\u{7}") && $0.lastChanged != nil })
    #expect(rows.contains { $0.lastChanged == nil })
    #expect(ListRow.json(rows) == Data((try JSON.encode(rows)).utf8))
    for index in rows.indices { rows[index].includesDaysOverdue = true }
    #expect(rows.contains { $0.daysOverdue != nil } && rows.contains { $0.daysOverdue == nil })
    #expect(ListRow.json(rows) == Data((try JSON.encode(rows)).utf8))
    #expect(ListRow.json([]) == Data((try JSON.encode([ListRow]())).utf8))

    // Scores put in after the rows are written land where the rows written with them have
    // them: scores of several kinds, a row without one, and no scores at all.
    let linter = Linter(config: workspace.config)
    let texts = [
      Propositions.text(), Propositions.text(title: "Short"),
      "# Faster month-end close\n\n**For** finance teams.\n",
    ]
    let made = try texts.enumerated().map { index, text in
      linter.lint(try Proposition(id: "p\(index)", path: "p\(index).md", data: Data(text.utf8)), asOf: day)
        .scores
    }
    #expect(Set(made.map(\.total)).count > 1, "the scores differ: \(made.map(\.total))")
    let scores: [LintScore?] = rows.indices.map { $0 == 2 ? nil : made[$0 % made.count] }
    let inline = ListRow.json(rows, scores: scores)
    #expect(inline != ListRow.json(rows))
    #expect(ListRow.json(rows, scoresWhenMade: { scores }) == inline)
    #expect(ListRow.json(rows, scoresWhenMade: { nil }) == ListRow.json(rows))
    // Numbers of every width, and negative ones (no score is, but the writer takes any).
    let widths = [0, 7, 100, -3, 42, 1_000, -1_000_000]
    let odd: [LintScore?] = rows.indices.map { row in
      LintScore(
        values: Characteristic.allCases.indices.map { widths[(row + $0) % widths.count] },
        total: widths[(row * 3) % widths.count])
    }
    #expect(ListRow.json(rows, scoresWhenMade: { odd }) == ListRow.json(rows, scores: odd))
    #expect(ListRow.json([], scoresWhenMade: { [] }) == ListRow.json([]))
  }
}
