#!/usr/bin/env bash
# Installs what valprop's jobs need (libgit2-dev libdeflate-dev pkg-config git jq gh curl
# ca-certificates, from Debian's own archive) and builds valprop from its source folder into
# the binary folder, unless a binary restored from the cache is already there; then puts it
# on PATH.
#   VALPROP_SOURCE   valprop's source folder (default: three folders above this script)
#   VALPROP_BIN_DIR  where the binary goes (default ~/.cache/valprop/bin; cached by the action)
#   VALPROP_BUILD    false: install the packages only
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

source_dir=${VALPROP_SOURCE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
bin_dir=${VALPROP_BIN_DIR:-$HOME/.cache/valprop/bin}
packages=(libgit2-dev libdeflate-dev pkg-config git jq gh curl ca-certificates)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${VALPROP_BUILD:-true}" = false ]; then
  exit 0
fi
if [ -x "$bin_dir/valprop" ] && "$bin_dir/valprop" --version >/dev/null 2>&1; then
  echo "valprop $("$bin_dir/valprop" --version) from the cache"
else
  scratch=$(mktemp -d)
  # Only the valprop product: a build of every target also compiles the tests' support library,
  # which imports Swift Testing, and Swift Testing has no static library to link it against.
  swift build -c release --static-swift-stdlib --product valprop --package-path "$source_dir" \
    --scratch-path "$scratch"
  mkdir -p "$bin_dir"
  install -m 755 "$scratch/release/valprop" "$bin_dir/valprop"
  rm -rf "$scratch"
  echo "built valprop $("$bin_dir/valprop" --version)"
fi
if [ -n "${GITHUB_PATH:-}" ]; then echo "$bin_dir" >>"$GITHUB_PATH"; fi
# The checkout belongs to another user than the container's root: let git read it.
git config --global --add safe.directory "${GITHUB_WORKSPACE:-${CI_PROJECT_DIR:-$PWD}}"
