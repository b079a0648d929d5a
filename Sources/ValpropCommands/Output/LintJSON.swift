import ValpropCore

/// The JSON of `valprop lint --format json`, written directly: byte for byte what
/// `LintRenderer.json` writes through JSONEncoder (keys sorted), which took a tenth of a lint
/// of long documents with many findings. `VALPROP_LINT_ENGINE=reference` writes it with
/// `LintRenderer.json`; a test compares the two on random results.
enum LintJSON {
  /// The characteristics in the order `JSON.encode` sorts their keys.
  private static let characteristics = Characteristic.allCases.sorted { $0.rawValue < $1.rawValue }

  /// The text of `{"findings": [...], "propositions": [...]}`.
  static func text(_ results: [LintResult]) -> String {
    var writer = JSONWriter()
    writer.object { writer in
      writer.field("findings")
      writer.array { writer in
        for result in results {
          for finding in result.findings { write(finding, to: &writer) }
        }
      }
      writer.field("propositions")
      writer.array { writer in
        for result in results { write(result, to: &writer) }
      }
    }
    return writer.text
  }

  private static func write(_ finding: LintFinding, to writer: inout JSONWriter) {
    writer.object { writer in
      writer.field("column", finding.column)
      writer.field("concern", finding.rule.concern.rawValue)
      writer.field("id", finding.id)
      writer.field("line", finding.line)
      writer.field("message", finding.message)
      writer.field("path", finding.path)
      writer.field("rule", finding.rule.id.rawValue)
      writer.field("severity", finding.severity.rawValue)
    }
  }

  private static func write(_ result: LintResult, to writer: inout JSONWriter) {
    writer.object { writer in
      writer.field("id", result.id)
      writer.field("score", result.score)
      writer.field("scores")
      writer.object { writer in
        for characteristic in characteristics {
          writer.field(named: characteristic.rawValue, result.scores[characteristic])
        }
      }
    }
  }
}
