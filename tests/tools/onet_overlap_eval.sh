#!/bin/sh
# Builds rolescope_overlap_eval and measures the overlap engine on the O*NET management
# occupations (not part of the repository):
#   tests/tools/onet_overlap_eval.sh MODEL.yaml EXPECTED.yaml [--verbose] [THRESHOLD...]
# BUILD_DIR chooses the build directory (default: build next to the sources).
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 MODEL.yaml EXPECTED.yaml [--verbose] [THRESHOLD...]" >&2
    exit 2
fi
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$source_dir/build}
cmake -S "$source_dir" -B "$build_dir" >/dev/null
cmake --build "$build_dir" --target rolescope_overlap_eval -j2 >/dev/null
exec "$build_dir/tests/rolescope_overlap_eval" "$@"
