#!/bin/sh
# Regenerates the comparison screenshots in docs/images/ (used by docs/comparison.md). The
# window draws itself on Qt's offscreen platform, so no display is needed.
#   docs/make-comparison-screenshots.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target rolescope_comparison_screenshots -j2
mkdir -p "$root/docs/images"
"$build/tests/rolescope_comparison_screenshots" "$root/docs/images"
