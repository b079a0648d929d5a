/// Makes the HTML that Ink renders from a proposition's Markdown safe to show.
///
/// Ink passes raw HTML blocks through as written and writes link targets unescaped, so its
/// output cannot be trusted. The sanitiser keeps only the elements Markdown itself produces,
/// each written anew with the attributes it may carry; every other `<` is shown as text.
/// Link targets keep only `http:`, `https:`, `mailto:` and relative addresses (other schemes,
/// `javascript:` and `data:` among them, lose their target); images become links to their
/// address, since the report loads nothing from elsewhere; HTML comments (template hints)
/// are dropped; elements left open are closed, and closing tags with no open element are
/// dropped, so the fragment cannot close the page's own elements.
public enum HTMLSanitizer {
  /// Elements kept, with the attributes each may carry.
  static let allowed: [String: Set<String>] = [
    "p": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "em": [], "strong": [], "del": [],
    "s": [], "code": ["class"], "pre": [], "ul": [], "ol": ["start"], "li": [], "blockquote": [],
    "a": ["href"],
    "img": ["src", "alt"], "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
    "hr": [], "br": [],
  ]
  /// Elements without content.
  static let void: Set<String> = ["hr", "br", "img"]

  /// One tag, parsed.
  struct Tag {
    var closing: Bool
    var name: String
    var attributes: [(name: String, value: String)]
  }

  /// The safe version of `html`; `headingShift` moves headings down (1: `h1` becomes `h2`),
  /// so that a proposition's headings sit below the page's own.
  public static func sanitize(_ html: String, headingShift: Int = 0) -> String {
    let scalars = Array(html.unicodeScalars)
    var output = String.UnicodeScalarView()
    var open: [String] = []
    var index = 0
    func append(_ text: String) { output.append(contentsOf: text.unicodeScalars) }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == ">" {
        append("&gt;")
        index += 1
        continue
      }
      guard scalar == "<" else {
        output.append(scalar)
        index += 1
        continue
      }
      if starts(scalars, at: index, with: "<!--"), let end = find(scalars, "-->", from: index + 4) {
        index = end + 3
        continue
      }
      guard let close = scalars[index...].firstIndex(of: ">"),
        var tag = parse(String(String.UnicodeScalarView(scalars[(index + 1)..<close]))),
        let names = allowed[tag.name],
        tag.attributes.allSatisfy({ names.contains($0.name) })
      else {
        append("&lt;")
        index += 1
        continue
      }
      index = close + 1
      if tag.name.count == 2, tag.name.hasPrefix("h"), let level = Int(tag.name.dropFirst()) {
        tag.name = "h\(min(6, level + headingShift))"
      }
      if tag.closing {
        guard let position = open.lastIndex(of: tag.name) else { continue }
        for name in open[position...].reversed() { append("</\(name)>") }
        open.removeSubrange(position...)
        continue
      }
      append(render(tag))
      if !void.contains(tag.name) { open.append(tag.name) }
    }
    for name in open.reversed() { output.append(contentsOf: "</\(name)>".unicodeScalars) }
    return String(output)
  }

  /// The tag written anew: attribute values escaped, link targets checked.
  static func render(_ tag: Tag) -> String {
    func value(_ name: String) -> String? { tag.attributes.last { $0.name == name }?.value }
    switch tag.name {
    case "a":
      guard let href = value("href"), isSafe(href) else { return "<a>" }
      return "<a href=\"\(HTMLText.escape(href))\">"
    case "img":
      // Shown as a link to the image: the report makes no request on its own.
      let alt = value("alt").map(HTMLText.escape) ?? ""
      guard let source = value("src"), isSafe(source) else { return "[image: \(alt)]" }
      return
        "<a href=\"\(HTMLText.escape(source))\">[image: \(alt.isEmpty ? HTMLText.escape(source) : alt)]</a>"
    case "code":
      if let language = value("class"), language.hasPrefix("language-"),
        language.unicodeScalars.allSatisfy({
          $0.properties.isAlphabetic || "0123456789-_+".unicodeScalars.contains($0)
        })
      {
        return "<code class=\"\(language)\">"
      }
      return "<code>"
    case "ol":
      if let start = value("start"), let number = Int(start) { return "<ol start=\"\(number)\">" }
      return "<ol>"
    case "th", "td":
      if let align = value("align"), ["left", "center", "right"].contains(align) {
        return "<\(tag.name) align=\"\(align)\">"
      }
      return "<\(tag.name)>"
    default:
      return "<\(tag.name)>"
    }
  }

  /// Whether a link target is allowed: http, https or mailto, or relative. Browsers ignore
  /// white space and control characters in a scheme, so they are ignored here too.
  public static func isSafe(_ url: String) -> Bool {
    let compact = String(
      String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
    )
    .lowercased()
    guard let colon = compact.firstIndex(of: ":") else { return true }
    let scheme = compact[..<colon]
    if scheme.contains(where: { "/?#".contains($0) }) { return true }
    return ["http", "https", "mailto"].contains(String(scheme))
  }

  /// Parses the inside of `<…>`: `/name`, or `name` followed by `attribute="value"` pairs
  /// and an optional `/`; nil for anything else.
  static func parse(_ inside: String) -> Tag? {
    var rest = Substring(inside)
    let closing = rest.hasPrefix("/")
    if closing { rest = rest.dropFirst() }
    let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
    guard !name.isEmpty else { return nil }
    rest = rest.dropFirst(name.count)
    var attributes: [(name: String, value: String)] = []
    while true {
      let spaces = rest.prefix { $0 == " " }
      rest = rest.dropFirst(spaces.count)
      if rest.isEmpty || rest == "/" { break }
      guard !spaces.isEmpty, !closing else { return nil }
      let attribute = rest.prefix { $0.isASCII && ($0.isLetter || $0 == "-") }
      guard !attribute.isEmpty else { return nil }
      rest = rest.dropFirst(attribute.count)
      guard rest.hasPrefix("=\"") else { return nil }
      rest = rest.dropFirst(2)
      guard let quote = rest.firstIndex(of: "\"") else { return nil }
      let value = rest[..<quote]
      if value.contains("<") { return nil }
      attributes.append((attribute.lowercased(), String(value)))
      rest = rest[rest.index(after: quote)...]
    }
    return Tag(closing: closing, name: name.lowercased(), attributes: attributes)
  }

  private static func starts(_ scalars: [Unicode.Scalar], at index: Int, with text: String) -> Bool {
    let wanted = Array(text.unicodeScalars)
    return index + wanted.count <= scalars.count && Array(scalars[index..<(index + wanted.count)]) == wanted
  }

  private static func find(_ scalars: [Unicode.Scalar], _ text: String, from start: Int) -> Int? {
    var index = start
    while index < scalars.count {
      if starts(scalars, at: index, with: text) { return index }
      index += 1
    }
    return nil
  }
}
