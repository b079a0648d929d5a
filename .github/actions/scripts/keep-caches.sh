#!/usr/bin/env bash
# Carries valprop's caches (the `*.cache` files of .git/valprop: history walks, strength
# scores of past revisions, rendered Markdown) between scheduled runs on a CI that caches only
# folders inside the checkout (GitLab). `restore` copies the kept files into the git folder;
# `save` copies them out. The report folder is never carried. valprop checks every cache file
# (format, checksum, the binary that wrote it) and ignores one it cannot trust, so a missing
# or damaged copy costs time, never a wrong answer.
#   VALPROP_CACHES_DIR  where the copies are kept (default .valprop-cache/state)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "${1:-}" != restore ] && [ "${1:-}" != save ]; then
  error "usage: keep-caches.sh restore|save"
  exit 2
fi
kept=${VALPROP_CACHES_DIR:-.valprop-cache/state}
mkdir -p "$kept"
kept=$(cd "$kept" && pwd)
git_dir=$(git rev-parse --path-format=absolute --git-common-dir)

case "$1" in
  restore)
    mkdir -p "$git_dir/valprop"
    find "$kept" -maxdepth 1 -type f -name '*.cache' -exec cp -p {} "$git_dir/valprop/" \;
    ;;
  save)
    find "$kept" -maxdepth 1 -type f -name '*.cache' -delete
    if [ -d "$git_dir/valprop" ]; then
      find "$git_dir/valprop" -maxdepth 1 -type f -name '*.cache' -exec cp -p {} "$kept/" \;
    fi
    ;;
esac
