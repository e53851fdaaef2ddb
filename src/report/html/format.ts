// Numbers as the report prints them: the one formatter of gclog (src/format.ts), for the HTML's modules.

export { fixed, formatCount, formatDuration, formatInterval, formatMb, formatMs, formatPercent, formatSlope, plural } from '../../format.js';
