import ValpropCore

/// The JSON of `valprop diff`, written directly: byte for byte what `JSON.encode` writes for
/// `["changes": changes]` (keys sorted), in a fraction of the time, which on a diff over many
/// long documents was a fifth of the run. A test compares the two on random changes.
enum DiffJSON {
  /// The text of `{"changes": [...]}`.
  static func text(_ changes: [PropositionChange]) -> String {
    var writer = JSONWriter()
    writer.object { writer in
      writer.field("changes")
      writer.array { writer in
        for change in changes { write(change, to: &writer) }
      }
    }
    return writer.text
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
