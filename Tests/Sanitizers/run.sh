#!/usr/bin/env bash
# Runs the whole test suite with valprop (and the tests) built under AddressSanitizer, with
# LeakSanitizer on. Leaks inside swift-corelibs-foundation, and the test harness's false
# positives, are suppressed by lsan.supp, each with its reason; any other report fails the run.
# Bounds on blow-ups in the tests are multiplied by VALPROP_TEST_TIME_SCALE (4 here).
#
#   bash Tests/Sanitizers/run.sh                # everything
#   bash Tests/Sanitizers/run.sh --filter Lint  # a part
set -euo pipefail
cd "$(dirname "$0")/../.."
export LSAN_OPTIONS="suppressions=$PWD/Tests/Sanitizers/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# The toolchain's own symbolizer: the system's hung reading its pipe in hook-driven runs.
if [ -x /opt/swift/usr/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/opt/swift/usr/bin/llvm-symbolizer
fi
# Bounds on blow-ups in the tests are scaled for ASan's slowdown.
export VALPROP_TEST_TIME_SCALE="${VALPROP_TEST_TIME_SCALE:-4}"
# VALPROP_EXIT_HANDLERS: the binary ends through exit(), whose handlers run the leak check.
swift test --scratch-path .build-asan -Xswiftc -sanitize=address -Xswiftc -use-ld=lld \
  -Xswiftc -DVALPROP_EXIT_HANDLERS "$@"
