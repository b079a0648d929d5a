#!/usr/bin/env bash
# Computes a pull request's wording diff and its new lint findings, with no token and no API
# call: this step runs the pull request's own code and files, so it only reads. Run after
# pr-check.sh (whose files in $VALPROP_OUT it reads) and with valprop on PATH.
#
# Writes to $VALPROP_OUT: comment.md (the summary the poster posts, under GitHub's comment
# limit), diff.md (the whole diff), lint.json (the new findings), lint-status (passed or
# failed); to the job summary: the whole diff and every new finding; to standard output: one
# annotation per new finding. It fails only when it cannot do its job (valprop exit 2, git
# errors); lint errors are judged afterwards by pr-verdict.sh, once the results are uploaded.
# Propositions whose tracked code the pull request changes (`valprop affected`) are named at the
# end of the comment; when no proposition changed, they alone make the comment.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${VALPROP_OUT:-${RUNNER_TEMP:-/tmp}/valprop-pr}
[ -f "$out/status" ] || die "run pr-check.sh first: $out/status is missing"
head=$(cat "$out/head-sha")
merge_base=$(cat "$out/merge-base")
base_ref=$(cat "$out/base-ref")
comment_limit=${VALPROP_COMMENT_LIMIT:-60000}
summary_limit=${VALPROP_SUMMARY_LIMIT:-900000}
run_url=""
if [ -n "${GITHUB_RUN_ID:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
  run_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
elif [ -n "${CI_JOB_URL:-}" ]; then
  run_url=$CI_JOB_URL
fi
echo "passed" >"$out/lint-status"
printf '{"findings": [], "earlier": 0}\n' >"$out/lint.json"

# ---- Propositions that describe the changed code -------------------------------------------
# Written to affected.md: a paragraph for the comment, empty when there are none.
: >"$out/affected.md"
if [ "$(cat "$out/build" 2>/dev/null)" = true ]; then
  valprop affected --base "$merge_base" --head "$head" --format json >"$out/affected.json" \
    || die "valprop affected could not run"
  if [ "$(jq length "$out/affected.json")" -gt 0 ]; then
    {
      printf '**This pull request changes code that these propositions describe:**\n\n'
      jq -r 'def md: gsub("(?<c>[\\\\`*_<>\\[\\]|#])"; "\\\(.c)");
        .[:100][] | "- `\(.id)` — \(.title | md)\(if (.owners | length) > 0 then " (\(.owners | map(md) | join(", ")))" else "" end): "
          + (.changed[:5] | map("`" + gsub("`"; "\u0027") + "`") | join(", "))
          + (if (.changed | length) > 5 then ", and \(.changed | length - 5) more" else "" end)' "$out/affected.json"
      if [ "$(jq length "$out/affected.json")" -gt 100 ]; then
        printf -- '- and %s more\n' "$(($(jq length "$out/affected.json") - 100))"
      fi
      printf '\nCheck that they still hold, then edit them or record a review (`valprop review <id>`).\n'
    } >"$out/affected.md"
    summary <"$out/affected.md"
  fi
fi

if [ "$(cat "$out/status")" != changed ]; then
  if [ -s "$out/affected.md" ]; then
    { printf '## Value propositions\n\n'; cat "$out/affected.md"; } >"$out/comment.md"
    echo changed >"$out/status"
    echo "no proposition changed; $(jq length "$out/affected.json") describe code this pull request changes"
  else
    echo "no proposition changed: nothing to compute"
  fi
  exit 0
fi

# Lint and diff read the pull request's head; check it out when the clone holds another commit
# (a merged-results pipeline, or a checkout of the merge ref).
if [ "$(git rev-parse HEAD)" != "$head" ]; then
  git -c advice.detachedHead=false checkout -q --detach "$head"
fi
mapfile -t folders < <(
  {
    valprop_folder "$merge_base"
    valprop_folder "$head"
  } | sort -u
)

scratch=$(mktemp -d)
cleanup() {
  if [ -d "$scratch/base" ]; then git worktree remove --force "$scratch/base" >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# ---- The wording diff ----------------------------------------------------------------------
# Uncut: this script cuts the comment between propositions, and the artifact keeps it all.
valprop diff --base "$merge_base" --head "$head" --format markdown --max-characters 0 >"$out/diff.md"
valprop diff --base "$merge_base" --head "$head" --format json >"$scratch/diff.json"
count=$(jq '.changes | length' "$scratch/diff.json")
if [ "$count" -eq 0 ]; then
  echo unchanged >"$out/status"
fi
awk -f "$(dirname "${BASH_SOURCE[0]}")/escape-markdown.awk" "$out/diff.md" >"$scratch/body.md"

# One chunk per proposition (each starts with its ### heading), so that cuts fall between them.
mkdir -p "$scratch/chunks"
awk -v dir="$scratch/chunks" '
  /^### `[a-z0-9][a-z0-9-]*` — / { n++ }
  { file = sprintf("%s/%06d.md", dir, n); print > file }
' "$scratch/body.md"

short_base=${merge_base:0:7}
short_head=${head:0:7}
{
  printf '## Value propositions changed in this pull request\n\n'
  if [ -n "$base_ref" ]; then
    printf '%s changed between `%s` (the merge base with `%s`) and `%s`.\n\n' \
      "$count proposition$([ "$count" -eq 1 ] || echo s)" "$short_base" "$base_ref" "$short_head"
  else
    printf '%s changed between `%s` (the merge base) and `%s`.\n\n' \
      "$count proposition$([ "$count" -eq 1 ] || echo s)" "$short_base" "$short_head"
  fi
  printf '| Proposition | Change | File |\n|---|---|---|\n'
  jq -r '.changes[:300][] |
    "| `\(.id)` | \(.change) | `\(if .oldPath != null and .oldPath != .path then "\(.oldPath)` → `" else "" end)\(.path // .oldPath)` |"' \
    "$scratch/diff.json"
  if [ "$count" -gt 300 ]; then printf '| … | %s more | |\n' "$((count - 300))"; fi
  printf '\n'
} >"$scratch/head.md"

# The comment: the table, then as many propositions' wording as fits the limit.
cp "$scratch/head.md" "$out/comment.md"
shown=0
total=0
for chunk in "$scratch"/chunks/*.md; do
  [ -e "$chunk" ] || continue
  if [ "$(basename "$chunk")" = 000000.md ]; then continue; fi
  total=$((total + 1))
  size=$(($(wc -c <"$out/comment.md") + $(wc -c <"$chunk")))
  if [ "$size" -le "$((comment_limit - 1000))" ] && [ "$shown" -eq "$((total - 1))" ]; then
    cat "$chunk" >>"$out/comment.md"
    shown=$((shown + 1))
  fi
done
if [ "$shown" -lt "$total" ]; then
  {
    printf '\n---\n\n'
    printf '**Cut to fit a comment:** the wording of %s of %s changed propositions is shown above; ' "$shown" "$total"
    if [ -n "$run_url" ]; then
      printf 'the whole diff is in the [job summary and the `valprop-pr` artifact](%s).\n' "$run_url"
    else
      printf 'the whole diff is in the job summary and the `valprop-pr` artifact.\n'
    fi
  } >>"$out/comment.md"
fi

# The job summary: the whole diff (GitHub takes up to 1 MiB per step).
{
  cat "$scratch/head.md"
  if [ "$(wc -c <"$scratch/body.md")" -le "$summary_limit" ]; then
    cat "$scratch/body.md"
  else
    head -c "$summary_limit" "$scratch/body.md"
    printf '\n\n---\n\n**Cut:** the diff is larger than a job summary holds; the whole of it is `diff.md` in the `valprop-pr` artifact.\n'
  fi
  printf '\n'
} | summary

# ---- New lint findings -----------------------------------------------------------------------
set +e
valprop lint --changed-since "$merge_base" --format json >"$scratch/lint-head.json"
status=$?
set -e
[ "$status" -le 1 ] || die "valprop lint could not run (exit $status)"

# The findings the merge base already had, so that a rename or a review is not blamed for them.
printf '{"findings": []}\n' >"$scratch/lint-base.json"
git worktree add -q --detach "$scratch/base" "$merge_base"
set +e
(cd "$scratch/base" && valprop lint --format json) >"$scratch/lint-base.json" 2>"$scratch/lint-base.err"
status=$?
set -e
if [ "$status" -gt 1 ]; then
  warning "valprop lint could not run on the merge base (exit $status): every finding in a changed file counts as new"
  printf '{"findings": []}\n' >"$scratch/lint-base.json"
fi

# The lines the pull request added or changed, per file, and each file's name at the merge base.
git -c core.quotePath=false diff -U0 -M --no-color --no-ext-diff "$merge_base" "$head" -- "${folders[@]}" \
  | awk '
      /^\+\+\+ / { path = ($0 == "+++ /dev/null") ? "" : substr($0, 7); next }
      /^@@ / {
        split($3, range, ",")
        start = substr(range[1], 2) + 0
        length_ = (range[2] == "") ? 1 : range[2] + 0
        if (path != "" && length_ > 0) printf "%s\t%d\t%d\n", path, start, start + length_ - 1
      }' \
  | jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {path: .[0], start: (.[1] | tonumber), end: (.[2] | tonumber)})' \
    >"$scratch/ranges.json"
git -c core.quotePath=false diff --name-status -M --no-color "$merge_base" "$head" -- "${folders[@]}" \
  | jq -R -s 'split("\n") | map(select(length > 0) | split("\t")
      | if (.[0] | startswith("R")) or (.[0] | startswith("C")) then {old: .[1], new: .[2]}
        elif .[0] == "A" then empty else {old: .[1], new: .[1]} end)' >"$scratch/names.json"

jq -n --arg strict "${VALPROP_STRICT:-false}" \
  --slurpfile head "$scratch/lint-head.json" --slurpfile base "$scratch/lint-base.json" \
  --slurpfile ranges "$scratch/ranges.json" --slurpfile names "$scratch/names.json" '
  ($names[0] | map({key: .new, value: .old}) | from_entries) as $old
  | (reduce ($base[0].findings // [])[] as $f ({}; .["\($f.path)|\($f.rule)|\($f.message)"] = true)) as $before
  | ($head[0].findings // []) as $all
  | [$all[] | . as $f
      | ($ranges[0] | any(.path == $f.path and .start <= $f.line and $f.line <= .end)) as $changed
      | ($old[$f.path] // null) as $was
      | (if $was == null then false else ($before["\($was)|\($f.rule)|\($f.message)"] // false) end) as $earlier
      | select($changed or ($earlier | not))]
  | sort_by(if .severity == "error" then 0 else 1 end, .path, .line)
  | {findings: ., earlier: (($all | length) - length),
     failed: any(.[]; .severity == "error" or ($strict == "true"))}' >"$out/lint.json"

# Annotations (GitHub shows at most 10 of each kind per step; the summary lists them all).
if [ "${GITHUB_ACTIONS:-}" = true ]; then
  jq -r 'def msg: gsub("%"; "%25") | gsub("\r"; "%0D") | gsub("\n"; "%0A");
         def prop: msg | gsub(":"; "%3A") | gsub(","; "%2C");
         .findings[] | "::\(if .severity == "error" then "error" else "warning" end) file=\(.path | prop),line=\(.line),col=\(.column),title=\("valprop " + .rule | prop)::\(.message | msg)"' \
    "$out/lint.json"
else
  jq -r '.findings[] | "\(.path):\(.line):\(.column): \(.severity): \(.message) [\(.rule)]"' "$out/lint.json"
fi

new=$(jq '.findings | length' "$out/lint.json")
earlier=$(jq '.earlier' "$out/lint.json")
{
  printf '## Lint findings this pull request brings\n\n'
  if [ "$new" -eq 0 ]; then
    printf 'None.\n'
  else
    if [ "$new" -gt 10 ]; then
      printf 'GitHub shows at most 10 annotations of each kind per step; all %s findings are listed here.\n\n' "$new"
    fi
    printf '| File | Line | Severity | Rule | Message |\n|---|---|---|---|---|\n'
    jq -r '.findings[] | "| `\(.path)` | \(.line):\(.column) | \(.severity) | `\(.rule)` | \(.message | gsub("\\|"; "\\|") | gsub("<"; "&lt;")) |"' "$out/lint.json"
  fi
  if [ "$earlier" -gt 0 ]; then
    printf '\n%s finding(s) were already there at the merge base, on lines this pull request did not change; they are not counted.\n' "$earlier"
  fi
  printf '\n'
} | summary
if [ "$(jq '.failed' "$out/lint.json")" = true ]; then
  echo failed >"$out/lint-status"
fi
# One line on lint in the comment (the findings themselves are annotations and in the summary).
if [ -f "$out/comment.md" ] && [ "$new" -gt 0 ]; then
  errors=$(jq '[.findings[] | select(.severity == "error")] | length' "$out/lint.json")
  printf '\n**Lint:** %s new finding(s) in the changed propositions, %s of them error(s); see the check'"'"'s annotations and job summary.\n' \
    "$new" "$errors" >>"$out/comment.md"
fi
if [ -s "$out/affected.md" ]; then
  if [ "$(cat "$out/status")" = unchanged ]; then
    { printf '## Value propositions\n\n'; cat "$out/affected.md"; } >"$out/comment.md"
    echo changed >"$out/status"
  else
    { printf '\n'; cat "$out/affected.md"; } >>"$out/comment.md"
  fi
fi
echo "$count proposition(s) changed; $new new lint finding(s), $earlier earlier one(s) not counted"
