import Foundation
import Mustache

/// A proposition template: Mustache text that renders to a proposition file. Built-in ones
/// come from `templates/` (carried in the binary); a workspace's `.valprop/templates/<name>.md`
/// shadows the built-in one of the same name.
public struct PropositionTemplate: Sendable {
  /// Where a template comes from.
  public enum Origin: Sendable, Equatable {
    /// Carried in the valprop binary.
    case builtIn
    /// A file of the workspace, path relative to its root.
    case workspace(path: String)
  }

  /// The name given to `--template`.
  public let name: String
  /// Where it comes from.
  public let origin: Origin
  /// The Mustache text.
  public let text: String

  /// Creates a template from its text.
  public init(name: String, origin: Origin, text: String) {
    self.name = name
    self.origin = origin
    self.text = text
  }

  /// The path to name in messages.
  var displayPath: String {
    switch origin {
    case .builtIn: "built-in template '\(name)'"
    case .workspace(let path): path
    }
  }

  /// The text of the leading Mustache comment (`{{! … }}`), which describes the template.
  public var summary: String {
    guard let start = text.range(of: "{{!"), text[..<start.lowerBound].allSatisfy(\.isWhitespace),
      let end = text.range(of: "}}", range: start.upperBound..<text.endIndex)
    else { return "" }
    return text[start.upperBound..<end.lowerBound].split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
  }

  /// Renders the template for a new proposition and checks that the result parses as one.
  public func render(_ values: TemplateValues) throws -> String {
    let template: MustacheTemplate
    do {
      // Values are inserted as they are: Markdown is not HTML, so nothing is escaped.
      template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n" + text)
    } catch let error as MustacheTemplate.ParserError {
      // The first line is valprop's own content-type tag: the template's lines start at 2.
      throw ValpropError.invalidTemplate(
        SourceLocation(
          path: displayPath, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
        problem: Self.describe(error.error),
        hint: "fix the Mustache tags: {{title}}, {{{yaml.title}}}, {{#yaml.owner}}…{{/yaml.owner}}")
    } catch {
      throw ValpropError.invalidTemplate(
        SourceLocation(path: displayPath), problem: "cannot parse the template",
        hint: "fix the Mustache tags: {{title}}, {{{yaml.title}}}, {{#yaml.owner}}…{{/yaml.owner}}")
    }
    let rendered = template.render(values.context)
    do {
      _ = try Proposition(id: values.id, path: displayPath, text: rendered)
    } catch let error as ValpropError {
      throw ValpropError.invalidTemplate(
        SourceLocation(path: displayPath),
        problem: "renders to a file that is not a valid proposition: \(error.problem)",
        hint: "fix the template's front matter; insert values into YAML with {{{yaml.title}}},"
          + " which quotes them")
    }
    return rendered
  }

  /// What is wrong with a template that cannot be parsed, in words.
  static func describe(_ error: Error) -> String {
    switch error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect: return "this {{/…}} closes a section that was opened with another name"
    case .unfinishedName: return "a tag is not finished: a name and '}}' are expected here"
    case .expectedSectionEnd: return "a section opened with {{#…}} or {{^…}} is never closed with {{/…}}"
    case .invalidSetDelimiter: return "the {{=… …=}} tag that sets delimiters is malformed"
    case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
      return "a {{% … }} configuration tag is not one Mustache knows"
    default: return "the template cannot be parsed as Mustache here"
    }
  }

  /// Renders the template with sample values: nil when it is usable, else what is wrong
  /// (what `valprop templates` reports and `new` would refuse).
  public func problem() -> ValpropError? {
    let sample = TemplateValues(
      id: "example", title: "Example", owners: ["@owner"], audience: "Example audience",
      date: CalendarDate(year: 2026, month: 1, day: 1)!)
    do {
      _ = try render(sample)
      return nil
    } catch let error as ValpropError {
      return error
    } catch {
      return .invalidTemplate(
        SourceLocation(path: displayPath), problem: "\(error)", hint: "fix the template")
    }
  }

  /// The framework the rendered template declares, when it renders to a valid proposition.
  public var framework: Framework? {
    let sample = TemplateValues(
      id: "example", title: "Example", owners: [], audience: nil,
      date: CalendarDate(year: 2026, month: 1, day: 1)!)
    return (try? render(sample)).flatMap { try? Proposition(id: "example", path: name, text: $0) }?.framework
  }
}

/// What `valprop new` inserts into a template.
public struct TemplateValues: Sendable {
  /// The new id.
  public var id: String
  /// The title.
  public var title: String
  /// The owners, possibly none.
  public var owners: [String]
  /// The audience, when given.
  public var audience: String?
  /// Today's date.
  public var date: CalendarDate
  /// The pathspecs of the code it describes (`tracks:`), possibly none.
  public var tracks: [String]

  /// Creates the values.
  public init(
    id: String, title: String, owners: [String], audience: String?, date: CalendarDate, tracks: [String] = []
  ) {
    self.id = id
    self.title = title
    self.owners = owners
    self.audience = audience
    self.date = date
    self.tracks = tracks
  }

  /// The Mustache context: plain values for Markdown (`{{title}}`), and YAML-quoted ones under
  /// `yaml` for front matter (`{{{yaml.title}}}`); absent values are null, so sections skip.
  var context: [String: Any] {
    // Absent values are left out of the dictionaries: Mustache then finds nothing, and
    // `{{#yaml.owner}}…{{/yaml.owner}}` sections skip.
    var yaml: [String: Any] = ["title": Self.quoted(title), "id": Self.quoted(id)]
    var plain: [String: Any] = ["id": id, "title": title, "date": date.description]
    if !owners.isEmpty {
      plain["owner"] = owners.joined(separator: ", ")
      yaml["owner"] =
        owners.count == 1
        ? Self.quoted(owners[0]) : "[" + owners.map(Self.quoted).joined(separator: ", ") + "]"
    }
    if let audience {
      plain["audience"] = audience
      yaml["audience"] = Self.quoted(audience)
    }
    if !tracks.isEmpty {
      plain["tracks"] = tracks.joined(separator: ", ")
      yaml["tracks"] = "[" + tracks.map(Self.quoted).joined(separator: ", ") + "]"
    }
    plain["yaml"] = yaml
    return plain
  }

  /// A YAML double-quoted scalar: JSON string syntax, which YAML reads the same way.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        result +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
