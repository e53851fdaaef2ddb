// Numbers and counts as gclog prints them, in every output (terminal, JSON text fields, HTML):
// no negative zero, units spelled out, plurals that agree with their count.

/** `value.toFixed(decimals)` without `-0`: a value that rounds to zero has no sign. */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/**
 * `fixed` with the whole part grouped by thousands (`6,138.8`, `36,291`): every figure of the text
 * outputs (terminal, Markdown, HTML) is grouped the same way as counts; CSV and JSON keep plain numbers.
 */
export function grouped(value: number, decimals: number): string {
  const text = fixed(value, decimals);
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return text; // exponent notation (≥ 1e21): left as it is
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `1 GC`, `8 seconds`, `2 Mark-Compacts`: the count and the word that agrees with it. */
export function plural(count: number, singular: string, pluralWord = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralWord}`;
}

/** `12,345`: whole numbers grouped by hand (toLocaleString's first call loads ICU: ~15 ms of start-up). */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+$)/g, ',');
  return count < 0 ? `-${digits}` : digits;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${fixed(ms / 1000, 1)} s`;
  if (ms >= 100) return `${grouped(ms, 0)} ms`;
  if (ms >= 10) return `${fixed(ms, 1)} ms`;
  return `${fixed(ms, 2)} ms`;
}

export function formatMb(mb: number): string {
  if (Math.abs(mb) >= 100) return `${formatCount(Math.round(mb))} MB`;
  return `${fixed(mb, 1)} MB`;
}

export function formatSeconds(ms: number, decimals = 1): string {
  return `${fixed(ms / 1000, decimals)} s`;
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${fixed(seconds, 1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `12%`, `4.5%`, `0%`: one decimal under 10%. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${Math.abs(percent) >= 10 || percent === 0 ? fixed(percent, 0) : fixed(percent, 1)}%`;
}

/** `+238.6 MB/min`, signed so that a falling floor reads as falling; `0.0 MB/min` has no sign. */
export function formatSlope(mbPerMinute: number): string {
  const text = grouped(Math.abs(mbPerMinute), 1);
  const sign = Number(text.replace(/,/g, '')) === 0 ? '' : mbPerMinute > 0 ? '+' : '−';
  return `${sign}${text} MB/min`;
}

/** `every 66 ms`, `every 2.5 s`: how often something that happens perMinute times a minute comes round. */
export function formatInterval(perMinute: number): string {
  return perMinute > 0 ? formatMs(60_000 / perMinute) : 'never';
}
