#!/usr/bin/env bash
# Writes the report (`valprop report`, a static site of every proposition) for GitHub Pages,
# into the folder the stale action then uploads as the Pages artifact.
# Environment:
#   VALPROP_PAGES_DIR  where the site goes (default valprop-pages, in the checkout, which the
#                      upload step names: a job container sees the runner's temp folder elsewhere)
set -euo pipefail
valprop report --output "${VALPROP_PAGES_DIR:-valprop-pages}"
