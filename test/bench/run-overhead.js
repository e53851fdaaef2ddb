// `npm run bench` (second part): the app's own throughput under `gclog run` against the baseline the
// issue names, `node --trace-gc app.js > file`, in the same run, alternating the two so that a busy
// moment of the machine hits both. Prints the medians and their ratio; writes them to a JSON file.
//
//   node test/bench/run-overhead.js [--rounds 7] [--seconds 3] [--out FILE]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'gclog.js');
const APP = join(ROOT, 'test', 'bench', 'apps', 'throughput.cjs');

function parseArguments(argv) {
  const options = { rounds: 7, seconds: 3, out: join(tmpdir(), 'gclog-run-overhead.json') };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--rounds') options.rounds = Number(argv[++index]);
    else if (argument === '--seconds') options.seconds = Number(argv[++index]);
    else if (argument === '--out') options.out = resolve(argv[++index]);
    else throw new Error(`run-overhead: unknown argument ${argument} (known: --rounds N, --seconds S, --out FILE)`);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error('run-overhead: --rounds takes a whole number of at least 1');
  if (!(options.seconds > 0)) throw new Error('run-overhead: --seconds takes a positive number');
  return options;
}

/** Runs `argv` with stdout to a file, as `> file` does, and reads the app's operation count from it. */
function operations(argv, stdoutPath) {
  const fd = openSync(stdoutPath, 'w');
  try {
    const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', fd, 'pipe'], cwd: dirname(stdoutPath) });
    if (result.status !== 0) throw new Error(`run-overhead: ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  } finally {
    closeSync(fd);
  }
  const match = /^operations (\d+)$/m.exec(readFileSync(stdoutPath, 'utf8'));
  if (match === null) throw new Error(`run-overhead: no operation count in ${stdoutPath}`);
  return Number(match[1]);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The app writing a line every 2,000 operations (a service's log), and every 20 (a chatty one). */
const WORKLOADS = [
  { id: 'service', linesEvery: 2000 },
  { id: 'chatty', linesEvery: 20 },
];

const options = parseArguments(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'gclog-run-bench-'));
const result = { machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version }, seconds: options.seconds, rounds: options.rounds, workloads: {} };
try {
  for (const workload of WORKLOADS) {
    const app = [APP, String(options.seconds), String(workload.linesEvery)];
    const baseline = [];
    const underGclog = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which goes first: a slow spell of the machine should not always land on one side.
      const pair = [
        () => baseline.push(operations([process.execPath, '--trace-gc', ...app], join(work, 'baseline.out'))),
        () => underGclog.push(operations([process.execPath, CLI, 'run', '--quiet', '--log', join(work, 'gclog.log'), '--', process.execPath, ...app], join(work, 'gclog.out'))),
      ];
      if (round % 2 === 1) pair.reverse();
      for (const run of pair) run();
    }
    const ratio = median(underGclog) / median(baseline);
    result.workloads[workload.id] = {
      linesEvery: workload.linesEvery,
      baselineOperations: baseline,
      gclogRunOperations: underGclog,
      baselineMedian: median(baseline),
      gclogRunMedian: median(underGclog),
      throughputRatio: Number(ratio.toFixed(4)),
    };
    console.log(
      `gclog run overhead (${workload.id}, a line every ${workload.linesEvery} operations): the app did ${median(underGclog)} operations under gclog run vs ${median(baseline)} under node --trace-gc > file (medians of ${options.rounds}), ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}%)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${options.out}`);
