#!/usr/bin/env bash
# The last step of a pull-request run, after the results are uploaded: fails the job when the
# pull request brings lint errors (with VALPROP_STRICT=true, any finding).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${VALPROP_OUT:-${RUNNER_TEMP:-/tmp}/valprop-pr}
[ -f "$out/lint-status" ] || exit 0
if [ "$(cat "$out/lint-status")" = failed ]; then
  failing=$(jq --arg strict "${VALPROP_STRICT:-false}" \
    '[.findings[] | select(.severity == "error" or $strict == "true")] | length' "$out/lint.json")
  die "this pull request brings $failing lint finding(s) that fail the check; see the annotations and the job summary"
fi
echo "no new lint finding fails the check"
