#if os(Linux) && canImport(Glibc)
  import CMalloc
#endif

/// How the C heap serves this process, set once at start-up (glibc only).
///
/// glibc maps every allocation of 128 KiB or more on its own and unmaps it when freed, and
/// returns freed memory at the heap's top to the system at once, raising both limits only
/// after the first such free. A valprop run is short and allocates buffers of that size
/// again and again (a cache file read, its lines, the rows' JSON), so each came from fresh
/// pages, each page a fault: a warm `list` after a commit took 3,100 page faults. Serving
/// buffers up to 1 MiB from the heap and keeping up to 32 MiB of freed top reuses the pages:
/// 2,760 faults and 6% less time (docs/performance.md, session 19).
///
/// Each thread that allocates gets a heap of its own, which glibc makes writable a few pages
/// at a time as it grows, one `mprotect` each: 120 of the 150 system calls of that kind in a
/// warm `list`. Asking for 4 MiB more than needed when a thread's heap is made (and when the
/// main heap grows) makes a short run's heaps writable in one call each; pages are still
/// only backed when first written (session 27).
/// A limit set in the environment (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`,
/// `MALLOC_TOP_PAD_`, or any of them through `GLIBC_TUNABLES`) wins.
enum HeapTuning {
  /// The largest allocation served from the heap rather than mapped on its own.
  static let mappedFrom: Int32 = 1 << 20
  /// How much freed memory at the heap's top is kept rather than returned.
  static let keptAtTop: Int32 = 32 << 20
  /// How much more than an allocation needs a thread's heap is made writable with, and the
  /// main heap grows by.
  static let paddedAtTop: Int32 = 4 << 20

  /// Applies the limits unless the environment sets its own.
  static func apply(environment: [String: String]) {
    #if os(Linux) && canImport(Glibc)
      let tunables = environment["GLIBC_TUNABLES"] ?? ""
      if environment["MALLOC_TOP_PAD_"] == nil, !tunables.contains("glibc.malloc.top_pad") {
        _ = mallopt(M_TOP_PAD, paddedAtTop)
      }
      guard environment["MALLOC_MMAP_THRESHOLD_"] == nil, environment["MALLOC_TRIM_THRESHOLD_"] == nil,
        !tunables.contains("glibc.malloc.mmap_threshold"), !tunables.contains("glibc.malloc.trim_threshold")
      else { return }
      _ = mallopt(M_MMAP_THRESHOLD, mappedFrom)
      _ = mallopt(M_TRIM_THRESHOLD, keptAtTop)
    #endif
  }
}
