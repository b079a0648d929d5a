#!/usr/bin/env bash
# GitLab: posts a merge request's wording diff (pr-check.sh and pr-compute.sh wrote it to
# $VALPROP_OUT) as one note, updated in place on every push, when the CI/CD variable
# VALPROP_GITLAB_TOKEN (a project access token with the `api` scope) is set; without it the
# diff stays in the job's artifact. Like post-comment.sh it never replaces the note of a newer
# pipeline, posts nothing for a push that is no longer the merge request's head, creates a note
# only when a proposition changed, and fails on any failed API call (never a second note).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${VALPROP_OUT:-valprop-mr}
token=${VALPROP_GITLAB_TOKEN:-}
if [ -z "$token" ]; then
  echo "VALPROP_GITLAB_TOKEN is not set: the diff is in the job's artifact ($out/comment.md), not in a note"
  exit 0
fi
api=${CI_API_V4_URL:?CI_API_V4_URL is not set}
project=${CI_PROJECT_ID:?CI_PROJECT_ID is not set}
run_number=${CI_PIPELINE_IID:-0}
mr=$(tr -d '\n' <"$out/pr-number")
head=$(tr -d '\n' <"$out/head-sha")
status=$(tr -d '\n' <"$out/status")
is_number "$mr" || die "the merge-request number is not a positive integer"
is_sha "$head" || die "the head is not a commit id"

call() {
  curl --fail-with-body -sS --retry 0 -H "PRIVATE-TOKEN: $token" -H "Content-Type: application/json" "$@"
}

current=$(call "$api/projects/$project/merge_requests/$mr" | jq -r '.sha')
if [ "$current" != "$head" ]; then
  echo "merge request !$mr has moved on to $current; that pipeline posts its own diff"
  exit 0
fi
me=$(call "$api/user" | jq -r '.username')
notes='[]'
page=1
while :; do
  batch=$(call "$api/projects/$project/merge_requests/$mr/notes?per_page=100&page=$page&sort=asc")
  [ "$(jq 'length' <<<"$batch")" -gt 0 ] || break
  notes=$(jq -s 'add' <<<"$notes$batch")
  page=$((page + 1))
done
existing=$(jq -c --arg me "$me" \
  '[.[] | select(.author.username == $me and (.body | startswith("<!-- valprop-diff")))] | first // empty' <<<"$notes")
id=""
if [ -n "$existing" ]; then
  id=$(jq -r '.id' <<<"$existing")
  [[ $id =~ ^[0-9]+$ ]] || die "the existing note has no numeric id"
  marker=$(jq -r '.body | split("\n")[0]' <<<"$existing")
  posted_run=$(sed -n 's/.* run=\([0-9][0-9]*\).*/\1/p' <<<"$marker")
  posted_head=$(sed -n 's/.* head=\([0-9a-f]*\).*/\1/p' <<<"$marker")
  if [ -n "$posted_run" ] && [ "$posted_run" -gt "$run_number" ] && [ "$posted_head" != "$head" ]; then
    echo "note $id already shows pipeline $posted_run, newer than $run_number; leaving it"
    exit 0
  fi
fi

body=$(mktemp)
trap 'rm -f "$body" "$body.json"' EXIT
printf '<!-- valprop-diff head=%s run=%s -->\n' "$head" "$run_number" >"$body"
if [ "$status" = changed ]; then
  grep -v '^<!-- valprop-diff' "$out/comment.md" >>"$body" || true
elif [ -n "$id" ]; then
  printf '## Value propositions\n\nNo proposition changes in this merge request any more (as of `%s`).\n' "${head:0:7}" >>"$body"
else
  echo "no proposition changed and there is no earlier note: nothing to post"
  exit 0
fi
jq -n --rawfile body "$body" '{body: $body}' >"$body.json"
if [ -n "$id" ]; then
  call --request PUT --data @"$body.json" "$api/projects/$project/merge_requests/$mr/notes/$id" >/dev/null
  echo "updated note $id on merge request !$mr"
else
  call --request POST --data @"$body.json" "$api/projects/$project/merge_requests/$mr/notes" >/dev/null
  echo "added a note to merge request !$mr"
fi
