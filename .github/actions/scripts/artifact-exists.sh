#!/usr/bin/env bash
# The poster's first step: does the pull-request run ($VALPROP_RUN_ID) have the artifact
# `valprop-pr`? Sets the step output `exists` (true or false). A run cancelled by a newer push,
# or one that failed before computing, has none, and then nothing is posted; a failed API call
# fails the step, so a lost download never passes for "nothing to post".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
run=${VALPROP_RUN_ID:-}
[[ $run =~ ^[0-9]{1,20}$ ]] || die "VALPROP_RUN_ID is not a run id: '$run'"
count=$(gh api --paginate "repos/$repo/actions/runs/$run/artifacts?per_page=100" \
  | jq -s '[.[].artifacts[] | select(.name == "valprop-pr" and (.expired | not))] | length')
if [ "$count" -gt 0 ]; then
  set_output exists true
  echo "run $run has the artifact valprop-pr"
else
  set_output exists false
  echo "run $run has no valprop-pr artifact (cancelled, or stopped before computing): nothing to post"
fi
