import Foundation
import Testing

@testable import ValpropCommands

/// The value `list` scores on a thread of its own, and the selection handed to that thread.
@Suite struct PendingTests {
  /// A value made on its own thread, which waits for a handoff another thread fills.
  @Test func aPendingValueWaitsForItsHandoff() {
    let handoff = Handoff<[Int]>()
    let pending = Pending<Int>()
    pending.start { (handoff.take() ?? [-1]).reduce(0, +) }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) { handoff.put([1, 2, 3]) }
    #expect(pending.wait() == 6)
  }

  /// A handoff closed without a value gives nil to the thread waiting on it, and a value put
  /// after that, or a second one, is dropped.
  @Test func aClosedHandoffGivesNil() {
    let closed = Handoff<String>()
    let pending = Pending<String?>()
    pending.start { closed.take() }
    closed.close()
    closed.put("late")
    #expect(pending.wait() == .some(nil))
    #expect(closed.take() == nil)
    let twice = Handoff<String>()
    twice.put("first")
    twice.put("second")
    twice.close()
    #expect(twice.take() == "first")
  }

  /// A value never started is nil at once.
  @Test func aValueNeverStartedIsNil() {
    #expect(Pending<Int>().wait() == nil)
  }
}
