#!/bin/bash
# Builds measure_hostile (optimised, no sanitizers: the times are the user's) and runs every
# generated hostile input in a process of its own, printing the rejection time and the
# process's peak resident memory, which includes the input itself held in memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
mkdir -p "$build"
binary=$build/measure_hostile
sources=()
for name in colors diagnostic loader model sourcetext validate; do
    sources+=("$root/core/$name.cpp")
done
g++ -std=c++20 -O2 -I"$root" "$root/tests/fuzz/measure_hostile.cpp" "${sources[@]}" \
    -lyaml-cpp -pthread -o "$binary" 2>&1 | sed 's/^/  /'
for name in $("$binary"); do
    /usr/bin/time -f "%M" -o "$build/rss" "$binary" "$name" || true
    echo "    peak RSS $(( $(cat "$build/rss") / 1024 )) MB"
done
