import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command's bytes go: a standard stream of the process, or a buffer a test reads.
protocol TextOutput: AnyObject, Sendable {
  /// Writes bytes unchanged.
  func write(_ data: Data)
  /// Whether the bytes reach a terminal (colour and table fitting are for terminals only).
  var isTerminal: Bool { get }
  /// The terminal's width in columns, when it reports one.
  var terminalColumns: Int? { get }
}

/// One of the process's standard streams (1 or 2).
final class StandardStream: TextOutput {
  /// The process's standard output.
  static let output = StandardStream(descriptor: STDOUT_FILENO)
  /// The process's standard error.
  static let errors = StandardStream(descriptor: STDERR_FILENO)

  private let descriptor: Int32

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func write(_ data: Data) {
    (descriptor == STDOUT_FILENO ? FileHandle.standardOutput : FileHandle.standardError).write(data)
  }

  var isTerminal: Bool { isatty(descriptor) == 1 }

  var terminalColumns: Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}

/// Bytes kept in memory, for running commands in-process in tests; it can pretend to be a
/// terminal of a given width.
final class CapturedOutput: TextOutput, @unchecked Sendable {
  private let lock = NSLock()
  private var bytes = Data()
  let isTerminal: Bool
  let terminalColumns: Int?

  /// A buffer; `columns` makes it a terminal that wide.
  init(terminalColumns columns: Int? = nil) {
    isTerminal = columns != nil
    terminalColumns = columns
  }

  func write(_ data: Data) {
    lock.withLock { bytes.append(data) }
  }

  /// Everything written so far.
  var data: Data { lock.withLock { bytes } }

  /// Everything written so far, as text (invalid UTF-8 replaced).
  var text: String { String(decoding: data, as: UTF8.self) }
}
