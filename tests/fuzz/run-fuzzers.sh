#!/bin/bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time.
# Run by hand, not by CI (docs/robustness.md):
#   tests/fuzz/run-fuzzers.sh [SECONDS]          every target, SECONDS each (default 60)
#   FUZZERS=loader tests/fuzz/run-fuzzers.sh 1200  only one of them
# Needs clang-14 and libclang-rt-14-dev (CXX=clang++-16 with libclang-rt-16-dev also works:
# core/overlap.cpp captures a structured binding in a lambda, which clang 14 cannot compile, so
# the normaliser and prepared targets need clang 16 until that changes). New corpus entries and
# crash files go to the scratch directory $FUZZ_WORK (default build-fuzz/work), never into the
# repository; copy a crasher into tests/data/fuzz-regressions/ once it is fixed.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
work=${FUZZ_WORK:-$build/work}
fuzzers=${FUZZERS:-"loader normalizer prepared"}
cxx=${CXX:-clang++-14}

flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
       -fno-sanitize-recover=all -I"$root")
# The core sources each target needs, compiled directly (no CMake, no Qt).
declare -A target_sources=(
    [loader]="colors diagnostic loader model prescan sourcetext validate"
    [normalizer]="model overlap textnormalizer"
    [prepared]="model overlap textnormalizer"
)

objdir=$build/obj-$(basename "$cxx")
mkdir -p "$objdir" "$work"
# Recompiled when the source or any core header is newer than the object.
compile() {
    local source=$root/core/$1.cpp object=$objdir/$1.o
    if [ ! -e "$object" ] || [ -n "$(find "$source" "$root"/core/*.h -newer "$object")" ]; then
        echo "compiling core/$1.cpp" >&2
        "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$source" -o "$object"
    fi
    echo "$object"
}

# The seed corpus: every model the project ships or tests with.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
find "$root/tests/data" "$root/resources" -type f \( -name '*.yaml' -o -path '*/fuzz-regressions/*' \) |
    while read -r file; do
        cp "$file" "$seeds/$(sha1sum < "$file" | cut -c1-40)"
    done

for fuzzer in $fuzzers; do
    objects=()
    for name in ${target_sources[$fuzzer]}; do
        objects+=("$(compile "$name")")
    done
    binary="$build/fuzz_$fuzzer"
    echo "building $binary"
    "$cxx" "${flags[@]}" -fsanitize=fuzzer "$root/tests/fuzz/fuzz_$fuzzer.cpp" "${objects[@]}" \
        -lyaml-cpp -lstemmer -o "$binary"
    corpus=$work/corpus-$fuzzer
    artifacts=$work/artifacts-$fuzzer/
    mkdir -p "$corpus" "$artifacts"
    echo "running fuzz_$fuzzer for ${seconds}s; corpus in $corpus"
    "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -dict="$root/tests/fuzz/yaml.dict" -artifact_prefix="$artifacts" -print_final_stats=1 \
        "$corpus" "$seeds"
done
