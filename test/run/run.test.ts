// `gclog run` end to end: the built CLI runs real Node programs (test/run/apps) and the test checks
// what the user gets: the app's output untouched, its exit code, the GC log, and the analysis.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-cli.js';

const APPS = fileURLToPath(new URL('./apps/', import.meta.url));
const NODE = process.execPath;

interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `gclog run <args>` in `cwd`, with node (and npm beside it) first on PATH; `whileRunning` may signal it. */
function gclogRun(args: string[], cwd: string, whileRunning?: (child: ReturnType<typeof spawn>, stdoutSoFar: () => string) => void, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [BIN, 'run', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_STEP_SUMMARY: '', PATH: `${dirname(NODE)}:${process.env['PATH'] ?? ''}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
    whileRunning?.(child, () => Buffer.concat(stdout).toString('utf8'));
  });
}

function workDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'gclog-run-test-'));
}

const GC_LINE = /\[\d+:(?:0x)?[0-9a-f]+\]\s+\d+(?:\.\d+)? ms: /;

describe('gclog run', () => {
  it('passes the exit code of the app through, and takes the GC lines out of its stdout into the log', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'work.log', '--', NODE, join(APPS, 'work.cjs'), '30', '7'], cwd);
    expect(result.code).toBe(7);
    const stdout = result.stdout.toString('utf8');
    expect(stdout).toBe(Array.from({ length: 30 }, (_, round) => `round ${round}\n`).join(''));
    const log = readFileSync(join(cwd, 'work.log'), 'utf8').split('\n');
    expect(log[0]).toMatch(/^gclog:process \{"v":1,"pid":\d+,/);
    expect(log.filter((line) => GC_LINE.test(line)).length).toBeGreaterThan(3);
    expect(existsSync(join(cwd, 'work.log.partial'))).toBe(false);
    expect(result.stderr).toContain(`exited with code 7; GC log: work.log`);
    expect(result.stderr).toMatch(/── node work\.cjs 30 7 ──|^Leak verdict/m);
    // Never a status line in a pipe.
    expect(result.stderr).not.toContain('\r');
  });

  it('keeps the order of the app’s lines, a line written in parts, every byte value, and lines like [1]', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'out.log', '--', NODE, join(APPS, 'output.cjs')], cwd);
    expect(result.code).toBe(0);
    const expected = Buffer.concat([
      Buffer.from(Array.from({ length: 40 }, (_, n) => `line ${n}\n`).join('')),
      Buffer.from('part one, part two\n'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\n[1] a bracketed line of the app\n'),
      Buffer.from("[12:34:56] Starting 'build'...\nat position [3:7] expected ')'\n"),
      Buffer.from('[12345:0x1234abcd]        5 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.5 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure;\n'),
      Buffer.from('gclog:process {"fake":true}\n'),
    ]);
    expect(result.stdout.equals(expected)).toBe(true);
    // stderr: the app's lines in order, before gclog's own.
    const appErrors = result.stderr.split('\n').filter((line) => /^err \d+$/.test(line));
    expect(appErrors).toEqual(Array.from({ length: 40 }, (_, n) => `err ${n}`));
    const log = readFileSync(join(cwd, 'out.log'), 'utf8');
    expect(log).not.toContain('line 0');
    expect(log).not.toContain('bracketed');
    expect(log).not.toContain('12345');
    expect(log).not.toContain('fake');
  });

  it('passes a progress bar that never ends its line at once, not when the app exits', async () => {
    const cwd = workDirectory();
    let firstAt = 0;
    const started = Date.now();
    const result = await gclogRun(['--log', 'progress.log', '--', NODE, join(APPS, 'progress.cjs')], cwd, (child) => {
      child.stdout!.once('data', () => (firstAt = Date.now()));
    });
    expect(result.stdout.toString('utf8')).toBe('[##        ] 20%\r[####      ] 40%\rdone\n');
    // The app waits 3 s after its first bar: the bar arrived well before it exited.
    expect(firstAt - started).toBeLessThan(Date.now() - started - 2000);
  }, 30_000);

  it('when the reader of its stdout goes away (| head), the app meets EPIPE as it would without gclog, and gclog ends', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'endless.log', '--', NODE, join(APPS, 'endless.cjs')], cwd, (child, stdoutSoFar) => {
      child.stdout!.on('data', () => {
        if (stdoutSoFar().split('\n').length > 2) child.stdout!.destroy();
      });
    });
    // Node's own exit code for an unhandled EPIPE, passed through.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EPIPE');
    expect(result.stderr).toContain('endless.cjs exited with code 1');
  }, 30_000);

  it('--show-gc leaves the GC lines in the app’s stdout as well', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--show-gc', '--log', 'shown.log', '--', NODE, join(APPS, 'work.cjs'), '30'], cwd);
    const stdoutGcLines = result.stdout.toString('utf8').split('\n').filter((line) => GC_LINE.test(line));
    const logGcLines = readFileSync(join(cwd, 'shown.log'), 'utf8').split('\n').filter((line) => GC_LINE.test(line));
    expect(stdoutGcLines.length).toBeGreaterThan(3);
    expect(stdoutGcLines).toEqual(logGcLines);
  });

  it('stops an HTTP server under load with SIGINT, then prints the analysis and exits with the server’s code', async () => {
    const cwd = workDirectory();
    let served = 0;
    const result = await gclogRun(['--log', 'server.log', '--', NODE, join(APPS, 'server.cjs')], cwd, (child, stdoutSoFar) => {
      const started = setInterval(() => {
        const port = /listening (\d+)/.exec(stdoutSoFar())?.[1];
        if (port === undefined) return;
        clearInterval(started);
        const until = Date.now() + 1500;
        const load = (): void => {
          if (Date.now() > until) {
            child.kill('SIGINT');
            return;
          }
          request({ host: '127.0.0.1', port: Number(port), path: '/' }, (response) => {
            response.resume().on('end', () => {
              served++;
              load();
            });
          }).end();
        };
        for (let i = 0; i < 4; i++) load();
      }, 20);
    });
    expect(served).toBeGreaterThan(50);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toMatch(/^listening \d+\nbye after SIGINT\n$/);
    expect(result.stderr).toContain('server.cjs exited with code 0');
    expect(result.stderr).toMatch(/Leak verdict: /);
    expect(readFileSync(join(cwd, 'server.log'), 'utf8')).toMatch(GC_LINE);
  }, 30_000);

  it('passes SIGTERM on to the app (a container stopping, a CI runner), and exits with its code', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'term.log', '--', NODE, join(APPS, 'server.cjs')], cwd, (child, stdoutSoFar) => {
      const started = setInterval(() => {
        if (!/listening \d+/.test(stdoutSoFar())) return;
        clearInterval(started);
        child.kill('SIGTERM');
      }, 20);
    });
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toMatch(/^listening \d+\nbye after SIGTERM\n$/);
  }, 30_000);

  it('traces every Node process of an npm script, naming the app by its command and npm as a package manager', async () => {
    const cwd = workDirectory();
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: 'run-test', version: '1.0.0', private: true, scripts: { work: `node ${JSON.stringify(join(APPS, 'work.cjs'))} 40` } }));
    const result = await gclogRun(['--log', 'npm.log', '--json', '--out', 'npm.json', '--', 'npm', 'run', 'work'], cwd);
    expect(result.code).toBe(0);
    const stdout = result.stdout.toString('utf8');
    expect(stdout).toContain('round 39\n');
    expect(stdout).not.toMatch(GC_LINE);
    const summary = JSON.parse(readFileSync(join(cwd, 'npm.json'), 'utf8')) as { isolates: Array<{ label: string; process?: { role: string; command: string; npmScript?: string } }> };
    const app = summary.isolates.find((isolate) => isolate.process?.command === 'node work.cjs 40');
    expect(app?.label).toBe('node work.cjs 40');
    expect(app?.process?.role).toBe('app');
    expect(app?.process?.npmScript).toBe('work');
    // npm's own process is traced too, and marked as the package manager it is.
    const npm = summary.isolates.find((isolate) => isolate.process?.role === 'package manager');
    expect(npm?.process?.command).toBe('npm run work');
  }, 60_000);

  it('traces a cluster: each worker process named by its command, its cluster worker id and pid; the primary as such', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'cluster.log', '--json', '--out', 'cluster.json', '--', NODE, join(APPS, 'cluster.cjs')], cwd);
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(cwd, 'cluster.json'), 'utf8')) as {
      inputs: Array<{ processes: Array<{ pid: number; parentPid: number; clusterWorker?: number }> }>;
      isolates: Array<{ label: string; pid: number }>;
    };
    const processes = summary.inputs[0]!.processes;
    const workers = processes.filter((process) => process.clusterWorker !== undefined);
    expect(workers.map((worker) => worker.clusterWorker).sort()).toEqual([1, 2]);
    const primary = processes.find((process) => process.pid === workers[0]!.parentPid)!;
    expect(primary.clusterWorker).toBeUndefined();
    expect(workers[1]!.parentPid).toBe(primary.pid);
    // Each worker allocates 300,000 objects: it has GCs, and its isolate says which worker it is.
    for (const worker of workers) {
      expect(summary.isolates.find((isolate) => isolate.pid === worker.pid)?.label).toBe(`node cluster.cjs (cluster worker ${worker.clusterWorker}, pid ${worker.pid})`);
    }
    // The primary only forks: no GC of its own, named in the processes timeline.
    expect(summary.isolates.find((isolate) => isolate.pid === primary.pid)).toBeUndefined();
    expect(result.stderr).toMatch(new RegExp(`\\+\\d+\\.\\d s  node cluster\\.cjs \\(cluster primary\\), pid ${primary.pid}, parent \\d+  no GC`));
  }, 60_000);

  it('traces a worker thread, labelled as a worker of its process', async () => {
    const cwd = workDirectory();
    await gclogRun(['--log', 'threads.log', '--json', '--out', 'threads.json', '--', NODE, join(APPS, 'threads.cjs')], cwd);
    const summary = JSON.parse(readFileSync(join(cwd, 'threads.json'), 'utf8')) as { isolates: Array<{ label: string }> };
    expect(summary.isolates.map((isolate) => isolate.label).sort()).toEqual(['node threads.cjs', 'node threads.cjs worker 1']);
  }, 60_000);

  it('traces a forked child, and names the child whose output its parent reads instead of corrupting it', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'fork.log', '--json', '--out', 'fork.json', '--', NODE, join(APPS, 'fork.cjs')], cwd);
    expect(result.code).toBe(0);
    // The parent read exactly the version: no GC line got into it.
    expect(result.stdout.toString('utf8')).toContain(`read from a child: ${process.version}\n`);
    expect(result.stderr).toMatch(/not traced: pid \d+ \(node -e "const a=\[\]; for .*…\): its output is read by another process \(its parent\), where GC lines would corrupt it/);
    const summary = JSON.parse(readFileSync(join(cwd, 'fork.json'), 'utf8')) as { isolates: Array<{ label: string }> };
    expect(summary.isolates.map((isolate) => isolate.label)).toContain('node work.cjs 20');
  }, 60_000);

  it('leaves a Node process whose stdout a shell sends to a file untraced, every time (no race with the shell)', async () => {
    const cwd = workDirectory();
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await gclogRun(['--log', `file${attempt}.log`, '--', 'sh', '-c', `exec ${JSON.stringify(NODE)} ${JSON.stringify(join(APPS, 'work.cjs'))} 20 > out${attempt}.txt`], cwd);
      expect(readFileSync(join(cwd, `out${attempt}.txt`), 'utf8')).toBe(Array.from({ length: 20 }, (_, round) => `round ${round}\n`).join(''));
      expect(result.stderr).toMatch(/not traced: pid \d+ \(node work\.cjs 20\): its output goes to a file, where GC lines would mix into it/);
    }
  }, 60_000);

  it('analyses an app that ran out of memory, exits with its code, and fails an oom budget with code 13', async () => {
    const cwd = workDirectory();
    const plain = await gclogRun(['--log', 'oom.log', '--max-old-space-size', '32', '--', NODE, join(APPS, 'oom.cjs')], cwd);
    expect(plain.code).toBe(134);
    expect(plain.stderr).toContain('ended by SIGABRT');
    expect(plain.stderr).toMatch(/out of memory/i);
    const budget = await gclogRun(['--log', 'oom2.log', '--max-old-space-size', '32', '--fail-on', 'oom', '--markdown', 'ci.md', '--', NODE, join(APPS, 'oom.cjs')], cwd);
    expect(budget.code).toBe(13);
    expect(budget.stderr).toMatch(/gclog: budget FAILED: oom \(out-of-memory crash\): node oom\.cjs out of memory/);
    const markdown = readFileSync(join(cwd, 'ci.md'), 'utf8');
    expect(markdown).toContain('| ❌ failed | `oom` | out-of-memory crash | node oom.cjs | out of memory |');
  }, 60_000);

  it('says a command that does not exist in one line, with code 127, and leaves no file behind', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'missing.log', '--', 'no-such-command-gclog'], cwd);
    expect(result.code).toBe(127);
    expect(result.stderr).toBe('gclog: no-such-command-gclog: command not found. Check the name and your PATH, e.g. gclog run -- node app.js\n');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names --log when the log cannot be written', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', join(cwd, 'no-such-folder', 'x.log'), '--', NODE, '-e', '0'], cwd);
    expect(result.code).toBe(11);
    expect(result.stderr).toMatch(/^gclog: cannot write .*x\.log \(the folder .* does not exist\)\. Choose another path with --log\.\n$/);
  });

  it('writes --json and --html both beside the log without --out; refuses --out with both', async () => {
    const cwd = workDirectory();
    const both = await gclogRun(['--json', '--html', '--log', 'both.log', '--', NODE, join(APPS, 'work.cjs'), '20'], cwd);
    expect(both.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['both.gclog.html', 'both.json', 'both.log']);
    expect(JSON.parse(readFileSync(join(cwd, 'both.json'), 'utf8')).isolates[0].label).toBe('node work.cjs 20');
    const refused = await gclogRun(['--json', '--open', '--out', 'x.out', '--', NODE, '-e', '0'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--out names one file: give --json or --html with it, or leave --out out to write both beside the log');
  });

  it('without a GC still says each budget and writes the Markdown: nothing measured, the app’s own code', async () => {
    const cwd = workDirectory();
    const result = await gclogRun(['--log', 'nogc.log', '--fail-on', 'oom,p99>1ms', '--markdown', 'ci.md', '--', NODE, '-e', 'process.exitCode = 3'], cwd);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('gclog: budget met: oom (out-of-memory crash): nothing to measure: no GC of the app in the log\n');
    const markdown = readFileSync(join(cwd, 'ci.md'), 'utf8');
    expect(markdown).toContain("## gclog run: /");
    expect(markdown).toContain(" -e 'process.exitCode = 3'\n");
    expect(markdown).not.toContain('| isolate | leak |');
    expect(markdown).toContain('No GC was traced: there is nothing to measure.');
  });

  it('refuses a run without a command, and a budget that does not read, as usage errors', async () => {
    const cwd = workDirectory();
    const none = await gclogRun([], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('run takes the command after --, e.g. gclog run -- node server.js');
    // Without the --, the command would be read as gclog's own arguments.
    const noDashes = await gclogRun([NODE, '-e', '0'], cwd);
    expect(noDashes.code).toBe(2);
    expect(noDashes.stderr).toBe('gclog: run takes the command after --, e.g. gclog run -- node server.js (options for gclog go before the --). Run gclog run --help for usage.\n');
    const bad = await gclogRun(['--fail-on', 'p99<5ms', '--', NODE, '-e', '0'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"p99<5ms": budgets are upper limits written with >, e.g. p99>5ms');
  });
});
