#!/usr/bin/env bash
# Runs the tests of valprop's threads under ThreadSanitizer: the history walk and its
# read-ahead thread, the history and summary caches, and the two-thread loading of summaries
# and histories (list, stale, now run in-process on the test's threads), the drift walk and
# its cache, the report's revision walk and its lint beside the walks (in the binary the
# report tests start, built with the same sanitizer). Any data race it reports fails the run.
#
#   bash Tests/Sanitizers/tsan.sh                 # those suites
#   bash Tests/Sanitizers/tsan.sh --filter Log    # others
set -euo pipefail
cd "$(dirname "$0")/../.."
export TSAN_OPTIONS="halt_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
# Bounds on blow-ups in the tests are scaled for ThreadSanitizer's slowdown.
export VALPROP_TEST_TIME_SCALE="${VALPROP_TEST_TIME_SCALE:-8}"
filter=(--filter 'HistoryWalkerTests|HistoryCacheTests|PropositionSummaryTests|WorkspaceTests|ListTests|StaleTests|Drift|PropositionHistoriesTests|reportsABareRepository|aQuoteBefore|reportsARepositoryWithoutCommits')
(($#)) && filter=("$@")
# VALPROP_EXIT_HANDLERS: the binary ends through exit(), whose handlers report leaked threads.
swift test --scratch-path .build-tsan -Xswiftc -sanitize=thread -Xswiftc -DVALPROP_EXIT_HANDLERS "${filter[@]}"
