#!/bin/bash
# Times Rolescope against its peers on identical synthetic organisations, in one run on one
# machine (issue 6, docs/performance.md):
#   - opening a model: `rolescope check` at 10,000 and 100,000 roles (no peer);
#   - `rolescope export` to PNG against Graphviz `dot -Tpng` at 1,000 and 10,000 roles, with
#     both images' pixel sizes, and Rolescope's one-page PDF export at 10,000 roles;
#   - Rolescope's layout (rolescope_bench --layout-time, load excluded) against d3-hierarchy's
#     d3.tree() in node (stratify excluded) at 1,000, 10,000 and 100,000 roles.
# Prints the machine, then a Markdown table with the ratios. Installs graphviz (apt) when
# missing and d3-hierarchy (npm) into a temporary folder. A tool that is missing or fails is
# reported as "not available" on its row instead of stopping the run.
#
# Usage: tests/bench/compare.sh [BUILD_DIR]   (default: build-bench in the repository; the
#        targets rolescope, rolescope-gen and rolescope_bench are built there first)
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build-bench}
seed=1
work=$(mktemp -d "${TMPDIR:-/tmp}/rolescope-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "# Rolescope vs Graphviz and d3-hierarchy — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
     "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory," \
     "$(. /etc/os-release && echo "$PRETTY_NAME"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"

# --- tools ---------------------------------------------------------------------------------
{
    [ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
    for target in rolescope-gen rolescope_bench rolescope; do
        cmake --build "$build" -j2 --target "$target" || echo "building $target failed"
    done
} > "$work/build.log" 2>&1
gen=$(find "$build" -name rolescope-gen -type f -perm -u+x | head -1)
bench=$(find "$build" -name rolescope_bench -type f -perm -u+x | head -1)
rolescope=$(find "$build" -name rolescope -type f -perm -u+x | head -1)
if [ -z "$gen" ]; then
    echo "rolescope-gen did not build; see the build log:" >&2
    tail -30 "$work/build.log" >&2
    exit 1
fi

if ! command -v dot > /dev/null && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; } \
        > "$work/apt.log" 2>&1
fi
d3dir="$work/d3"
if command -v node > /dev/null && command -v npm > /dev/null; then
    mkdir -p "$d3dir"
    if (cd "$d3dir" && npm init -y && npm install --no-audit --no-fund d3-hierarchy) \
        > "$work/npm.log" 2>&1; then
        cp "$repo/tests/bench/d3tree.mjs" "$d3dir/"
    fi
fi
echo "Versions: Graphviz $(dot -V 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' || true)," \
     "node $(node --version 2>/dev/null)," \
     "d3-hierarchy $(node -p "require('$d3dir/node_modules/d3-hierarchy/package.json').version" 2>/dev/null)"

# --- inputs --------------------------------------------------------------------------------
sizes="1000 10000 100000"
for n in $sizes; do
    "$gen" "$n" --seed "$seed" -o "$work/org-$n.yaml" --dot "$work/org-$n.dot" \
        --json "$work/org-$n.json"
done
echo "Inputs: rolescope-gen N --seed $seed (YAML: 1,000 roles $(du -h "$work/org-1000.yaml" | cut -f1)," \
     "10,000 $(du -h "$work/org-10000.yaml" | cut -f1), 100,000 $(du -h "$work/org-100000.yaml" | cut -f1))"
echo

# measure LOG CMD...: runs CMD with its output in LOG.out/LOG.err; prints "SECONDS PEAK_MB STATUS
# CPU_SECONDS" (wall time, the command's own peak resident memory, its exit status, and its
# user + system CPU time over all its threads).
measure() {
    local log=$1
    shift
    python3 - "$log" "$@" <<'PY'
import os, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
with open(log + ".out", "wb") as out, open(log + ".err", "wb") as err:
    start = time.perf_counter()
    try:
        child = subprocess.Popen(cmd, stdout=out, stderr=err)
    except OSError:
        print("0 0 127 0")
        sys.exit()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
print(f"{seconds:.2f} {usage.ru_maxrss / 1024:.0f} {os.waitstatus_to_exitcode(status)} {cpu:.2f}")
PY
}

# The pixel size of a PNG ("W × H"), read from its header.
png_size() {
    python3 - "$1" <<'PY'
import struct, sys
try:
    with open(sys.argv[1], "rb") as f:
        head = f.read(24)
    w, h = struct.unpack(">II", head[16:24])
    print(f"{w:,} × {h:,} px")
except Exception:
    print("no image")
PY
}

thousands() { python3 -c "import sys; print(f'{int(sys.stdin.read() or 0):,}')"; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.1f}×' if b > 0 else '—')" "$1" "$2"; }

has_export=false
# The command list of `rolescope --help` names export once it exists.
if [ -n "$rolescope" ] && "$rolescope" --help 2>&1 | grep -qE '^ +export '; then
    has_export=true
fi

echo "| what | roles | Rolescope | peer | peer ÷ Rolescope |"
echo "|---|---|---|---|---|"

# Opening a model: read, parse, validate, index (the whole `check` process).
for n in 10000 100000; do
    if [ -n "$rolescope" ]; then
        read -r s mb rc cpu < <(measure "$work/check-$n" "$rolescope" check "$work/org-$n.yaml")
        if [ "$rc" = 0 ]; then
            echo "| open (\`rolescope check\`) | $n | $s s ($cpu s CPU), $mb MB peak | — | — |"
        else
            echo "| open (\`rolescope check\`) | $n | failed (exit $rc) | — | — |"
        fi
    else
        echo "| open (\`rolescope check\`) | $n | not available | — | — |"
    fi
done

# PNG export against dot -Tpng.
for n in 1000 10000; do
    ours="not available"
    ours_s=0
    if $has_export; then
        read -r s mb rc cpu < <(measure "$work/export-$n" "$rolescope" export "$work/org-$n.yaml" \
                             -o "$work/rolescope-$n.png")
        if [ "$rc" = 0 ]; then
            ours="$s s ($cpu s CPU), $mb MB peak, $(png_size "$work/rolescope-$n.png")"
            ours_s=$s
            ours_cpu=$cpu
        else
            ours="failed (exit $rc): $(head -c 200 "$work/export-$n.err" | tr '\n' ' ')"
        fi
    fi
    peer="not available"
    peer_s=0
    if command -v dot > /dev/null; then
        read -r s mb rc cpu < <(measure "$work/dot-$n" dot -Tpng "$work/org-$n.dot" -o "$work/dot-$n.png")
        if [ "$rc" = 0 ]; then
            peer="$s s ($cpu s CPU), $mb MB peak, $(png_size "$work/dot-$n.png")"
            peer_s=$s
            peer_cpu=$cpu
        else
            peer="failed (exit $rc)"
        fi
    fi
    r="—"
    if [ "$ours_s" != 0 ] && [ "$peer_s" != 0 ]; then
        r="$(ratio "$peer_s" "$ours_s") ($(ratio "$peer_cpu" "$ours_cpu") by CPU time)"
    fi
    echo "| PNG export (\`rolescope export\` vs \`dot -Tpng\`) | $n | $ours | $peer | $r |"
done

# PDF export on one page (no SVG: the exporter refuses SVGs wider than 32,767 px, as whole
# charts are; split into A4 pages a whole chart passes the exporter's 2,000-page limit).
out="not available"
if $has_export; then
    read -r s mb rc cpu < <(measure "$work/export-pdf" "$rolescope" export "$work/org-10000.yaml" \
                         --fit-page -o "$work/rolescope-10000.pdf")
    if [ "$rc" = 0 ]; then
        out="$s s ($cpu s CPU), $mb MB peak, $(du -h "$work/rolescope-10000.pdf" | cut -f1)"
    else
        out="failed (exit $rc): $(head -c 200 "$work/export-pdf.err" | tr '\n' ' ')"
    fi
fi
echo "| PDF export, one page (\`rolescope export --fit-page\`) | 10000 | $out | — | — |"

# Layout alone against d3.tree().
for n in $sizes; do
    ours="not available"
    ours_ms=0
    if [ -n "$bench" ]; then
        read -r s mb rc cpu < <(measure "$work/layout-$n" "$bench" --layout-time "$work/org-$n.yaml")
        if [ "$rc" = 0 ]; then
            line=$(grep 'options=plain-tidy' "$work/layout-$n.out")
            ours_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<< "$line")
            compact_ms=$(grep 'options=default' "$work/layout-$n.out" \
                         | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
            plain_w=$(sed -n 's/.*width_px=\([0-9]*\).*/\1/p' <<< "$line" | thousands)
            compact_w=$(grep 'options=default' "$work/layout-$n.out" \
                        | sed -n 's/.*width_px=\([0-9]*\).*/\1/p' | thousands)
            ours="$ours_ms ms plain tidy tree, $plain_w px wide ($compact_ms ms, $compact_w px"
            ours+=" with compact teams)"
        else
            ours="failed (exit $rc)"
        fi
    fi
    peer="not available"
    peer_ms=0
    if [ -f "$d3dir/d3tree.mjs" ]; then
        read -r s mb rc cpu < <(measure "$work/d3-$n" node "$d3dir/d3tree.mjs" "$work/org-$n.json")
        if [ "$rc" = 0 ]; then
            peer_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' "$work/d3-$n.out")
            peer_w=$(sed -n 's/.*width_px=\([0-9]*\).*/\1/p' "$work/d3-$n.out" | thousands)
            peer="$peer_ms ms, $peer_w px wide"
        else
            peer="failed (exit $rc)"
        fi
    fi
    r="—"
    if [ "$ours_ms" != 0 ] && [ "$peer_ms" != 0 ]; then r=$(ratio "$peer_ms" "$ours_ms"); fi
    echo "| layout only (median of 11, vs \`d3.tree()\`) | $n | $ours | $peer | $r |"
done

echo
echo "Times are wall-clock seconds of the whole process (start-up included), with its user +"
echo "system CPU time over all threads in brackets (what to compare when the machine is busy);"
echo "peak memory is each process's own maximum resident set (wait4 ru_maxrss). Layout times"
echo "exclude loading and stratify; both sides take the median of 11 runs after one warm-up."
echo "Ratios are of wall times unless marked. Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
