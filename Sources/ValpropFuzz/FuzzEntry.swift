import Foundation
import GitKit

#if FUZZING
  /// libFuzzer's entry point: one input.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzTarget.selected.run(Data(bytes: data, count: size))
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM makes `<module>_main` the program's entry: hand over to libFuzzer's driver.
  @_cdecl("ValpropFuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
  }
#else
  /// Without libFuzzer: replays every file given (or every file in the folders given)
  /// through the selected target, so a corpus and found crashes can be rerun anywhere.
  @main
  struct FuzzReplay {
    static func main() {
      var count = 0
      for argument in CommandLine.arguments.dropFirst() {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else { continue }
        let files =
          isFolder.boolValue
          ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map {
            argument + "/" + $0
          }
          : [argument]
        for file in files {
          guard let data = FileBytes.readIfPresent(file) else { continue }
          FuzzTarget.selected.run(data)
          count += 1
        }
      }
      print("replayed \(count) inputs through \(FuzzTarget.selected.rawValue)")
    }
  }
#endif
