#!/usr/bin/env bash
# Builds valprop and runs the README's two commands (build and demo; the test suite) inside a
# fresh Debian root made by debootstrap, with this machine's Swift toolchain bound in. It
# proves the build on a distribution whose libgit2 differs from the host's: Debian unstable's
# is built on OpenSSL and llhttp, Debian 12's on mbedTLS and http-parser.
#
#   bash Tests/Portability/debian-root.sh [SUITE]     SUITE defaults to unstable
#
# The root is kept in $VALPROP_ROOTS (default /var/tmp/valprop-roots) and reused while it is
# younger than a week; its packages are brought up to date on each run. Release files are
# accepted past their Valid-Until date: a mirror's copy of unstable may lag the clock. Needs root, debootstrap, and Swift
# at the folder `swift` runs from. The Swift packages the manifest names are reached as on the
# host: the host's git configuration and /opt/swift-packages (when present) are bound in.
set -euo pipefail

suite="${1:-unstable}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
roots="${VALPROP_ROOTS:-/var/tmp/valprop-roots}"
root="$roots/$suite"
mirror="${VALPROP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
# What the Swift toolchain needs to compile and link, what valprop needs, and what the tests
# call (git, objdump from binutils, script from bsdextrautils, python3 for the workflow stand-in).
packages=libgit2-dev,libdeflate-dev,pkg-config,git,ca-certificates,gcc,g++,libc6-dev,binutils
packages+=,libsqlite3-0,libncurses-dev,zlib1g-dev,tzdata,python3,jq,bsdextrautils,procps

if [ "$(id -u)" != 0 ]; then
  echo "error: $0 needs root (debootstrap and chroot)" >&2
  exit 2
fi
if ! command -v debootstrap > /dev/null; then
  echo "Installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap
fi

mounted=()
cleanup() {
  local index
  for ((index = ${#mounted[@]} - 1; index >= 0; index--)); do
    umount -l "${mounted[index]}" 2> /dev/null || true
  done
}
trap cleanup EXIT
bind() { # bind SOURCE TARGET-IN-ROOT
  mkdir -p "$root$2"
  mount --bind "$1" "$root$2"
  mounted+=("$root$2")
}

if [ -f "$root/.valprop-ready" ] && [ -n "$(find "$root/.valprop-ready" -mtime -7)" ]; then
  echo "Reusing the $suite root in $root"
else
  rm -rf "$root"
  mkdir -p "$roots"
  echo "Making a $suite root in $root (debootstrap, a few minutes)"
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" > "$roots/$suite.log" 2>&1 || {
    tail -20 "$roots/$suite.log" >&2
    echo "error: debootstrap of $suite failed; the whole log is $roots/$suite.log" >&2
    exit 2
  }
  touch "$root/.valprop-ready"
fi

bind /proc /proc
bind /dev /dev
bind /dev/pts /dev/pts
bind "$toolchain" /opt/valprop-swift
[ -d /opt/swift-packages ] && bind /opt/swift-packages /opt/swift-packages
cp /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true
[ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"

# The Swift toolchain's own programs also load libxml2.so.2 and libcurl.so.4, whose packages
# are named differently from one release to the next.
chroot "$root" env DEBIAN_FRONTEND=noninteractive sh -c '
  set -e
  apt-get -o Acquire::Check-Valid-Until=false update -qq
  curl=libcurl4; apt-cache show libcurl4t64 > /dev/null 2>&1 && curl=libcurl4t64
  apt-get install -y -qq --no-install-recommends '"${packages//,/ }"' libxml2 "$curl" > /dev/null'

# The work tree as it is (tracked and untracked files, not ignored ones), without .build.
rm -rf "$root/work/valprop"
mkdir -p "$root/work/valprop"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --no-recursion) \
  | tar -xf - -C "$root/work/valprop"

echo "libgit2 in the $suite root: $(chroot "$root" pkg-config --modversion libgit2)"
# The root has no browser: the report's browser tests, which check the site and not the
# build, run outside it (.ci/run installs chromium) and are skipped here.
chroot "$root" env -i HOME=/root PATH=/opt/valprop-swift/bin:/usr/bin:/bin LANG=C.UTF-8 TERM=dumb \
  VALPROP_SKIP_BROWSER_TESTS=1 \
  bash -euo pipefail -c '
    cd /work/valprop
    git config --global --add safe.directory "*"
    git config --global user.name "valprop portability check"
    git config --global user.email "portability@valprop.invalid"
    echo "README command 1: swift build -c release --static-swift-stdlib --product valprop && .build/release/valprop demo /tmp/valprop-demo"
    rm -rf /tmp/valprop-demo
    swift build -c release --static-swift-stdlib --product valprop 2>&1 | tail -3
    .build/release/valprop demo /tmp/valprop-demo > /tmp/demo.out
    tail -3 /tmp/demo.out
    echo "README command 2: swift test"
    status=0
    swift test > /tmp/valprop-test.log 2>&1 || status=$?
    grep -E "✘|recorded an issue|error:" /tmp/valprop-test.log | head -200 || true
    tail -3 /tmp/valprop-test.log
    exit "$status"
  '
