// The worker pool of the BUILT library (workers run dist/fleet/worker.js): runs come back in their
// order whatever the workers, and a worker that outgrows its heap fails its run, not the fleet.

import { describe, expect, it } from 'vitest';
import { samplePath } from '../support/samples.js';

// Imported from dist: a worker thread runs the built JavaScript, not the TypeScript under test.
const { analyzeFleet } = (await import(new URL('../../dist/fleet/pool.js', import.meta.url).href)) as typeof import('../../src/fleet/pool.js');

const RUNS = ['node22-leak.log', 'node22-steady.log', 'node20-steady.log', 'node18-workers.log', 'node24-leak.log'].map((name) => ({ name: samplePath(name), files: [samplePath(name)] }));

describe('analyzeFleet', { timeout: 120_000 }, () => {
  it('gives the outcomes in the order of the runs, with 1, 2 or 3 workers', async () => {
    const one = await analyzeFleet(RUNS, { jobs: 1 });
    expect(one.map((outcome) => outcome.run.name)).toEqual(RUNS.map((run) => run.name));
    expect(one.map((outcome) => outcome.rows.length)).toEqual([1, 1, 1, 4, 1]);
    for (const jobs of [2, 3]) expect(await analyzeFleet(RUNS, { jobs })).toEqual(one);
  });

  it('reports each run whose worker ran out of heap, starting a fresh worker for the next run', async () => {
    // 2 MB is below what the analysis of any log needs: the first worker dies, the next one too.
    const tiny = await analyzeFleet(RUNS.slice(0, 2), { jobs: 1, workerHeapMb: 2 });
    expect(tiny.map((outcome) => outcome.failure?.message)).toEqual(
      RUNS.slice(0, 2).map((run) => `${run.name}: the analysis needed more than the worker's 2 MB heap. Analyse it alone with gclog analyze ${run.name}`),
    );
  });
});
