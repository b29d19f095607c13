#!/bin/bash
# Runs every rolescope_bench benchmark in a process of its own, so each peak memory figure is
# that benchmark's alone even where the kernel refuses to reset the high-water mark, and
# prints one Markdown table. Usage: tests/bench/run-bench.sh [BUILD_DIR] [FILTER-REGEX]
# (default: build-bench in the repository, every benchmark). Slow: about as long as the
# benchmarks themselves plus generating the inputs once per process.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build-bench}
filter=${2:-.}
bench=$(find "$build" -name rolescope_bench -type f -perm -u+x | head -1)
if [ -z "$bench" ]; then
    echo "rolescope_bench not found under $build: cmake --build $build --target rolescope_bench" >&2
    exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rolescope-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "rolescope_bench, one process per benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), load average" \
     "$(cut -d' ' -f1-3 /proc/loadavg) before the run"
i=0
"$bench" --benchmark_list_tests 2> /dev/null | grep -E -- "$filter" | while read -r name; do
    i=$((i + 1))
    # Anchored, with the regex characters of the name escaped.
    pattern="^$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<< "$name")\$"
    "$bench" --benchmark_filter="$pattern" --benchmark_format=json \
        > "$work/$(printf '%03d' "$i").json" 2> "$work/$i.err" || cat "$work/$i.err" >&2
done

python3 - "$work" <<'PY'
import glob, json, sys
rows = []
for path in sorted(glob.glob(sys.argv[1] + "/*.json")):
    try:
        data = json.load(open(path))
    except ValueError:
        continue
    rows += data.get("benchmarks", [])
skip = {"name", "run_name", "run_type", "repetitions", "repetition_index", "threads",
        "iterations", "real_time", "cpu_time", "time_unit", "family_index",
        "per_family_instance_index", "label", "error_occurred", "error_message",
        "peak_MB", "base_MB", "roles", "roles_per_s"}
print("| benchmark | roles | wall time | CPU time (main thread) | iterations | peak MB | base MB | other |")
print("|---|---|---|---|---|---|---|---|")
for b in rows:
    name, _, rest = b["name"].partition("/")
    roles = rest.split("/")[0]
    if b.get("error_occurred"):
        print(f"| {name} | {roles} | error: {b.get('error_message', '')} | | | | | |")
        continue
    unit = b.get("time_unit", "ns")
    def fmt(t):
        return f"{t:,.3f} {unit}" if t < 10 else f"{t:,.0f} {unit}"
    other = ", ".join(f"{k} {v:,.0f}" if v >= 100 else f"{k} {v:g}"
                      for k, v in b.items() if k not in skip and isinstance(v, (int, float)))
    print(f"| {name} | {int(float(roles)):,} | {fmt(b['real_time'])} | {fmt(b['cpu_time'])} | "
          f"{b['iterations']} | {b.get('peak_MB', 0):,.0f} | {b.get('base_MB', 0):,.0f} | {other} |")
PY
