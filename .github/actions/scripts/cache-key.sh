#!/usr/bin/env bash
# Prints (and sets as the step output `key`) the cache key of a valprop build: valprop's
# version, the image's system and Swift version, the machine, and a hash of the sources it is
# built from, so that a cached binary is used only where it was built and only for its source.
#   VALPROP_SOURCE  valprop's source folder (default: three folders above this script)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

source_dir=${VALPROP_SOURCE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
version_file="$source_dir/Sources/ValpropCommands/Support/ValpropVersion.swift"
[ -f "$version_file" ] || die "no valprop source at $source_dir ($version_file is missing)"
version=$(sed -n 's/.*static let current = "\([^"]*\)".*/\1/p' "$version_file")
[ -n "$version" ] || die "no version in $version_file"
os=unknown
if [ -f /etc/os-release ]; then
  os=$(. /etc/os-release && printf '%s%s' "${ID:-linux}" "${VERSION_ID:-}")
fi
swift_version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | sed -n '1p')
# Package.resolved is not committed; hash it only where it exists.
inputs=(Package.swift Sources)
if [ -f "$source_dir/Package.resolved" ]; then inputs+=(Package.resolved); fi
sources=$(cd "$source_dir" && find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z \
  | xargs -0 sha256sum | sha256sum | cut -c1-16)
key="valprop-$version-$os-swift${swift_version:-none}-$(uname -m)-$sources"
set_output key "$key"
set_output version "$version"
echo "$key"
