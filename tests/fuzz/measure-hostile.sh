#!/bin/bash
# Builds measure_hostile (optimised, no sanitizers: the times are the user's) and runs every
# generated hostile input in a process of its own, printing the rejection time and the
# process's peak resident memory, which includes the input itself held in memory, and its CPU
# time (user + system), which unlike the wall-clock time does not grow when the machine is busy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
mkdir -p "$build"
binary=$build/measure_hostile
sources=()
for name in colors diagnostic loader model prescan sourcetext validate; do
    sources+=("$root/core/$name.cpp")
done
g++ -std=c++20 -O2 -I"$root" "$root/tests/fuzz/measure_hostile.cpp" "${sources[@]}" \
    -lyaml-cpp -pthread -o "$binary" 2>&1 | sed 's/^/  /'
for name in $("$binary"); do
    /usr/bin/time -f "%M %U %S" -o "$build/usage" "$binary" "$name" || true
    # time(1) puts "Command exited with non-zero status N" first when the check fails.
    read -r rss user system < <(tail -1 "$build/usage")
    echo "    peak RSS $((rss / 1024)) MB, CPU $(awk "BEGIN { print $user + $system }") s"
done
