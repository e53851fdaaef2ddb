// The JSON Schemas shipped in the package (src/schema, copied to dist/schema by the build) for
// `analyze --json`, `compare --json` and `events`: generated from the TypeScript types the outputs
// are made from (ts-json-schema-generator), and checked here against real outputs of the built CLI
// (ajv). GCLOG_WRITE_SCHEMAS=1 rewrites them after a change to the types.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../cli/run-cli.js';
import { samplePath } from '../support/samples.js';

const SCHEMAS = [
  { file: 'summary.schema.json', type: 'Summary', path: 'src/analyze/summary.ts', title: 'gclog analyze --json' },
  { file: 'comparison.schema.json', type: 'Comparison', path: 'src/compare/comparison.ts', title: 'gclog compare --json' },
  { file: 'events.schema.json', type: 'EventsLine', path: 'src/events.ts', title: 'gclog events: one JSON object per line' },
] as const;

function generated(entry: (typeof SCHEMAS)[number]): object {
  const schema = createGenerator({ path: join(ROOT, entry.path), tsconfig: join(ROOT, 'tsconfig.json'), type: entry.type, expose: 'export', topRef: false, jsDoc: 'extended', skipTypeCheck: true }).createSchema(entry.type);
  return { $schema: schema.$schema, title: entry.title, ...schema };
}

const shipped = (file: string) => JSON.parse(readFileSync(join(ROOT, 'src/schema', file), 'utf8')) as object;

function validator(file: string): ValidateFunction {
  return new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'dist/schema', file), 'utf8')) as object);
}

function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const valid = validate(value);
  expect(valid ? [] : validate.errors!.slice(0, 5).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`), what).toEqual([]);
}

describe('the shipped schemas', () => {
  it.each(SCHEMAS)('$file is generated from the type $type (no drift)', (entry) => {
    const schema = generated(entry);
    if (process.env['GCLOG_WRITE_SCHEMAS']) writeFileSync(join(ROOT, 'src/schema', entry.file), `${JSON.stringify(schema, null, 2)}\n`);
    expect(shipped(entry.file)).toEqual(schema);
  }, 120_000);

  it.each(SCHEMAS)('$file is in dist/schema (what the package ships), as in src', (entry) => {
    expect(existsSync(join(ROOT, 'dist/schema', entry.file))).toBe(true);
    expect(JSON.parse(readFileSync(join(ROOT, 'dist/schema', entry.file), 'utf8'))).toEqual(shipped(entry.file));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('dist');
  });
});

describe('real outputs match their schema', () => {
  const summary = validator('summary.schema.json');
  it.each([
    'node22-steady.log',
    'node22-workers.log',
    'node22-oom.log',
    'node20-leak.verbose.log',
    'node12-steady.nvp.log',
    'node26-steady.minor.nvp.log',
    'node8-steady.log',
    'restarts/node22-steady-twice.log',
  ])('analyze --json %s', (sample) => {
    const result = runCli(['analyze', samplePath(sample), '--json']);
    expect(result.status, result.stderr).toBe(0);
    expectValid(summary, JSON.parse(result.stdout), sample);
  }, 60_000);

  it('a value of the wrong type is refused (the schema is not empty)', () => {
    const result = JSON.parse(runCli(['analyze', samplePath('node22-steady.log'), '--json']).stdout) as { isolates: Array<{ heap: { peakUsedMb: unknown } }>; extra?: number };
    result.isolates[0]!.heap.peakUsedMb = 'a lot';
    expect(summary(result)).toBe(false);
    delete (result as { isolates?: unknown }).isolates;
    expect(summary(result)).toBe(false);
  }, 60_000);

  const comparison = validator('comparison.schema.json');
  it.each([
    [['samples/compare/leak-before.log', 'samples/compare/leak-after.log']],
    [['samples/compare/semi-default.log', 'samples/compare/semi-small.log']],
    [['samples/node22-workers.log', 'samples/node24-workers.log']],
    [['samples/compare/leak-before.log', 'samples/compare/semi-default.log', '--vs', 'samples/compare/leak-after.log', 'samples/compare/semi-small.log']],
  ])('compare --json %j', (args) => {
    const result = runCli(['compare', ...args, '--json'], { cwd: ROOT });
    expect(result.status, result.stderr).toBe(0);
    expectValid(comparison, JSON.parse(result.stdout), args.join(' '));
  }, 60_000);

  const events = validator('events.schema.json');
  it.each([
    [['node22-oom.log']],
    [['node22-steady.verbose.log']],
    [['node12-steady.nvp.log']],
    [['node26-steady.minor.nvp.log']],
    [['node22-oom.nvp.log']],
    [['node6-steady.log', 'node18-workers.log']],
  ])('events --all %j: every line', (samples) => {
    const result = runCli(['events', '--all', ...samples.map((sample) => samplePath(sample))]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const [index, line] of lines.entries()) expectValid(events, JSON.parse(line), `line ${index + 1}`);
  }, 60_000);
});
