// Numbers of the comparison as people read them: decimals by unit, signed differences, the unit.

import type { MetricUnit } from './comparison.js';
import { grouped } from '../format.js';

const DECIMALS: Record<MetricUnit, number> = { ms: 2, '%': 1, 'per min': 1, 'MB/s': 1, MB: 1, 'MB/min': 2, count: 0 };
const MINUS = '−';

export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  return grouped(value, DECIMALS[unit]).replace('-', MINUS);
}

/** `42.2%`, `1.30 ms`, `115.4 MB`: a value with its unit, for sentences. */
export function formatWithUnit(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  const text = formatValue(value, unit);
  if (unit === '%') return `${text}%`;
  if (unit === 'count') return text;
  return `${text} ${unit === 'per min' ? '/min' : unit}`;
}

export function formatSigned(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  const text = grouped(Math.abs(value), DECIMALS[unit]);
  return Number(fixed(Math.abs(value), DECIMALS[unit])) === 0 ? text : `${value < 0 ? MINUS : '+'}${text}`;
}

/** `+12%`, `−3.4%` (one decimal under 10%), `new` when there was nothing before. */
export function formatPercent(percent: number | null, before: number | null, after: number | null): string {
  if (percent === null) return before === 0 && after !== null && after !== 0 ? 'new' : '—';
  // A floor trend going from 0.5 to 180 MB/min is not helped by `+36100%`.
  if (Math.abs(percent) >= 1000) return `>${percent < 0 ? MINUS : '+'}999%`;
  const digits = Math.abs(percent) < 10 ? 1 : 0;
  const text = Math.abs(percent).toFixed(digits);
  return Number(text) === 0 ? '0%' : `${percent < 0 ? MINUS : '+'}${text}%`;
}

function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  // No `-0.0`: a value that rounds to zero has no sign.
  return Number(text) === 0 ? (0).toFixed(decimals) : text.replace('-', MINUS);
}
