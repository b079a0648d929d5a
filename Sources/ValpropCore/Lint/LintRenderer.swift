import Foundation

/// Renders lint results in the formats of docs/commands.md (lint): text, json, github (workflow
/// annotations), sarif (2.1.0, code scanning) and rdjson (reviewdog).
public enum LintRenderer {
  /// For people: `path:line:column: severity: message [rule]`, a score per proposition, and
  /// a total.
  public static func text(_ results: [LintResult], color: Bool) -> String {
    var out = ""
    for result in results {
      for finding in result.findings {
        let level = finding.severity.rawValue
        let shown =
          color
          ? (finding.severity == .error ? "\u{1B}[31m\(level)\u{1B}[0m" : "\u{1B}[33m\(level)\u{1B}[0m")
          : level
        out +=
          "\(finding.path):\(finding.line):\(finding.column): \(shown): \(finding.message) [\(finding.rule.id.rawValue)]\n"
      }
    }
    let errors = results.flatMap(\.findings).filter { $0.severity == .error }.count
    let warnings = results.flatMap(\.findings).filter { $0.severity == .warning }.count
    if !results.isEmpty { out += results.isEmpty ? "" : "\n" }
    for result in results {
      out += "\(result.id): strength \(result.score)/100 (\(result.scores.summary))\n"
    }
    out +=
      "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(results.count) proposition\(results.count == 1 ? "" : "s")\n"
    return out
  }

  /// The stable JSON contract.
  public static func json(_ results: [LintResult]) throws -> String {
    let findings = results.flatMap(\.findings).map { finding -> [String: JSONValue] in
      [
        "id": .string(finding.id), "path": .string(finding.path), "line": .number(finding.line),
        "column": .number(finding.column), "rule": .string(finding.rule.id.rawValue),
        "concern": .string(finding.rule.concern.rawValue), "severity": .string(finding.severity.rawValue),
        "message": .string(finding.message),
      ]
    }
    let propositions = results.map {
      ["id": JSONValue.string($0.id), "score": .number($0.score), "scores": scoresJSON($0.scores)]
    }
    return try encode([
      "findings": .array(findings.map(JSONValue.object)),
      "propositions": .array(propositions.map(JSONValue.object)),
    ])
  }

  /// The sub-scores as a JSON object, keyed by characteristic.
  public static func scoresJSON(_ scores: LintScore) -> JSONValue {
    .object(
      Dictionary(uniqueKeysWithValues: Characteristic.allCases.map { ($0.rawValue, .number(scores[$0])) }))
  }

  /// GitHub Actions workflow commands, one annotation per finding.
  public static func github(_ results: [LintResult]) -> String {
    func property(_ text: String) -> String {
      text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: ":", with: "%3A")
        .replacingOccurrences(of: ",", with: "%2C")
    }
    func message(_ text: String) -> String {
      text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A")
    }
    return results.flatMap(\.findings).map { finding in
      "::\(finding.severity.rawValue) file=\(property(finding.path)),line=\(finding.line),col=\(finding.column),title=\(property("valprop \(finding.rule.id.rawValue)"))::\(message(finding.message))\n"
    }.joined()
  }

  /// SARIF 2.1.0 for code scanning: every rule with its help, every finding as a result.
  public static func sarif(_ results: [LintResult], version: String) throws -> String {
    let rules = LintRule.all
    let ruleObjects: [JSONValue] = rules.map { rule in
      .object([
        "id": .string(rule.id.rawValue), "name": .string(camelCase(rule.id.rawValue)),
        "shortDescription": .object(["text": .string(rule.summary)]),
        "fullDescription": .object(["text": .string(rule.summary + " " + rule.help)]),
        "help": .object([
          "text": .string("\(rule.help)\nWeak: \(rule.weak)\nStrong: \(rule.strong)"),
          "markdown": .string("\(rule.help)\n\n**Weak:** \(rule.weak)\n\n**Strong:** \(rule.strong)"),
        ]),
        "defaultConfiguration": .object(["level": .string(rule.severity.rawValue)]),
        "properties": .object(["tags": .array([.string(rule.concern.rawValue)])]),
      ])
    }
    let resultObjects: [JSONValue] = results.flatMap(\.findings).map { finding in
      .object([
        "ruleId": .string(finding.rule.id.rawValue),
        "ruleIndex": .number(rules.firstIndex { $0.id == finding.rule.id } ?? 0),
        "level": .string(finding.severity.rawValue),
        "message": .object(["text": .string(finding.message)]),
        "locations": .array([
          .object([
            "physicalLocation": .object([
              "artifactLocation": .object(["uri": .string(finding.path), "uriBaseId": .string("%SRCROOT%")]),
              "region": .object(["startLine": .number(finding.line), "startColumn": .number(finding.column)]),
            ])
          ])
        ]),
      ])
    }
    let log: JSONValue = .object([
      "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
      "version": .string("2.1.0"),
      "runs": .array([
        .object([
          "tool": .object([
            "driver": .object([
              "name": .string("valprop"), "version": .string(version),
              "rules": .array(ruleObjects),
            ])
          ]),
          "results": .array(resultObjects),
        ])
      ]),
    ])
    return try encode(log)
  }

  /// reviewdog's rdjson, with suggestions where the fix is mechanical; columns count UTF-8
  /// bytes, as reviewdog's format defines them.
  public static func rdjson(_ results: [LintResult]) throws -> String {
    let diagnostics: [JSONValue] = results.flatMap(\.findings).map { finding in
      var diagnostic: [String: JSONValue] = [
        "message": .string(finding.message),
        "location": .object([
          "path": .string(finding.path),
          "range": .object([
            "start": .object(["line": .number(finding.line), "column": .number(finding.byteColumn)])
          ]),
        ]),
        "severity": .string(finding.severity == .error ? "ERROR" : "WARNING"),
        "code": .object(["value": .string(finding.rule.id.rawValue)]),
      ]
      if let fix = finding.suggestion {
        diagnostic["suggestions"] = .array([
          .object([
            "range": .object([
              "start": .object(["line": .number(fix.line), "column": .number(fix.byteColumn)]),
              "end": .object(["line": .number(fix.endLine), "column": .number(fix.byteEndColumn)]),
            ]),
            "text": .string(fix.replacement),
          ])
        ])
      }
      return .object(diagnostic)
    }
    return try encode(
      .object([
        "source": .object(["name": .string("valprop")]),
        "diagnostics": .array(diagnostics),
      ]))
  }

  static func camelCase(_ id: String) -> String {
    let parts = id.split(separator: "-")
    return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
  }

  static func encode(_ value: JSONValue) throws -> String {
    try JSON.encode(value)
  }

  static func encode(_ object: [String: JSONValue]) throws -> String {
    try JSON.encode(JSONValue.object(object))
  }
}

/// A JSON value for output whose shape is fixed by other tools (SARIF, rdjson).
public enum JSONValue: Encodable, Sendable {
  /// A string.
  case string(String)
  /// A whole number.
  case number(Int)
  /// An array.
  case array([JSONValue])
  /// An object.
  case object([String: JSONValue])

  /// Encodes the value as itself.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .number(let number): try container.encode(number)
    case .array(let items): try container.encode(items)
    case .object(let members): try container.encode(members)
    }
  }
}
