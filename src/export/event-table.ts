// The `gclog-events` table: one row per GC with the file, process and isolate on every row, the
// schema that `gclog events --format ndjson|csv|parquet` writes and that the SQL beside it reads.

import { gcStartMs, type GcEvent } from '../events.js';
import type { TableSchema } from './table.js';

export interface EventRow {
  /** The input as given on the command line. */
  file: string;
  /** 0-based position of the event in the file, in the order read (several GCs can share a line). */
  seq: number;
  event: GcEvent;
  /** The process's command, from the `gclog:process` line `gclog run` wrote before its GCs; else null. */
  command: string | null;
}

const KB_SPACES = ['new', 'old', 'code', 'lo'] as const;

/** Version 1: columns are added, never renamed or retyped, within a version. */
export const EVENT_TABLE: TableSchema<EventRow> = {
  name: 'gclog-events',
  version: 1,
  columns: [
    { name: 'file', type: 'utf8', describe: 'the log file, as given to gclog', value: (row) => row.file },
    { name: 'seq', type: 'int64', describe: 'position of the GC in the file, in the order read (0-based)', value: (row) => row.seq },
    { name: 'line', type: 'int64', describe: 'line of the record in the file (1-based)', value: (row) => row.event.line },
    { name: 'pid', type: 'int64', describe: 'process id from the [pid:isolate] prefix (null without one)', value: (row) => row.event.pid },
    { name: 'isolate', type: 'utf8', describe: "the isolate's address (null without one)", value: (row) => row.event.isolate },
    { name: 'isolate_id', type: 'int64', describe: "V8's isolate id (13.6+ NVP), else null", value: (row) => row.event.isolateId ?? null },
    { name: 'command', type: 'utf8', describe: "the process's command, when the log holds it (gclog run writes it), else null", value: (row) => row.command },
    { name: 'source', type: 'utf8', describe: 'trace, nvp, nvp-json, oom-report, trace-event or gc-profiler', value: (row) => row.event.source },
    { name: 'type', type: 'utf8', describe: 'Scavenge, Minor Mark-Compact, Minor Mark-Sweep or Mark-Compact', value: (row) => row.event.type },
    { name: 'generation', type: 'utf8', describe: 'young or old', value: (row) => row.event.generation },
    { name: 'v8_name', type: 'utf8', describe: "the collector's name as printed (Mark-sweep, Incremental Mark-Compact …)", value: (row) => row.event.v8Name },
    { name: 'decorations', type: 'utf8', describe: 'reduce, interleaved, during sweeping, shared; comma-separated, empty for none', value: (row) => row.event.decorations.join(',') },
    {
      name: 'start_ms',
      type: 'float64',
      describe: 'ms since the isolate started when the pause began (time_ms − pause_ms); null without a time (GCProfiler)',
      value: (row) => (row.event.timeMs === null ? null : gcStartMs({ timeMs: row.event.timeMs, pauseMs: row.event.pauseMs })),
    },
    { name: 'time_ms', type: 'float64', describe: 'ms since the isolate started when V8 printed the record: the end of the GC; null for GCProfiler entries (no time recorded)', value: (row) => row.event.timeMs },
    { name: 'pause_ms', type: 'float64', describe: 'main-thread pause (ms)', value: (row) => row.event.pauseMs },
    { name: 'external_ms', type: 'float64', describe: 'time in embedder callbacks (ms), null when not printed', value: (row) => row.event.externalMs ?? null },
    { name: 'heap_before_mb', type: 'float64', describe: 'heap used before the GC (MB as V8 prints them, i.e. MiB)', value: (row) => row.event.heapBeforeMb },
    { name: 'heap_after_mb', type: 'float64', describe: 'heap used after the GC (MB): after a Mark-Compact, the floor', value: (row) => row.event.heapAfterMb },
    { name: 'committed_before_mb', type: 'float64', describe: 'committed heap before the GC (MB), null in NVP logs older than V8 13.6', value: (row) => row.event.committedBeforeMb },
    { name: 'committed_after_mb', type: 'float64', describe: 'committed heap after the GC (MB), null as above', value: (row) => row.event.committedAfterMb },
    { name: 'pooled_mb', type: 'float64', describe: 'pooled: X MB (V8 12.4+), else null', value: (row) => row.event.pooledMb ?? null },
    { name: 'reason', type: 'utf8', describe: 'why the GC ran, null when not printed', value: (row) => row.event.reason },
    { name: 'collector_reason', type: 'utf8', describe: 'why this collector was chosen, null when not printed', value: (row) => row.event.collectorReason ?? null },
    { name: 'mu_average', type: 'float64', describe: "V8's average mutator utilisation (0..1), null when not printed", value: (row) => row.event.mu?.average ?? null },
    { name: 'mu_current', type: 'float64', describe: "V8's current mutator utilisation (0..1), null when not printed", value: (row) => row.event.mu?.current ?? null },
    { name: 'incremental_ms', type: 'float64', describe: 'incremental marking steps before this GC (ms), null when none printed', value: (row) => row.event.incremental?.stepsMs ?? null },
    { name: 'incremental_steps', type: 'int64', describe: 'incremental marking steps, null when none printed', value: (row) => row.event.incremental?.steps ?? null },
    ...KB_SPACES.map((space) => ({
      name: `${space}_used_kb`,
      type: 'float64' as const,
      describe: `--trace-gc-verbose: KB used in the ${space} space after the GC, else null`,
      value: (row: EventRow) => row.event.spaces?.spaces[space]?.usedKb ?? null,
    })),
    { name: 'external_kb', type: 'float64', describe: '--trace-gc-verbose: external memory reported (KB), else null', value: (row) => row.event.spaces?.externalKb ?? null },
    { name: 'backing_store_kb', type: 'float64', describe: '--trace-gc-verbose: ArrayBuffer backing stores (KB), else null', value: (row) => row.event.spaces?.backingStoreKb ?? null },
    { name: 'from_oom_report', type: 'bool', describe: 'read from the "Last few GCs" block of an out-of-memory crash', value: (row) => row.event.fromOomReport === true },
    { name: 'truncated', type: 'bool', describe: 'the record was cut before its end', value: (row) => row.event.truncated === true },
  ],
};
