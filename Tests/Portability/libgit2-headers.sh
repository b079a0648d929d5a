#!/usr/bin/env bash
# Compiles GitKit, the one module that calls libgit2, against the libgit2 headers of other
# Debian releases: the API valprop uses must exist, with the same types, in each of them.
#
#   bash Tests/Portability/libgit2-headers.sh [SUITE…]     default: bookworm unstable
#
# bookworm carries libgit2 1.5, unstable the newest packaged one (1.9 when this was written);
# bullseye (1.1) also works. Each suite's libgit2-dev is downloaded with a private apt
# configuration (the machine's own sources are left alone), unpacked with dpkg -x into
# .build-headers-SUITE/ and passed to the compiler ahead of /usr/include; the build checks
# that it read them. Only compiling is checked: linking needs the suite's
# libraries, which Tests/Portability/debian-root.sh covers.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
mirror="${VALPROP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
suites=("$@")
((${#suites[@]})) || suites=(bookworm unstable)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=()
for suite in "${suites[@]}"; do
  state="$work/$suite"
  scratch="$repo/.build-headers-$suite"
  headers="$scratch/libgit2-dev"
  rm -rf "$scratch" # a fresh compile, so that what it read can be checked
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$headers"
  : > "$state/status" # no installed packages: the suite's own version is the candidate
  echo "deb [signed-by=$keyring] $mirror $suite main" > "$state/sources.list"
  options=(-o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Acquire::Languages=none
    -o "Dir::State::status=$state/status" -o APT::Sandbox::User=root
    -o Acquire::Check-Valid-Until=false)
  if ! apt-get "${options[@]}" -qq update > "$state/apt.log" 2>&1 \
    || ! (cd "$state" && apt-get "${options[@]}" -qq download libgit2-dev >> "$state/apt.log" 2>&1); then
    cat "$state/apt.log" >&2
    echo "error: could not download $suite's libgit2-dev" >&2
    failed+=("$suite (download)")
    continue
  fi
  dpkg -x "$state"/libgit2-dev_*.deb "$headers"
  version="$(sed -n 's/^#define LIBGIT2_VERSION  *"\(.*\)"/\1/p' "$headers/usr/include/git2/version.h")"
  echo "GitKit against $suite's libgit2 $version headers"
  if swift build --package-path "$repo" --scratch-path "$scratch" --target GitKit \
    -Xcc -I"$headers/usr/include" > "$state/build.log" 2>&1; then
    grep -E "warning:" "$state/build.log" | sort -u || true
    # The compiler must have read this suite's headers, not the machine's /usr/include.
    if ! grep -rqs --include='*.d' --include='*.pcm' "$headers/usr/include/git2/version.h" "$scratch"; then
      echo "error: the build did not read $suite's headers" >&2
      failed+=("$suite (headers not used)")
      continue
    fi
    echo "  compiles"
  else
    grep -E "error:" "$state/build.log" | sort -u >&2 || tail -20 "$state/build.log" >&2
    failed+=("$suite ($version)")
  fi
done

if ((${#failed[@]})); then
  echo "error: GitKit does not compile against: ${failed[*]}" >&2
  exit 1
fi
echo "GitKit compiles against the libgit2 headers of: ${suites[*]}"
