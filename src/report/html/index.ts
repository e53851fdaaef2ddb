// The HTML report's public pieces: the whole page, and the building blocks other pages reuse.
export { renderHtmlReport, chartSpecs, reportCharts, type ChartKey } from './render-html.js';
export { escapeHtml, jsonForScript } from './escape.js';
export { renderDocument, contentSecurityPolicy, STYLES, type HtmlDocument } from './template.js';
export { vegaAssets } from './assets.js';
export { PAGE_SCRIPT } from './page-script.js';
export { pageScript } from './browser-runtime.js';
export * from './sections.js';
export * from './specs.js';
export * from './chart-parts.js';
export * from './format.js';
export { openReport, hasDisplay, reportUrl } from './open-report.js';
