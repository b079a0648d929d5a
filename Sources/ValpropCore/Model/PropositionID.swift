/// The rules for the id of a new proposition (its file name without `.md`).
public enum PropositionID {
  /// The longest id accepted.
  public static let maximumLength = 64

  /// Checks an id given to `new`: 1-64 lowercase ASCII letters, digits and `-`, starting with
  /// a letter or digit. Throws `ValpropError.invalidID` saying which rule it breaks.
  public static func validate(_ id: String) throws {
    func reject(_ problem: String) -> ValpropError { .invalidID(id, problem: problem) }
    if id.isEmpty { throw reject("it is empty") }
    if id.hasPrefix("/") { throw reject("it is an absolute path; give a name, not a path") }
    if id.contains("/") || id.contains("\\") { throw reject("it contains a slash; give a name, not a path") }
    if id.contains("..") { throw reject("it contains '..'") }
    if id.unicodeScalars.count > maximumLength {
      throw reject("it is \(id.unicodeScalars.count) characters long, more than \(maximumLength)")
    }
    if id.hasPrefix("-") { throw reject("it starts with '-'") }
    if id.hasSuffix(".md") { throw reject("leave out the '.md'; valprop adds it") }
    for scalar in id.unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9", "-": continue
      case "A"..."Z": throw reject("it contains upper case '\(scalar)'")
      case " ", "\t": throw reject("it contains a space")
      default:
        let shown =
          scalar.properties.isWhitespace || scalar.value < 0x20
          ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "'\(scalar)'"
        throw reject("it contains \(shown)")
      }
    }
  }

  /// A readable title made from an id: `reconciliation-autopilot` gives "Reconciliation autopilot".
  public static func defaultTitle(for id: String) -> String {
    let words = id.split(separator: "-").joined(separator: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }
}
