import Foundation

/// Helpers for writing a proposition file back as its author wrote it.
public enum PropositionFile {
  /// The bytes of a new text, keeping the original file's byte-order mark when it had one.
  public static func data(_ text: String, like original: Data) -> Data {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    return original.starts(with: bom) ? Data(bom) + Data(text.utf8) : Data(text.utf8)
  }

  /// A value for front matter: plain when YAML reads it back as the same text, else quoted.
  public static func yaml(_ value: String) -> String {
    let plain = value.unicodeScalars.allSatisfy { scalar in
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        || scalar == "-"
        || scalar == "_" || scalar == "."
    }
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~"]
    if plain, !value.isEmpty, !value.hasPrefix("-"), !reserved.contains(value.lowercased()),
      Double(value) == nil
    {
      return value
    }
    return TemplateValues.quoted(value)
  }

  /// A YAML flow list of ids, each written as `yaml` writes it.
  public static func yamlList(_ ids: [String]) -> String {
    "[" + ids.map(yaml).joined(separator: ", ") + "]"
  }
}
