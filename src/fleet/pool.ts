// Fans the runs of a fleet out to worker threads, one run at a time per worker, and gathers the
// rows back in the order of the runs, so that any number of workers gives the same rows.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FleetRun } from './discover.js';
import type { FleetRow } from './row.js';

/** Each worker's heap is bounded: V8 stops a worker that needs more, and that run is reported failed. */
export const WORKER_OLD_GENERATION_MB = 512;
/** The young generation the CLI keeps its own heap at (src/cli/young-generation.ts). */
export const WORKER_YOUNG_GENERATION_MB = 16;

export interface RunTask {
  index: number;
  run: FleetRun;
  heapLimitMb?: number;
  /** Write the run's `analyze --html` report here. */
  reportPath?: string;
}

export type RunReply =
  | { index: number; rows: FleetRow[]; skipped: Array<{ file: string; message: string }> }
  | { index: number; failure: { message: string; exitCode: number; stack?: string } };

export interface RunOutcome {
  run: FleetRun;
  rows: FleetRow[];
  skipped: Array<{ file: string; message: string }>;
  failure: { message: string; exitCode: number; stack?: string } | null;
}

export interface PoolOptions {
  /** Worker threads; default: the cores this process may use. */
  jobs?: number;
  heapLimitMb?: number;
  /** The path of each run's HTML report, by run index; none when absent. */
  reportPathOf?: (index: number, run: FleetRun) => string;
  /** Each worker's old-generation heap in MB (default WORKER_OLD_GENERATION_MB). */
  workerHeapMb?: number;
  /** Called as each run finishes (any order), for a progress line. */
  onRunDone?: (done: number, total: number) => void;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Analyses every run on `jobs` worker threads; the outcomes come back in the runs' order. */
export async function analyzeFleet(runs: FleetRun[], options: PoolOptions = {}): Promise<RunOutcome[]> {
  const outcomes: Array<RunOutcome | undefined> = new Array(runs.length);
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), runs.length));
  let next = 0;
  let done = 0;
  const workerUrl = new URL('./worker.js', import.meta.url);
  const heapMb = options.workerHeapMb ?? WORKER_OLD_GENERATION_MB;

  const runWorker = async (): Promise<void> => {
    while (next < runs.length) {
      const worker = new Worker(workerUrl, {
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      // One worker serves runs until they are all taken, or until it dies (out of memory): then
      // its run is reported failed and a fresh worker takes the next one.
      await new Promise<void>((resolve) => {
        let current: RunTask | null = null;
        const give = (): void => {
          if (next >= runs.length) {
            current = null;
            void worker.terminate().then(() => resolve());
            return;
          }
          const index = next++;
          current = { index, run: runs[index]!, ...(options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {}) };
          const reportPath = options.reportPathOf?.(index, runs[index]!);
          if (reportPath !== undefined) current.reportPath = reportPath;
          worker.postMessage(current);
        };
        worker.on('message', (reply: RunReply) => {
          outcomes[reply.index] = {
            run: runs[reply.index]!,
            rows: 'rows' in reply ? reply.rows : [],
            skipped: 'rows' in reply ? reply.skipped : [],
            failure: 'failure' in reply ? reply.failure : null,
          };
          options.onRunDone?.(++done, runs.length);
          give();
        });
        const fail = (error: Error & { code?: string }): void => {
          if (current !== null) {
            const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
            outcomes[current.index] = {
              run: current.run,
              rows: [],
              skipped: [],
              failure: {
                message: outOfMemory
                  ? `${current.run.name}: the analysis needed more than the worker's ${heapMb} MB heap. Analyse it alone with gclog analyze ${current.run.name}`
                  : `internal error: ${error.message}`,
                exitCode: 70,
                ...(error.stack !== undefined ? { stack: error.stack } : {}),
              },
            };
            options.onRunDone?.(++done, runs.length);
          }
          current = null;
          resolve();
        };
        worker.on('error', fail);
        // A worker that ends without an error while it holds a run (it should not) fails that run too.
        worker.on('exit', (code) => fail(Object.assign(new Error(`the worker stopped with exit code ${code}`), { code: 'ERR_WORKER_EXIT' })));
        give();
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, runWorker));
  return outcomes.map((outcome, index) => outcome ?? { run: runs[index]!, rows: [], skipped: [], failure: { message: 'internal error: the run was never analysed', exitCode: 70 } });
}
