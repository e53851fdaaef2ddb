// gclog run's preload (src/run/preload/trace-gc.cjs): it must parse on Node 12 (no newer syntax),
// stay inert outside gclog run, name the process in one line, and leave alone a process whose
// stdout is not gclog's.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PRELOAD_PATH } from '../../src/run/capture.js';
import { parseProcessLine } from '../../src/parse/process-line.js';

const SOURCE = readFileSync(PRELOAD_PATH, 'utf8');

/** Syntax Node 12 (V8 7.4–7.8) cannot parse, by the TypeScript parser's node kinds. */
function syntaxNewerThanNode12(source: string): string[] {
  const file = ts.createSourceFile('trace-gc.cjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const at = `line ${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) {
      if (node.questionDotToken !== undefined) found.push(`optional chaining at ${at}`);
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.QuestionQuestionToken) found.push(`?? at ${at}`);
      if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken || operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken) {
        found.push(`logical assignment at ${at}`);
      }
    }
    if (ts.isPrivateIdentifier(node)) found.push(`private name at ${at}`);
    if (ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node)) found.push(`class field or static block at ${at}`);
    if (ts.isNumericLiteral(node) && node.getText(file).includes('_')) found.push(`numeric separator at ${at}`);
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExportAssignment(node)) found.push(`ES module syntax at ${at}`);
    if (ts.isMetaProperty(node)) found.push(`import.meta at ${at}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function node(args: string[], env: Record<string, string | undefined>): { status: number | null; stdout: string; stderr: string } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base['GCLOG_RUN_V8_FLAGS'];
  delete base['GCLOG_RUN_DIR'];
  delete base['GCLOG_RUN_STDOUT_ID'];
  const result = spawnSync(process.execPath, ['--require', PRELOAD_PATH, ...args], { encoding: 'utf8', env: { ...base, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ALLOCATE = 'const a = []; for (let i = 0; i < 400000; i++) a.push({ i }); console.log("app ran")';

describe('the preload', () => {
  it('uses no syntax newer than Node 12, and the checker finds each kind it looks for', () => {
    expect(syntaxNewerThanNode12(SOURCE)).toEqual([]);
    expect(syntaxNewerThanNode12('var a = b?.c ?? 1; a ||= 2; class C { #x = 1_000; }').sort()).toEqual([
      '?? at line 1',
      'class field or static block at line 1',
      'logical assignment at line 1',
      'numeric separator at line 1',
      'optional chaining at line 1',
      'private name at line 1',
    ]);
  });

  it('does nothing outside gclog run', () => {
    const result = node(['-e', ALLOCATE], {});
    expect(result.stdout).toBe('app ran\n');
    expect(result.stderr).toBe('');
  });

  it('under gclog run: names the process in its first line and turns the trace on', () => {
    const result = node(['-e', ALLOCATE], { GCLOG_RUN_V8_FLAGS: '--trace-gc' });
    const lines = result.stdout.split('\n');
    const named = parseProcessLine(lines[0]!, 1);
    // Each word clipped to 80 characters, so that the line fits one write to a pipe.
    const clip = (word: string) => (word.length > 80 ? `${word.slice(0, 79)}…` : word);
    expect(named).toMatchObject({ type: 'ProcessStart', threadId: 0, nodeVersion: process.version, execArgv: ['--require', PRELOAD_PATH, '-e', ALLOCATE].map(clip) });
    expect(named!.execArgv[3]).toHaveLength(80);
    expect(named!.parentPid).toBe(process.pid);
    expect(lines.filter((line) => / ms: Scavenge /.test(line)).length).toBeGreaterThan(0);
    expect(lines.every((line) => line === '' || line === 'app ran' || line.startsWith('gclog:process ') || line.startsWith('gclog:exit ') || line.startsWith(`[${named!.pid}:`))).toBe(true);
    // And its exit, with how long it lived, once (V8 may still print a GC of the teardown after it).
    const exits = lines.filter((line) => line.startsWith('gclog:exit '));
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatch(new RegExp(`^gclog:exit \\{"v":1,"pid":${named!.pid},"threadId":0,"uptimeMs":\\d+\\}$`));
  });

  it('leaves a process whose stdout is not gclog’s pipe untraced, and says where it went in the run folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-preload-'));
    const result = node(['-e', ALLOCATE], { GCLOG_RUN_V8_FLAGS: '--trace-gc', GCLOG_RUN_DIR: dir, GCLOG_RUN_STDOUT_ID: '1:1' });
    expect(result.stdout).toBe('app ran\n');
    const untraced = JSON.parse(readFileSync(join(dir, 'untraced.ndjson'), 'utf8')) as { pid: number; untraced: string };
    // spawnSync reads the child's stdout through a pipe.
    expect(untraced.untraced).toBe('pipe');
  });

  it('traces every process when gclog could not name its pipe (no FIFO)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-preload-'));
    const result = node(['-e', ALLOCATE], { GCLOG_RUN_V8_FLAGS: '--trace-gc', GCLOG_RUN_DIR: dir });
    expect(result.stdout.startsWith('gclog:process {')).toBe(true);
    expect(existsSync(join(dir, 'untraced.ndjson'))).toBe(false);
  });
});
