// The `gclog-fleet` table: one row per process isolate, as `fleet --csv`, `--json` and
// `--format parquet` write it (the same columns, typed, for DuckDB and other engines).

import type { TableSchema } from '../export/table.js';
import { FLEET_SCHEMA_VERSION, type FleetRow } from './row.js';

export const FLEET_TABLE: TableSchema<FleetRow> = {
  name: 'gclog-fleet',
  version: FLEET_SCHEMA_VERSION,
  columns: [
    { name: 'file', type: 'utf8', describe: 'the run: its newest file (the live log of a rotated set)', value: (row) => row.file },
    { name: 'files', type: 'utf8', describe: 'the files read as this run, oldest first, separated by |', value: (row) => row.files.join('|') },
    { name: 'pid', type: 'int64', describe: 'process id (null when the log has no [pid:isolate] prefix)', value: (row) => row.pid },
    { name: 'isolate', type: 'utf8', describe: "the isolate's address (null without one)", value: (row) => row.isolate },
    { name: 'label', type: 'utf8', describe: 'main thread, worker 1 … (pid N … when a file holds several processes)', value: (row) => row.label },
    { name: 'command', type: 'utf8', describe: "the process's command line, when the log holds it (gclog run writes it), else null", value: (row) => row.command },
    { name: 'era', type: 'utf8', describe: 'the Node/V8 era guessed from the records', value: (row) => row.era },
    { name: 'duration_ms', type: 'float64', describe: "from the first GC's start to the last GC's end (ms)", value: (row) => row.durationMs },
    { name: 'gcs', type: 'int64', describe: 'GCs of the isolate', value: (row) => row.gcs },
    { name: 'mark_compacts', type: 'int64', describe: 'Mark-Compacts among them', value: (row) => row.markCompacts },
    { name: 'pause_p50_ms', type: 'float64', describe: 'median pause (nearest rank, ms)', value: (row) => row.pauseP50Ms },
    { name: 'pause_p95_ms', type: 'float64', describe: '95th percentile pause (ms)', value: (row) => row.pauseP95Ms },
    { name: 'pause_p99_ms', type: 'float64', describe: '99th percentile pause (ms)', value: (row) => row.pauseP99Ms },
    { name: 'pause_max_ms', type: 'float64', describe: 'longest pause (ms)', value: (row) => row.pauseMaxMs },
    { name: 'overhead_percent', type: 'float64', describe: 'share of the time in GC pauses (%), null when the GCs span too short a time', value: (row) => row.overheadPercent },
    { name: 'worst_second_ms', type: 'float64', describe: 'GC pause time in the worst 1-second window (ms)', value: (row) => row.worstSecondMs },
    { name: 'worst_second_at_ms', type: 'float64', describe: 'when that window starts (ms on the isolate clock), null without GCs', value: (row) => row.worstSecondAtMs },
    { name: 'floor_mb', type: 'float64', describe: 'median floor after Mark-Compact over the running app (MB), null without one', value: (row) => row.floorMb },
    { name: 'floor_trend_mb_per_min', type: 'float64', describe: 'Theil–Sen trend of that floor (MB/min), null below 5 floors after the warm-up', value: (row) => row.floorTrendMbPerMinute },
    { name: 'leak', type: 'utf8', describe: 'leak, suspected, none or insufficient-data', value: (row) => row.leak },
    { name: 'leak_reason', type: 'utf8', describe: 'the first sentence that decided the verdict', value: (row) => row.leakReason },
    { name: 'out_of_memory', type: 'bool', describe: 'the process died out of memory', value: (row) => row.outOfMemory },
  ],
};
