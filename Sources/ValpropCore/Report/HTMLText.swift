/// Escaping text for HTML: every title, owner, commit message and author name of the report
/// goes through it (or through Mustache's `{{…}}`, which escapes the same five characters).
public enum HTMLText {
  /// The text with `&`, `<`, `>`, `"` and `'` written as character references, safe in an
  /// element's content and in a quoted attribute value.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
