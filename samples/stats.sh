#!/usr/bin/env bash
# Read-only: prints size, isolates and GC-record counts per type for sample logs.
#   bash samples/stats.sh [files...]
# Type = the event name after "<time> ms: " in --trace-gc lines (e.g. Scavenge,
# Mark-Compact, Mark-sweep, Incremental Mark-Compact, Minor Mark-Sweep, with
# "(interleaved)"/"(reduce)" suffixes kept), or gc=<type> in --trace-gc-nvp lines,
# or "gc" in the JSON of Node 26 "GC: {...}" lines. GC lines repeated inside a
# "<--- Last few GCs --->" block are counted too (they are real lines of the log).
cd "$(dirname "$0")"
files=${*:-$(ls *.log compare/*.log 2>/dev/null)}
for f in $files; do
  types=$( {
      grep -oE ' ms: ((Incremental |Minor )?(Mark-Compact|Mark-sweep|Mark-Sweep|Mark-compact|Scavenge)( \((interleaved|reduce)\))*)' "$f" | sed 's/^ ms: //'
      grep -oE '(^|[] ])gc=[a-z_]+' "$f" | sed 's/.*gc=/nvp:/'
      grep -oE 'GC: \{.*' "$f" | grep -oE '"gc": *"[^"]*"' | sed -E 's/"gc": *"([^"]*)"/json:\1/'
    } | sort | uniq -c | sort -rn | awk '{c=$1; $1=""; sub(/^ /,""); printf "%s=%s; ", $0, c}')
  isol=$(grep -oE '^\[[0-9]+:0x[0-9a-f]+(:[0-9]+)?\]' "$f" | sort -u | wc -l)
  oom=$(grep -c 'heap out of memory' "$f")
  printf '%-40s %7s B  isolates=%s oom=%s  %s\n' "$f" "$(wc -c < "$f")" "$isol" "$oom" "$types"
done
