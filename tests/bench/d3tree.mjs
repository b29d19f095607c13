// Times d3-hierarchy's tidy tree on the JSON that rolescope-gen --json writes, the way
// compare.sh times Rolescope's layout: stratify once (not timed as layout), one warm-up
// layout, then RUNS layouts; prints the median and the fastest.
// Usage: node d3tree.mjs TREE.json [RUNS] (d3-hierarchy must resolve from this file's folder)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { stratify, tree } from 'd3-hierarchy';

const [file, runsText = '11'] = process.argv.slice(2);
const runs = Math.max(1, Number(runsText));
const rows = JSON.parse(readFileSync(file, 'utf8'));

let start = performance.now();
const root = stratify().id(d => d.id).parentId(d => d.parentId)(rows);
const stratifyMs = performance.now() - start;

// The card size and gaps of Rolescope's default layout: 220 px cards 24 px apart, 96 px
// cards 64 px apart vertically.
const layout = tree().nodeSize([244, 160]);
const times = [];
let width = 0;
for (let i = 0; i <= runs; ++i) {
    start = performance.now();
    layout(root);
    const ms = performance.now() - start;
    if (i > 0)
        times.push(ms);
}
let minX = Infinity, maxX = -Infinity;
root.each(node => { minX = Math.min(minX, node.x); maxX = Math.max(maxX, node.x); });
width = maxX - minX + 220;
times.sort((a, b) => a - b);
console.log(`d3 roles=${rows.length} stratify_ms=${stratifyMs.toFixed(1)} `
            + `median_ms=${times[Math.floor(times.length / 2)].toFixed(3)} `
            + `min_ms=${times[0].toFixed(3)} runs=${runs} width_px=${width.toFixed(0)}`);
