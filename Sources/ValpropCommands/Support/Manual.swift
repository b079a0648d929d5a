import ArgumentParser
import Foundation

/// The manual page `valprop help --man` prints (roff, section 1): every command's help, so
/// `valprop help --man > valprop.1 && man ./valprop.1` works without network or plugins.
enum Manual {
  /// The whole page.
  static func page() -> String {
    var out = ".TH VALPROP 1 \"\" \"valprop \(ValpropVersion.current)\" \"User Commands\"\n"
    out += ".SH NAME\nvalprop \\- " + escape(Valprop.configuration.abstract) + "\n"
    out += ".SH SYNOPSIS\n.B valprop\n[\\fB\\-C\\fR \\fIpath\\fR]... \\fIcommand\\fR [\\fIoptions\\fR]\n"
    out += ".SH DESCRIPTION\n" + paragraphs(Valprop.configuration.discussion)
    out += ".SH COMMANDS\n"
    for (name, type) in CommandLineCheck.commands() {
      out += ".SS \"valprop \(name.joined(separator: " "))\"\n"
      out += escape(type.configuration.abstract) + "\n.PP\n.nf\n"
      out += escape(Valprop.helpMessage(for: type, columns: 100)) + "\n.fi\n"
    }
    out += ".SH EXIT STATUS\n.TP\n.B 0\nSuccess.\n.TP\n.B 1\n"
    out += "The command ran and found something to report (stale propositions, lint errors).\n"
    out += ".TP\n.B 2\nIt could not do its job: bad arguments, no such proposition or revision, not a git"
    out += " repository, a file it cannot parse.\n"
    out += ".SH SEE ALSO\n.BR git (1)\n"
    return out
  }

  /// Text as roff paragraphs: blank lines separate them, indented lines stay as written.
  static func paragraphs(_ text: String) -> String {
    text.components(separatedBy: "\n\n").map { block in
      if block.split(separator: "\n").contains(where: { $0.hasPrefix("  ") }) {
        return ".nf\n" + escape(block) + "\n.fi\n"
      }
      return escape(block) + "\n.PP\n"
    }.joined()
  }

  /// Escapes backslashes and the characters roff reads as requests at a line's start, and
  /// writes every character beyond ASCII ("…", "—") as roff's `\[uXXXX]`, which any man
  /// reader shows whatever its input encoding.
  static func escape(_ text: String) -> String {
    let escaped = text.replacingOccurrences(of: "\\", with: "\\e").split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { line in
      line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
    }.joined(separator: "\n").replacingOccurrences(of: "-", with: "\\-")
    return escaped.unicodeScalars.map { scalar in
      scalar.isASCII ? String(scalar) : "\\[u" + String(format: "%04X", scalar.value) + "]"
    }.joined()
  }
}
