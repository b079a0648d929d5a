#!/usr/bin/env bash
# Posts a pull request's wording diff as one comment, from the artifact a pull_request run
# uploaded (pr-check.sh and pr-compute.sh). Runs in a workflow_run workflow with a write token,
# and never runs or checks out the pull request's code: the artifact is data, and it is checked
# before use (an integer pull-request number, a commit id, known status, bounded sizes).
#
#   VALPROP_IN            the downloaded artifact's folder
#   GITHUB_REPOSITORY     owner/name
#   VALPROP_RUN_HEAD_SHA  the head commit of the run that made the artifact (from the event)
#   VALPROP_RUN_NUMBER    that run's number: comments from later runs are never replaced
#   VALPROP_RUN_URL       that run's page, linked from the comment
#
# It updates the comment under the marker (<!-- valprop-diff ... -->) or creates one only when a
# proposition changed; when a later push leaves none changed, it updates the old comment to say
# so. Any failed API call fails the step (never a second comment).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

in=${VALPROP_IN:-${RUNNER_TEMP:-/tmp}/valprop-pr}
repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
bot=${VALPROP_BOT_LOGIN:-github-actions[bot]}
run_number=${VALPROP_RUN_NUMBER:-0}
max_comment=${VALPROP_COMMENT_LIMIT:-60000}
max_artifact=${VALPROP_ARTIFACT_LIMIT:-104857600}

if [ ! -f "$in/status" ]; then
  echo "no valprop artifact in $in: the pull-request run stopped before computing anything; nothing to post"
  exit 0
fi
[[ $run_number =~ ^[0-9]{1,12}$ ]] || die "VALPROP_RUN_NUMBER is not a number: '$run_number'"

# ---- Check the artifact: it was written by code from the pull request -----------------------
for file in pr-number head-sha status; do
  if [ ! -f "$in/$file" ] || [ -L "$in/$file" ]; then die "the artifact has no file $file"; fi
  [ "$(wc -c <"$in/$file")" -le 64 ] || die "the artifact's $file is too large"
done
artifact_size=$(du -sb "$in" | cut -f1)
[ "$artifact_size" -le "$max_artifact" ] || die "the artifact is $artifact_size bytes, more than $max_artifact"
pr=$(tr -d '\n' <"$in/pr-number")
head=$(tr -d '\n' <"$in/head-sha")
status=$(tr -d '\n' <"$in/status")
is_number "$pr" || die "the artifact's pull-request number is not a positive integer"
is_sha "$head" || die "the artifact's head is not a commit id"
case $status in
  changed | unchanged) ;;
  *) die "the artifact's status is neither 'changed' nor 'unchanged'" ;;
esac
if [ "$status" = changed ]; then
  if [ ! -f "$in/comment.md" ] || [ -L "$in/comment.md" ]; then die "the artifact has no comment.md"; fi
  size=$(wc -c <"$in/comment.md")
  [ "$size" -le "$max_comment" ] || die "the artifact's comment.md is $size bytes, more than $max_comment"
fi
if [ -n "${VALPROP_RUN_HEAD_SHA:-}" ] && [ "$VALPROP_RUN_HEAD_SHA" != "$head" ]; then
  die "the artifact is for $head but its run was for $VALPROP_RUN_HEAD_SHA"
fi

# ---- Is this still the pull request's head? ------------------------------------------------
current=$(gh api "repos/$repo/pulls/$pr" | jq -r '.head.sha')
if [ "$current" != "$head" ]; then
  echo "pull request #$pr has moved on to $current; the run for that push posts its own diff, so this one ($head) posts nothing"
  exit 0
fi

# ---- The comment under the marker ------------------------------------------------------------
comments=$(gh api --paginate "repos/$repo/issues/$pr/comments?per_page=100" | jq -s 'add // []')
existing=$(jq -c --arg bot "$bot" \
  '[.[] | select(.user.login == $bot and (.body | startswith("<!-- valprop-diff")))] | first // empty' \
  <<<"$comments")
id=""
if [ -n "$existing" ]; then
  id=$(jq -r '.id' <<<"$existing")
  [[ $id =~ ^[0-9]+$ ]] || die "the existing comment has no numeric id"
  marker=$(jq -r '.body | split("\n")[0]' <<<"$existing")
  posted_run=$(sed -n 's/.* run=\([0-9][0-9]*\).*/\1/p' <<<"$marker")
  posted_head=$(sed -n 's/.* head=\([0-9a-f]*\).*/\1/p' <<<"$marker")
  if [ -n "$posted_run" ] && [ "$posted_run" -gt "$run_number" ] && [ "$posted_head" != "$head" ]; then
    echo "comment $id already shows run $posted_run ($posted_head), newer than this run $run_number; leaving it"
    exit 0
  fi
fi

body=$(mktemp)
trap 'rm -f "$body" "$body.json"' EXIT
printf '<!-- valprop-diff head=%s run=%s -->\n' "$head" "$run_number" >"$body"
if [ "$status" = changed ]; then
  # The artifact cannot smuggle in a marker of its own.
  grep -v '^<!-- valprop-diff' "$in/comment.md" >>"$body" || true
else
  if [ -z "$id" ]; then
    echo "no proposition changed and there is no earlier comment: nothing to post"
    exit 0
  fi
  printf '## Value propositions\n\nNo proposition changes in this pull request any more (as of `%s`).\n' "${head:0:7}" >>"$body"
fi
if [ -n "${VALPROP_RUN_URL:-}" ]; then
  printf '\n<sub>valprop, for `%s` ([run](%s)).</sub>\n' "${head:0:7}" "$VALPROP_RUN_URL" >>"$body"
fi
jq -n --rawfile body "$body" '{body: $body}' >"$body.json"

if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" --input "$body.json" >/dev/null
  echo "updated comment $id on pull request #$pr"
else
  gh api --method POST "repos/$repo/issues/$pr/comments" --input "$body.json" >/dev/null
  echo "commented on pull request #$pr"
fi
