import Foundation

/// Upper bounds on how long a guard against a blow-up (quadratic work, an alias bomb, a hang)
/// may take. They catch pathologies, not slowness: speed is measured by the benchmark.
/// Sanitizer builds run several times slower, so `VALPROP_TEST_TIME_SCALE` multiplies them.
public enum TimeBound {
  /// `seconds`, scaled for the build under test.
  public static func seconds(_ seconds: Int) -> Duration {
    .seconds(seconds) * scale
  }

  /// The factor from `VALPROP_TEST_TIME_SCALE` (1 when unset or not a positive number).
  static let scale: Int = {
    guard let text = ProcessInfo.processInfo.environment["VALPROP_TEST_TIME_SCALE"], let value = Int(text),
      value > 0
    else { return 1 }
    return value
  }()
}
