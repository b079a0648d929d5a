# shellcheck shell=bash
# Helpers shared by valprop's workflow scripts. Sourced by them, never run on its own.
set -euo pipefail

# Escapes text for a GitHub workflow command's message (%, CR and LF).
escape_message() {
  local text=$1
  text=${text//'%'/'%25'}
  text=${text//$'\r'/'%0D'}
  text=${text//$'\n'/'%0A'}
  printf '%s' "$text"
}

# Escapes text for a GitHub workflow command's property (also ':' and ',').
escape_property() {
  local text
  text=$(escape_message "$1")
  text=${text//':'/'%3A'}
  text=${text//','/'%2C'}
  printf '%s' "$text"
}

# Reports an error: an annotation on GitHub, a plain line elsewhere.
error() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    printf '::error::%s\n' "$(escape_message "$*")"
  else
    printf 'error: %s\n' "$*" >&2
  fi
}

# Reports a warning the same way.
warning() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    printf '::warning::%s\n' "$(escape_message "$*")"
  else
    printf 'warning: %s\n' "$*" >&2
  fi
}

# Reports an error and stops the step with exit status 1.
die() {
  error "$*"
  exit 1
}

# Appends standard input to the job summary (GITHUB_STEP_SUMMARY), when there is one.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat >>"$GITHUB_STEP_SUMMARY"
  else
    cat >/dev/null
  fi
}

# Sets a step output (GITHUB_OUTPUT), when there is one.
set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# The propositions folder a revision's .valprop.yml names (`directory:`; default
# `propositions`), read with git so that nothing is checked out or run. VALPROP_FOLDER wins.
valprop_folder() {
  local revision=$1 line=""
  if [ -n "${VALPROP_FOLDER:-}" ]; then
    printf '%s\n' "$VALPROP_FOLDER"
    return
  fi
  if git cat-file -e "$revision:.valprop.yml" 2>/dev/null; then
    line=$(git show "$revision:.valprop.yml" | sed -n 's/^directory:[[:space:]]*//p' | sed -n '1p')
  fi
  line=${line%%#*}
  line=${line%"${line##*[![:space:]]}"}
  line=${line#\"}
  line=${line%\"}
  line=${line#\'}
  line=${line%\'}
  printf '%s\n' "${line:-propositions}"
}

# Whether a value is a full commit id (40 lowercase hex digits).
is_sha() {
  [[ $1 =~ ^[0-9a-f]{40}$ ]]
}

# Whether a value is a pull-request or merge-request number (a positive integer, at most 10 digits).
is_number() {
  [[ $1 =~ ^[1-9][0-9]{0,9}$ ]]
}

# In a job container the checkout belongs to another user than root, and git (and libgit2)
# refuse to read it until it is marked safe: mark the workspace, only when git refuses.
trust_workspace() {
  local workspace=${GITHUB_WORKSPACE:-${CI_PROJECT_DIR:-}}
  if [ -n "$workspace" ] && ! git rev-parse --git-dir >/dev/null 2>&1; then
    git config --global --add safe.directory "$workspace"
  fi
}
