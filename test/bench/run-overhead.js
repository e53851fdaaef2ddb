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

const options = parseArguments(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'gclog-run-bench-'));
const baseline = [];
const underGclog = [];
try {
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which goes first: a slow spell of the machine should not always land on one side.
    const pair = [
      () => baseline.push(operations([process.execPath, '--trace-gc', APP, String(options.seconds)], join(work, 'baseline.out'))),
      () => underGclog.push(operations([process.execPath, CLI, 'run', '--quiet', '--log', join(work, 'gclog.log'), '--', process.execPath, APP, String(options.seconds)], join(work, 'gclog.out'))),
    ];
    if (round % 2 === 1) pair.reverse();
    for (const run of pair) run();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const ratio = median(underGclog) / median(baseline);
const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  seconds: options.seconds,
  rounds: options.rounds,
  baselineOperations: baseline,
  gclogRunOperations: underGclog,
  baselineMedian: median(baseline),
  gclogRunMedian: median(underGclog),
  throughputRatio: Number(ratio.toFixed(4)),
};
writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`gclog run overhead: the app did ${result.gclogRunMedian} operations under gclog run vs ${result.baselineMedian} under node --trace-gc > file (medians of ${options.rounds}), ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}%)`);
console.log(`wrote ${options.out}`);
