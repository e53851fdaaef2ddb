// Fleet scaling: `gclog fleet --jobs 2` against `--jobs 1` on the same N files, in one session,
// interleaved; the rows of both must be identical. Run with `node test/bench/fleet-bench.js`
// (after npm run build); `npm run bench` runs it after the single-log bench.
//
// Options: --files N (default 8), --size-mb M per file (default 25), --repeat R (default 3: the
// fastest of R interleaved runs of each), --out FILE (the figures as JSON), --keep.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLog } from './build-log.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'gclog.js');
/** Different samples, so that the files are not all the same work. */
const SAMPLES = ['samples/node22-steady.log', 'samples/node20-steady.log', 'samples/node24-steady.log', 'samples/node18-steady.log'];

function parseArguments(argv) {
  const options = { files: 8, sizeMb: 25, repeat: 3, out: join(tmpdir(), 'gclog-fleet-bench.json'), keep: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--files') options.files = Number(argv[++index]);
    else if (argument === '--size-mb') options.sizeMb = Number(argv[++index]);
    else if (argument === '--repeat') options.repeat = Number(argv[++index]);
    else if (argument === '--out') options.out = resolve(argv[++index]);
    else if (argument === '--keep') options.keep = true;
    else throw new Error(`fleet-bench: unknown argument ${argument} (known: --files N, --size-mb M, --repeat R, --out FILE, --keep)`);
  }
  if (!(Number.isInteger(options.files) && options.files >= 2)) throw new Error('fleet-bench: --files takes a whole number of at least 2');
  if (!(options.sizeMb > 0)) throw new Error('fleet-bench: --size-mb takes a positive number');
  if (!(Number.isInteger(options.repeat) && options.repeat >= 1)) throw new Error('fleet-bench: --repeat takes a whole number of at least 1');
  return options;
}

const TIME = '/usr/bin/time';

/**
 * One `gclog fleet --json` run: its wall time, and the CPU time it got (from /usr/bin/time, when
 * present): CPU ÷ wall is how many cores it had, which tells a busy machine from a serial program.
 */
function fleet(dir, jobs) {
  const args = [CLI, 'fleet', dir, '--json', '--jobs', String(jobs)];
  const useTime = existsSync(TIME);
  const started = process.hrtime.bigint();
  const result = spawnSync(useTime ? TIME : process.execPath, useTime ? ['-f', 'cpu %U %S', process.execPath, ...args] : args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`fleet-bench: gclog fleet --jobs ${jobs} failed (${result.status}): ${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { seconds, cpuSeconds: cpu === null ? null : Number(cpu[1]) + Number(cpu[2]), rows: JSON.parse(result.stdout).rows };
}

const round = (value, decimals = 2) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function main() {
  const options = parseArguments(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'gclog-fleet-bench-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  try {
    let bytes = 0;
    for (let index = 0; index < options.files; index++) {
      bytes += buildLog(SAMPLES[index % SAMPLES.length], join(logs, `pod-${String(index).padStart(3, '0')}.log`), options.sizeMb).bytes;
    }
    const times = { 1: [], 2: [] };
    const cores = { 1: [], 2: [] };
    let reference = null;
    let identical = true;
    const loads = [];
    for (let run = 0; run < options.repeat; run++) {
      for (const jobs of run % 2 === 0 ? [1, 2] : [2, 1]) {
        loads.push(loadavg()[0]);
        const { seconds, cpuSeconds, rows } = fleet(logs, jobs);
        times[jobs].push(seconds);
        if (cpuSeconds !== null) cores[jobs].push(cpuSeconds / seconds);
        const text = JSON.stringify(rows);
        if (reference === null) reference = text;
        else if (text !== reference) identical = false;
      }
    }
    const best1 = Math.min(...times[1]);
    const best2 = Math.min(...times[2]);
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, availableParallelism: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 1024 ** 3, 1), node: process.version },
      files: options.files,
      sizeMbPerFile: options.sizeMb,
      totalMb: round(bytes / 1024 / 1024, 1),
      repeat: options.repeat,
      jobs1Seconds: times[1].map((value) => round(value, 3)),
      jobs2Seconds: times[2].map((value) => round(value, 3)),
      /** The fastest --jobs 1 over the fastest --jobs 2. */
      speedup: round(best1 / best2, 3),
      rows: JSON.parse(reference).length,
      identicalRows: identical,
      /** CPU time ÷ wall time of each run: the cores gclog actually had (empty without /usr/bin/time). */
      jobs1CoresUsed: cores[1].map((value) => round(value, 2)),
      jobs2CoresUsed: cores[2].map((value) => round(value, 2)),
      /** The 1-minute load average when each run started: other work on the machine slows both sides. */
      loadAverages: loads.map((value) => round(value, 1)),
    };
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `fleet: ${options.files} files, ${result.totalMb} MB, ${result.rows} rows; --jobs 1 ${round(best1)} s, --jobs 2 ${round(best2)} s (fastest of ${options.repeat}): ` +
        `speedup ${result.speedup}×; rows identical: ${identical ? 'yes' : 'NO'}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} CPUs` +
        (cores[2].length > 0 ? `; cores used: --jobs 1 ${Math.max(...cores[1]).toFixed(2)}, --jobs 2 ${Math.max(...cores[2]).toFixed(2)} at most\n` : '\n') +
        `figures written to ${options.out}\n`,
    );
    if (!identical) process.exitCode = 1;
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
