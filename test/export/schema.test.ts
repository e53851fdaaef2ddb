// The README documents both tables column by column: the tables in it must be the schemas in code.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TABLE } from '../../src/export/event-table.js';
import type { TableSchema } from '../../src/export/table.js';
import { FLEET_TABLE } from '../../src/fleet/fleet-table.js';
import { ROOT } from '../cli/run-cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SQL_TYPES = { utf8: 'VARCHAR', int64: 'BIGINT', float64: 'DOUBLE', bool: 'BOOLEAN' } as const;

function documented(title: string): string[] {
  const start = README.indexOf(`**${title}**`);
  expect(start, title).toBeGreaterThan(0);
  const lines = README.slice(start).split('\n').slice(2);
  const table: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  return table.slice(2);
}

function expected(schema: TableSchema<never>): string[] {
  return schema.columns.map((column) => `| \`${column.name}\` | ${SQL_TYPES[column.type]} | ${column.describe} |`);
}

describe('README schema tables', () => {
  it('documents every gclog-events column with its type, in order', () => {
    expect(documented(`gclog-events, version ${EVENT_TABLE.version}`)).toEqual(expected(EVENT_TABLE as TableSchema<never>));
  });

  it('documents every gclog-fleet column with its type, in order', () => {
    expect(documented(`gclog-fleet, version ${FLEET_TABLE.version}`)).toEqual(expected(FLEET_TABLE as TableSchema<never>));
  });
});
