#!/bin/sh
# Regenerates the window screenshots in docs/images/ (used by docs/user-guide.md and the
# README). The window draws itself on Qt's offscreen platform, so no display is needed.
#   docs/make-window-screenshots.sh [BUILD_DIR [ORGS_DIR]]
# ORGS_DIR holds the real organisations (uk-organogram-ministry-of-defence-2016-03-31.yaml,
# us-samgov-federal-hierarchy.yaml); by default the shared data beside the repository.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
orgs=${2:-$root/../shared/data/orgs}
cmake --build "$build" --target rolescope_window_screenshots -j2
mkdir -p "$root/docs/images"
"$build/tests/rolescope_window_screenshots" "$root/docs/images" "$orgs"
