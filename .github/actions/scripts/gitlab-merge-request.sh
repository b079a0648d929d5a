#!/usr/bin/env bash
# GitLab: the whole merge-request job. Takes the merge request from GitLab's variables (the
# diff base CI_MERGE_REQUEST_DIFF_BASE_SHA, never the moving target branch), skips the build
# when no proposition changed and none tracks code, computes the diff, the new lint findings
# and the propositions describing changed code into $VALPROP_OUT (the job's artifact), posts or updates the note (gitlab-note.sh, with VALPROP_GITLAB_TOKEN),
# and fails on new lint errors.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scripts=$(dirname "${BASH_SOURCE[0]}")

export VALPROP_OUT=${VALPROP_OUT:-valprop-mr}
export VALPROP_PR=${CI_MERGE_REQUEST_IID:?not a merge-request pipeline (CI_MERGE_REQUEST_IID is not set)}
export VALPROP_BASE_SHA=${CI_MERGE_REQUEST_DIFF_BASE_SHA:?CI_MERGE_REQUEST_DIFF_BASE_SHA is not set}
# In a merged-results pipeline CI_COMMIT_SHA is the merge result; the source branch's head is this.
export VALPROP_HEAD_SHA=${CI_MERGE_REQUEST_SOURCE_BRANCH_SHA:-${CI_COMMIT_SHA:?CI_COMMIT_SHA is not set}}
export VALPROP_BASE_REF=${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}

"$scripts/pr-check.sh"
if [ "$(cat "$VALPROP_OUT/build")" = true ]; then
  if [ "${VALPROP_INSTALL:-true}" = true ]; then
    "$scripts/install.sh"
    export PATH="${VALPROP_BIN_DIR:-$HOME/.cache/valprop/bin}:$PATH"
  fi
  "$scripts/pr-compute.sh"
elif [ -n "${VALPROP_GITLAB_TOKEN:-}" ] && [ "${VALPROP_INSTALL:-true}" = true ]; then
  # Only to update an earlier note: the packages (jq, curl), not valprop.
  VALPROP_BUILD=false "$scripts/install.sh"
fi
"$scripts/gitlab-note.sh"
"$scripts/pr-verdict.sh"
