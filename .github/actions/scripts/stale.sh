#!/usr/bin/env bash
# The weekly staleness job: runs `valprop stale --format json` once, writes the report (with
# absolute links) to the job summary and to $VALPROP_REPORT, and, with VALPROP_ISSUES=true
# (GitHub), keeps one open issue per owner listing what they should review.
#
# Exit status: 0 done (something may be stale: a warning says so); 1 something is stale and
# VALPROP_FAIL_ON_STALE=true; 2 valprop could not judge (a shallow clone, a bad .valprop.yml, an
# unreadable file: valprop's own exit 2), and no issue was touched; 3 some issue updates failed.
# Owners are grouped without case (@Finance-PM and @finance-pm share one issue) and are only ever passed as data (jq --arg,
# quoted arguments), never as code. One owner's failed issue does not stop the others; the job
# fails at the end if any failed. Issues of owners with nothing left are closed only after a
# successful run of valprop and a successful listing of the open issues.
#
#   VALPROP_ISSUES         true: open, update and close issues through gh (default false)
#   VALPROP_LABEL          the issues' label (default valprop-stale)
#   VALPROP_STALE_ARGS     extra arguments for valprop stale, e.g. "--within 30d"
#   VALPROP_FAIL_ON_STALE  true: exit 1 when something is stale (GitLab's allowed failure)
#   VALPROP_REPORT         where to write the Markdown report too (optional)
#   GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA (or CI_PROJECT_URL, CI_COMMIT_SHA): links
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trust_workspace
label=${VALPROP_LABEL:-valprop-stale}
prefix="Value propositions to review: "
sha=${GITHUB_SHA:-${CI_COMMIT_SHA:-}}
[ -n "$sha" ] || sha=$(git rev-parse HEAD)
if ! is_sha "$sha"; then
  error "the commit to link to is not a commit id: '$sha'"
  exit 2
fi
if [ -n "${GITHUB_REPOSITORY:-}" ]; then
  blob="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/$sha/"
elif [ -n "${CI_PROJECT_URL:-}" ]; then
  blob="$CI_PROJECT_URL/-/blob/$sha/"
else
  blob=""
fi
today=$(date -u +%Y-%m-%d)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# ---- Run valprop once ----------------------------------------------------------------------
read -r -a extra <<<"${VALPROP_STALE_ARGS:-}"
set +e
valprop stale --format json "${extra[@]}" >"$scratch/stale.json" 2>"$scratch/stale.err"
status=$?
set -e
cat "$scratch/stale.err" >&2
if [ "$status" -gt 1 ] || ! jq -e 'type == "array"' "$scratch/stale.json" >/dev/null 2>&1; then
  {
    printf '# Value propositions to review\n\n'
    printf '**valprop could not judge staleness (exit %s); no issue was opened, updated or closed.**\n\n' "$status"
    printf '```\n%s\n```\n' "$(head -c 4000 "$scratch/stale.err")"
  } | summary
  error "valprop stale could not run (exit $status): $(head -n 3 "$scratch/stale.err" | tr '\n' ' ')— no issue was changed"
  exit 2
fi

# One group per owner, compared without case; "(no owner)" for propositions without one. Each
# group keeps the first spelling (sorted) and its propositions.
jq --arg blob "$blob" '
  def cell: tostring | gsub("\\|"; "\\|") | gsub("<"; "&lt;") | gsub("\n"; " ");
  [.[] | . as $row | (if (.owners | length) == 0 then ["(no owner)"] else .owners end)[]
       | {key: ascii_downcase, name: ., row: $row}]
  | group_by(.key)
  | map({key: .[0].key, name: (map(.name) | sort | .[0]),
         rows: (map(.row) | unique_by(.id) | sort_by(-(.daysOverdue // 0), .id)
                | map(. + {link: ($blob + .path), cells: {title: (.title | cell)}}))})' \
  "$scratch/stale.json" >"$scratch/groups.json"

# The Markdown for one group (or all, for the report), built from the JSON with absolute links.
render() {
  jq -r --arg today "$today" '
    def cell: tostring | gsub("\\|"; "\\|") | gsub("<"; "&lt;") | gsub("\n"; " ");
    def when: if .daysOverdue == null then "-" elif .daysOverdue > 0 then "\(.daysOverdue) days overdue"
              elif .daysOverdue == 0 then "due today" else "due in \(-.daysOverdue) days" end;
    .[] | "## \(.name | cell)\n\n| Proposition | Due | When | State | Last edited | Last reviewed |\n|---|---|---|---|---|---|\n"
      + (.rows | map("| [\(.cells.title)](\(.link)) (`\(.id)`) | \(.due // "-") | \(when) | \(.state) | \((.lastEdited.date // "-")[0:10]) | \(.lastReviewed // "never") |") | join("\n"))
      + "\n"'
}
{
  printf '# Value propositions to review\n\nAs of %s.\n\n' "$today"
  if [ "$(jq 'length' "$scratch/groups.json")" -eq 0 ]; then
    printf 'Nothing is stale or due soon.\n'
  else
    render <"$scratch/groups.json"
    printf '\nRecord a review with `valprop review <id> -m "what you checked"`.\n'
  fi
} >"$scratch/report.md"
summary <"$scratch/report.md"
if [ -n "${VALPROP_REPORT:-}" ]; then cp "$scratch/report.md" "$VALPROP_REPORT"; fi

failures=0
if [ "${VALPROP_ISSUES:-false}" = true ]; then
  repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
  # The label, and every open issue with it; if either fails, no issue is opened or closed.
  if ! gh label create "$label" --force --color D93F0B --description "Value propositions to review" >/dev/null \
    || ! gh api --paginate "repos/$repo/issues?state=open&labels=$(jq -rn --arg l "$label" '$l | @uri')&per_page=100" \
      >"$scratch/open-pages.json"; then
    error "could not list the open '$label' issues; no issue was changed"
    exit 3
  fi
  jq -s 'add // [] | map(select(.pull_request == null) | {number, title})' "$scratch/open-pages.json" >"$scratch/open.json"

  count=$(jq 'length' "$scratch/groups.json")
  for ((i = 0; i < count; i++)); do
    jq ".[$i]" "$scratch/groups.json" >"$scratch/group.json"
    name=$(jq -r '.name' "$scratch/group.json")
    key=$(jq -r '.key' "$scratch/group.json")
    {
      printf 'These value propositions of **%s** are stale or due for review (as of %s):\n\n' \
        "$(jq -r '.name | gsub("\\*"; "\\*") | gsub("<"; "&lt;")' "$scratch/group.json")" "$today"
      # An issue holds 65,536 characters: at most 200 rows; the job summary has them all.
      jq '[.] | map(.rows |= .[:200])' "$scratch/group.json" | render | sed '1,2d'
      rows=$(jq '.rows | length' "$scratch/group.json")
      if [ "$rows" -gt 200 ]; then
        printf '\n… and %s more; the job summary of this week'"'"'s run lists them all.\n' "$((rows - 200))"
      fi
      printf '\nRe-read each one, re-check its evidence, then record the review with `valprop review <id> -m "what you checked"`. This issue is updated every week and closed when nothing is left.\n'
    } >"$scratch/body.md"
    number=$(jq -r --arg title "$prefix$key" \
      '[.[] | select((.title | ascii_downcase) == ($title | ascii_downcase)) | .number] | min // empty' \
      "$scratch/open.json")
    if [ -n "$number" ]; then
      if jq -n --rawfile body "$scratch/body.md" '{body: $body}' \
        | gh api --method PATCH "repos/$repo/issues/$number" --input - >/dev/null; then
        echo "updated issue #$number for $name"
      else
        error "could not update issue #$number for $name"
        failures=$((failures + 1))
      fi
    else
      if jq -n --rawfile body "$scratch/body.md" --arg title "$prefix$name" --arg name "$label" \
        '{title: $title, body: $body, labels: [$name]}' \
        | gh api --method POST "repos/$repo/issues" --input - >/dev/null; then
        echo "opened an issue for $name"
      else
        error "could not open an issue for $name"
        failures=$((failures + 1))
      fi
    fi
  done

  # Close the issues of owners with nothing left (only now: valprop ran and the listing worked).
  jq -r --arg prefix "$prefix" --slurpfile groups "$scratch/groups.json" '
    ($groups[0] | map($prefix + .key | ascii_downcase)) as $keep
    | .[] | select((.title | ascii_downcase) as $t | $keep | index([$t]) | not) | .number' \
    "$scratch/open.json" >"$scratch/close.txt"
  while IFS= read -r number; do
    [[ $number =~ ^[0-9]+$ ]] || continue
    if jq -n --arg day "$today" '{body: "Nothing left to review as of \($day)."}' \
      | gh api --method POST "repos/$repo/issues/$number/comments" --input - >/dev/null \
      && gh api --method PATCH "repos/$repo/issues/$number" -f state=closed -f state_reason=completed >/dev/null; then
      echo "closed issue #$number: nothing left to review"
    else
      error "could not close issue #$number"
      failures=$((failures + 1))
    fi
  done <"$scratch/close.txt"
fi

if [ "$failures" -gt 0 ]; then
  error "$failures issue update(s) failed; the others were done"
  exit 3
fi
if [ "$status" -eq 1 ]; then
  warning "some value propositions are stale; see the job summary"
  if [ "${VALPROP_FAIL_ON_STALE:-false}" = true ]; then exit 1; fi
fi
exit 0
