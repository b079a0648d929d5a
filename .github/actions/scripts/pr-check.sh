#!/usr/bin/env bash
# The cheap first step of a pull-request run, before anything is installed: finds the merge
# base of the pull request's base and head, and whether any file under the propositions
# folder (or .valprop.yml) changed between them. Writes what it found to $VALPROP_OUT (the
# artifact the poster reads) and the step outputs `changed` (true or false) and `build` (true
# when valprop must run: a proposition changed, or one tracks code with `tracks:`, which the
# pull request may change).
#
# The pull request comes from VALPROP_PR, VALPROP_BASE_SHA, VALPROP_HEAD_SHA and VALPROP_BASE_REF
# (the pull-request action sets them from the event; GitLab's job from its variables), else from
# the event file $GITHUB_EVENT_PATH (read with jq). It needs only git: it runs before install.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trust_workspace
out=${VALPROP_OUT:-${RUNNER_TEMP:-/tmp}/valprop-pr}
pr=${VALPROP_PR:-}
base=${VALPROP_BASE_SHA:-}
head=${VALPROP_HEAD_SHA:-}
base_ref=${VALPROP_BASE_REF:-}
if [ -z "$head" ] && [ -n "${GITHUB_EVENT_PATH:-}" ]; then
  pr=$(jq -r '.pull_request.number // empty' "$GITHUB_EVENT_PATH")
  base=$(jq -r '.pull_request.base.sha // empty' "$GITHUB_EVENT_PATH")
  head=$(jq -r '.pull_request.head.sha // empty' "$GITHUB_EVENT_PATH")
  base_ref=$(jq -r '.pull_request.base.ref // empty' "$GITHUB_EVENT_PATH")
fi
is_number "$pr" || die "no pull request number in the event (is this workflow triggered by pull_request?)"
is_sha "$base" || die "the pull request's base is not a commit id: '$base'"
is_sha "$head" || die "the pull request's head is not a commit id: '$head'"

for commit in "$base" "$head"; do
  git cat-file -e "$commit^{commit}" 2>/dev/null \
    || die "commit $commit is not in this clone: check out with full history (actions/checkout with fetch-depth: 0; GIT_DEPTH: 0 on GitLab)"
done
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  die "this is a shallow clone: the merge base may be cut off; check out with full history (fetch-depth: 0)"
fi
# The diff is always taken from the merge base, never from the target branch as it is now:
# commits merged to the target after the pull request was opened are not the pull request's.
merge_base=$(git merge-base "$base" "$head") || die "$base and $head have no merge base"

folders=$(
  {
    valprop_folder "$merge_base"
    valprop_folder "$head"
  } | sort -u
)
mapfile -t paths <<<"$folders"
set +e
git diff --quiet "$merge_base" "$head" -- "${paths[@]}" .valprop.yml
differs=$?
set -e
case $differs in
  0) status=unchanged ;;
  1) status=changed ;;
  *) die "git diff $merge_base $head failed (exit $differs)" ;;
esac

# A proposition that tracks code makes valprop run even when no proposition changed: the pull
# request may change the code it describes (`valprop affected`).
build=false
if [ "$status" = changed ] || git grep -q -E '^tracks:' "$head" -- "${paths[@]}" 2>/dev/null; then
  build=true
fi

rm -rf "$out"
mkdir -p "$out"
printf '%s\n' "$pr" >"$out/pr-number"
printf '%s\n' "$head" >"$out/head-sha"
printf '%s\n' "$merge_base" >"$out/merge-base"
printf '%s\n' "$base_ref" >"$out/base-ref"
printf '%s\n' "$status" >"$out/status"
printf '%s\n' "$build" >"$out/build"
set_output changed "$([ "$status" = changed ] && echo true || echo false)"
set_output build "$build"
if [ "$build" = false ]; then
  printf '## Value propositions\n\nNo proposition changed in this pull request; valprop was not built.\n' | summary
fi
set_output merge-base "$merge_base"
echo "merge base $merge_base, head $head: propositions $status"
