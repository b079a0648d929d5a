#!/usr/bin/env bash
# Carries valprop's caches between scheduled runs on a CI that caches only folders inside the
# checkout (GitLab): the history walks, the strength scores of past revisions, the drift
# answers and the report's rendered Markdown (in .git/valprop; the summaries, keyed by this
# checkout's file times, and the report folder are not carried). `restore` copies the kept
# files into the git folder; `save` copies them out, and keeps the earlier copies when this
# run has none (it failed before valprop ran). Keep them under a cache key that names the
# valprop build: the scores, drift and Markdown caches name the binary that wrote them and
# are ignored by another build, but the history cache is not.
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
names=(history.cache scores.cache drift.cache markdown.cache)

case "$1" in
  restore)
    mkdir -p "$git_dir/valprop"
    for name in "${names[@]}"; do
      if [ -f "$kept/$name" ]; then cp -p "$kept/$name" "$git_dir/valprop/$name"; fi
    done
    ;;
  save)
    found=false
    for name in "${names[@]}"; do
      if [ -f "$git_dir/valprop/$name" ]; then found=true; fi
    done
    if [ "$found" = false ]; then
      exit 0
    fi
    for name in "${names[@]}"; do
      rm -f "$kept/$name"
      if [ -f "$git_dir/valprop/$name" ]; then cp -p "$git_dir/valprop/$name" "$kept/$name"; fi
    done
    ;;
esac
