// Numbers as the report prints them: units spelled out, precision that matches what V8 printed.

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatMb(mb: number): string {
  if (Math.abs(mb) >= 100) return `${Math.round(mb).toLocaleString('en-US')} MB`;
  return `${mb.toFixed(1)} MB`;
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** `+238.6 MB/min`, signed so that a falling floor reads as falling. */
export function formatSlope(mbPerMinute: number): string {
  const sign = mbPerMinute > 0 ? '+' : mbPerMinute < 0 ? '−' : '';
  return `${sign}${Math.abs(mbPerMinute).toFixed(1)} MB/min`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `every 66 ms`, `every 2.5 s`: how often something that happens perMinute times a minute comes round. */
export function formatInterval(perMinute: number): string {
  return perMinute > 0 ? formatMs(60_000 / perMinute) : 'never';
}
