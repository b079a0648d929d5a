/// Escaping text for HTML, the one escaper of valprop: the report escapes every title, owner,
/// commit message and author name with `escape` (as Mustache's `{{…}}` does), and the
/// Markdown of `diff` and of pull-request comments escapes text between tags with
/// `escapeContent`.
public enum HTMLText {
  /// The text with `&`, `<`, `>`, `"` and `'` written as character references, safe in an
  /// element's content and in a quoted attribute value.
  public static func escape(_ text: String) -> String { escape(text, quotes: true) }

  /// The text with `&`, `<` and `>` written as character references: safe between tags
  /// (Markdown and pull-request comments), quotes left as typed.
  public static func escapeContent(_ text: String) -> String { escape(text, quotes: false) }

  private static func escape(_ text: String, quotes: Bool) -> String {
    // Most text has nothing to escape: it is returned as it is, without a copy.
    let special = text.utf8.contains { byte in
      byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
        || (quotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
    }
    guard special else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where quotes: result += "&quot;"
      case "'" where quotes: result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
