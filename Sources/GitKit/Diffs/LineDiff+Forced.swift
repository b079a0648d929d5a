import Foundation

extension LineDiff {
  /// The hunks xdiff gives two sequences of lines, found without running it where its answer
  /// is forced; nil where only xdiff can answer.
  ///
  /// xdiff (libgit2's, Myers, no indent heuristic, as `hunks(lines:_:)` runs it) sets aside
  /// the lines both sides start and end with, then chooses which of the remaining lines to
  /// match, with heuristics that count each line's copies in the whole text. When one side
  /// has no remaining lines, or the two sides' remaining lines share no line, every
  /// remaining line is changed whatever those heuristics choose. xdiff then slides each run
  /// of changed lines as far up and then down as the lines around it repeat it, and moves
  /// it back up to the last place where it faces changed lines on the other side: a
  /// replacement stays where it is, and a lone insertion or deletion ends as far down as it
  /// can slide, which is where the lines both sides start with end. A word diff of a typo
  /// fix or an added sentence is this case; xdiff's input for it was the whole section's
  /// words, each hashed, and libgit2 hashed both texts whole as well (a third of a cold
  /// `log`'s main thread on swift-evolution, docs/performance.md, session 26).
  ///
  /// `oldLine(i)` and `newLine(j)` are the bytes of a line (without its line feed); lines
  /// are equal when their bytes are. Nil as well when telling that the remaining lines share
  /// none takes more than `limit` comparisons. A caller that knows the first `equalPrefix`
  /// lines and the last `equalSuffix` lines of both sides to be equal says so, and they are
  /// not compared again.
  public static func forcedHunks(
    oldCount: Int, newCount: Int, limit: Int = 4_096, equalPrefix: Int = 0, equalSuffix: Int = 0,
    oldLine: (Int) -> UnsafeRawBufferPointer, newLine: (Int) -> UnsafeRawBufferPointer
  ) -> [DiffHunk]? {
    func equal(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
      left.count == right.count
        && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }
    let shorter = min(oldCount, newCount)
    var prefix = min(equalPrefix, shorter)
    while prefix < shorter, equal(oldLine(prefix), newLine(prefix)) { prefix += 1 }
    var suffix = min(equalSuffix, shorter - prefix)
    while suffix < shorter - prefix, equal(oldLine(oldCount - 1 - suffix), newLine(newCount - 1 - suffix)) {
      suffix += 1
    }
    let removed = oldCount - prefix - suffix
    let added = newCount - prefix - suffix
    if removed == 0 && added == 0 { return [] }
    if removed > 0 && added > 0 {
      guard removed <= limit / added else { return nil }
      for old in prefix..<prefix + removed {
        let line = oldLine(old)
        for new in prefix..<prefix + added where equal(line, newLine(new)) { return nil }
      }
    }
    // A lone insertion or deletion is as far down as it slides already: it could slide
    // down only if its first line were the line after it, and that line is the other
    // side's next one, which would have joined the lines both start with.
    return [DiffHunk(old: prefix..<prefix + removed, new: prefix..<prefix + added)]
  }
}
