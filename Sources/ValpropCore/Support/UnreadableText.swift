/// Why a file's bytes are not text valprop reads (propositions, templates and the config
/// must be non-empty UTF-8 text of a bounded size); each case says where and what to do.
public enum UnreadableText: Error, Equatable, Sendable {
  /// Larger than `SourceText.maximumSize`.
  case tooLarge(bytes: Int)
  /// Nothing but white space.
  case empty
  /// A NUL byte, on this line: a binary file.
  case binary(line: Int)
  /// Bytes that are not UTF-8, first on this line.
  case notUTF8(line: Int)

  /// What is wrong, without the file's name.
  public var problem: String {
    switch self {
    case .tooLarge(let bytes):
      return "the file is \(bytes / 1_000_000) MB; valprop reads files of at most"
        + " \(SourceText.maximumSize / 1_000_000) MB"
    case .empty: return "the file is empty"
    case .binary: return "the file is binary (it contains a NUL byte), not Markdown text"
    case .notUTF8: return "the file is not valid UTF-8 text"
    }
  }

  /// What to do about it.
  public var hint: String {
    switch self {
    case .tooLarge:
      return "a proposition is a page of text: move attachments and data out of the propositions folder"
    case .empty: return "write a proposition in it (see 'valprop new'), or delete it"
    case .binary: return "keep only Markdown text files in the propositions folder"
    case .notUTF8: return "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8"
    }
  }

  /// The line it is on, where there is one.
  public var line: Int? {
    switch self {
    case .binary(let line), .notUTF8(let line): return line
    case .tooLarge, .empty: return nil
    }
  }

  /// Where it is in the file at `path`.
  public func location(path: String) -> SourceLocation {
    SourceLocation(path: path, line: line)
  }
}
