import Foundation

/// Upper bounds on how long a guard against a blow-up (quadratic work, an alias bomb, a hang)
/// may take. They catch pathologies, not slowness: speed is measured by the benchmark.
/// Sanitizer builds run several times slower, so `VALPROP_TEST_TIME_SCALE` multiplies them.
public enum TimeBound {
  /// `seconds`, scaled for the build under test.
  public static func seconds(_ seconds: Int) -> Duration {
    .seconds(seconds) * scale
  }

  /// Waits until `condition` holds, checking every millisecond, for at most `milliseconds`
  /// (scaled like the bounds); returns whether it held. A wait on a condition, never a fixed
  /// sleep: it ends as soon as the condition holds, and a slow machine gets more time.
  @discardableResult
  public static func wait(upTo milliseconds: Int, until condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(milliseconds) * scale
    while !condition() {
      if ContinuousClock.now >= deadline { return condition() }
      usleep(1000)
    }
    return true
  }

  /// The factor from `VALPROP_TEST_TIME_SCALE` (1 when unset or not a positive number).
  static let scale: Int = {
    guard let text = ProcessInfo.processInfo.environment["VALPROP_TEST_TIME_SCALE"], let value = Int(text),
      value > 0
    else { return 1 }
    return value
  }()
}
