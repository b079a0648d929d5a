import Foundation
import ValpropCore

/// The JSON of `valprop diff`, written directly: byte for byte what `JSON.encode` writes for
/// `["changes": changes]` (keys sorted), in a fraction of the time, which on a diff over many
/// long documents was a fifth of the run. A test compares the two on random changes.
enum DiffJSON {
  /// The text of `{"changes": [...]}`. Each change is written on its own, on every core,
  /// and the bytes joined in order: the changes hold every changed section's text (11.5 MB
  /// for `diff --base HEAD~200` on rust-lang/rfcs).
  static func text(_ changes: [PropositionChange]) -> String {
    String(decoding: data(changes), as: UTF8.self)
  }

  /// The same text's bytes, as `valprop diff` writes them (made into a String, 11.5 MB were
  /// checked as UTF-8 and copied twice more on the way out).
  static func data(_ changes: [PropositionChange]) -> Data {
    let written = ResultSlots<[UInt8]>(count: changes.count)
    DispatchQueue.concurrentPerform(iterations: changes.count) { index in
      var writer = JSONWriter(memberOfArrayAtDepth: 2, first: index == 0)
      write(changes[index], to: &writer)
      written.set(index, writer.bytes)
    }
    var writer = JSONWriter()
    writer.object { writer in
      writer.field("changes")
      // Taken from the slots: each member is freed once joined.
      writer.array { writer in writer.appendMembers(written.takeValues()) }
    }
    return writer.takeData()
  }

  private static func write(_ change: PropositionChange, to writer: inout JSONWriter) {
    writer.object { writer in
      writer.field("change")
      writer.string(change.change.rawValue)
      writer.field("fields")
      writer.array { writer in
        for field in change.diff.fields {
          writer.object { writer in
            writer.field("name")
            writer.string(field.name)
            writer.field("new")
            writer.string(field.new)
            writer.field("old")
            writer.string(field.old)
          }
        }
      }
      writer.field("id")
      writer.string(change.id)
      writer.field("oldPath")
      writer.string(change.oldPath)
      writer.field("path")
      writer.string(change.path)
      writer.field("sections")
      writer.array { writer in
        for section in change.diff.sections {
          writer.object { writer in
            writer.field("change")
            writer.string(section.change.rawValue)
            writer.field("heading")
            writer.string(section.heading)
            writer.field("level")
            writer.integer(section.level)
            writer.field("previousHeading")
            writer.string(section.previousHeading)
            writer.field("tokens")
            writer.array { writer in
              for token in section.tokens {
                writer.object { writer in
                  writer.field("op")
                  writer.string(token.op.rawValue)
                  writer.field("text")
                  writer.string(token.text)
                }
              }
            }
          }
        }
      }
    }
  }
}
