// The worker thread of a fleet: takes one run at a time from the pool, analyses it with the
// library, and sends back its rows (and, when asked, writes the run's `analyze` HTML report).

import { parentPort } from 'node:worker_threads';
import { AppError, EXIT_CODES } from '../errors.js';
import { analyzeRun } from './analyze-run.js';
import type { RunReply, RunTask } from './pool.js';
import { fleetRows } from './row.js';

parentPort?.on('message', (task: RunTask) => {
  void handle(task).then((reply) => parentPort!.postMessage(reply));
});

async function handle(task: RunTask): Promise<RunReply> {
  try {
    const { summary, skipped } = await analyzeRun(task.run, task.heapLimitMb !== undefined ? { heapLimitMb: task.heapLimitMb } : {});
    if (task.reportPath !== undefined) {
      // Loaded only when asked: the chart compiler is large.
      const [{ renderHtmlReport }, { writeFileAtomic }] = await Promise.all([import('../report/html/render-html.js'), import('../io/write-atomic.js')]);
      await writeFileAtomic(task.reportPath, renderHtmlReport(summary));
    }
    return { index: task.index, rows: fleetRows(task.run, summary), skipped };
  } catch (error) {
    const appError = error instanceof AppError;
    return {
      index: task.index,
      failure: {
        message: appError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`,
        exitCode: appError ? error.exitCode : EXIT_CODES.Internal,
        ...(appError ? {} : { stack: (error as Error)?.stack ?? '' }),
      },
    };
  }
}
