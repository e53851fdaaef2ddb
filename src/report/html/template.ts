// The page shell: Content-Security-Policy, styles, and the inline scripts with their hashes.

import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from './escape.js';

export interface HtmlDocument {
  title: string;
  /** Body markup, already escaped where it holds text. */
  body: string;
  /** Embedded as escaped JSON in <script type="application/json" id="gclog-data">. */
  data: unknown;
  /** Classic scripts run in order after the data (e.g. the Vega runtime, then the page code). */
  scripts: string[];
  /** CSS added after the shared STYLES (a page's own classes). */
  extraStyles?: string;
  /** Attributes of <body>, e.g. a state the page script updates; values are escaped here. */
  bodyAttributes?: Record<string, string>;
}

/** Allowed through the CSP by hash, so that no other inline script could ever run. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may leave the page: no default source, no connect-src, images only from data: URLs,
 * scripts only the ones written here, and no eval (Vega runs with its expression interpreter).
 */
export function contentSecurityPolicy(scripts: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(scriptHash).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderDocument(document: HtmlDocument): string {
  for (const script of document.scripts) {
    // A literal `</script` would end the element early; our scripts are vendor builds and our own code.
    if (/<\/script/i.test(script)) throw new Error('an inline script contains </script');
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(document.scripts))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(document.title)}</title>
<style>${STYLES}${document.extraStyles ?? ''}</style>
</head>
<body${attributesHtml(document.bodyAttributes ?? {})}>
${document.body}
<script type="application/json" id="gclog-data">${jsonForScript(document.data)}</script>
${document.scripts.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;
}

function attributesHtml(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
}

export const STYLES = `
:root {
  --ink: #111827; --muted: #4b5563; --faint: #6b7280; --line: #e5e7eb; --page: #f5f6f8; --card: #ffffff;
  --accent: #1f5fa8; --error: #b91c1c; --error-bg: #fef2f2; --warn: #92400e; --warn-bg: #fffbeb;
  --ok: #166534; --ok-bg: #f0fdf4; --info: #1e40af; --info-bg: #eff6ff;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page); line-height: 1.5; font-size: 15px;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; background: #f1f3f5; padding: 0.05em 0.3em; border-radius: 4px; }
.page { max-width: 1180px; margin: 0 auto; padding: 28px 28px 60px; }
.masthead { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; flex-wrap: wrap; border-bottom: 1px solid var(--line); padding-bottom: 14px; margin-bottom: 18px; }
.masthead h1 { font-size: 22px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
.masthead .brand { color: var(--faint); font-weight: 500; }
.masthead .generator { color: var(--faint); font-size: 13px; }
.process-timeline { width: 100%; border-collapse: collapse; font-size: 13px; margin-bottom: 18px; }
.process-timeline td, .process-timeline th { padding: 4px 8px; text-align: left; border-bottom: 1px solid var(--line, #ddd); }
.process-timeline .parent { color: var(--muted); }
.process-timeline .process-bar { width: 45%; position: relative; }
.process-timeline .lifetime { position: relative; height: 12px; background: #cfd8e3; border-radius: 3px; min-width: 2px; }
.process-timeline .gc-span { position: absolute; top: 0; height: 12px; background: #3b6ea8; border-radius: 3px; min-width: 2px; }
.inputs { display: grid; gap: 6px; margin: 0 0 18px; padding: 0; list-style: none; }
.inputs li { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 14px; color: var(--muted); }
.inputs .file { color: var(--ink); font-weight: 600; word-break: break-all; }
.selector { display: flex; align-items: center; gap: 10px; margin: 0 0 18px; padding: 10px 14px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.selector label { font-weight: 600; font-size: 14px; }
.selector select { font: inherit; font-size: 14px; padding: 5px 8px; border-radius: 6px; border: 1px solid #cbd2da; background: white; min-width: 280px; }
.selector .hint { color: var(--faint); font-size: 13px; }
.verdict { display: flex; gap: 16px; align-items: flex-start; padding: 16px 20px; border-radius: 12px; border: 1px solid; margin-bottom: 16px; }
.verdict .badge { flex: none; font-weight: 700; font-size: 13px; letter-spacing: 0.04em; text-transform: uppercase; padding: 4px 10px; border-radius: 999px; color: white; }
.verdict h2 { margin: 0 0 2px; font-size: 19px; }
.verdict p { margin: 0; color: var(--muted); }
.verdict-leak { background: var(--error-bg); border-color: #fecaca; } .verdict-leak .badge { background: var(--error); }
.verdict-suspected { background: var(--warn-bg); border-color: #fde68a; } .verdict-suspected .badge { background: #b45309; }
.verdict-none { background: var(--ok-bg); border-color: #bbf7d0; } .verdict-none .badge { background: #15803d; }
.verdict-insufficient-data { background: #f9fafb; border-color: var(--line); } .verdict-insufficient-data .badge { background: var(--faint); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { font-size: 12px; color: var(--faint); text-transform: uppercase; letter-spacing: 0.05em; font-weight: 600; }
.card .value { font-size: 20px; overflow-wrap: anywhere; font-weight: 650; letter-spacing: -0.01em; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .detail { font-size: 13px; color: var(--muted); }
.card.tone-error .value { color: var(--error); } .card.tone-warn .value { color: var(--warn); } .card.tone-ok .value { color: var(--ok); }
h2.section { font-size: 17px; margin: 28px 0 10px; font-weight: 650; }
.findings { list-style: none; margin: 0 0 10px; padding: 0; display: grid; gap: 8px; }
.finding { display: grid; grid-template-columns: 70px 1fr; gap: 12px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.finding .severity { align-self: start; text-align: center; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; padding: 2px 0; border-radius: 6px; }
.severity-error { background: var(--error-bg); color: var(--error); } .severity-warn { background: var(--warn-bg); color: var(--warn); } .severity-info { background: var(--info-bg); color: var(--info); }
.finding .statement { margin: 0; font-weight: 550; }
.finding .next { margin: 2px 0 0; color: var(--muted); font-size: 14px; }
.charts { display: grid; gap: 16px; }
.chart-card { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px 10px; }
.chart-card header { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.chart-card h3 { margin: 0; font-size: 15px; font-weight: 650; }
.chart-card .caption { margin: 4px 0 8px; color: var(--muted); font-size: 13.5px; max-width: 900px; }
.chart-card .learn { font-size: 13px; white-space: nowrap; }
.chart { width: 100%; min-height: 120px; }
.chart svg { display: block; max-width: 100%; height: auto; }
.toggle { font-size: 13px; color: var(--muted); display: inline-flex; gap: 6px; align-items: center; user-select: none; }
.missing { margin: 8px 0 10px; padding: 12px 14px; border-radius: 8px; background: #f9fafb; border: 1px dashed #cbd2da; color: var(--muted); font-size: 14px; }
.story { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 6px 22px 14px; }
.story .intro { color: var(--muted); }
.story h3 { font-size: 15px; margin: 18px 0 4px; scroll-margin-top: 16px; }
.story p { margin: 4px 0 8px; max-width: 880px; }
.story ol { margin: 4px 0 8px; padding-left: 22px; max-width: 880px; }
.story li { margin-bottom: 6px; }
.story :target { background: #fff7d6; border-radius: 4px; }
table.reasons { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; font-size: 14px; }
table.reasons th, table.reasons td { text-align: left; padding: 7px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.reasons th { background: #f9fafb; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--faint); }
table.reasons td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.reasons td.reason { word-break: break-word; white-space: pre-wrap; }
.note { color: var(--faint); font-size: 13px; }
footer.notes { margin-top: 28px; color: var(--faint); font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
.tooltip { position: fixed; z-index: 10; pointer-events: none; background: rgba(17, 24, 39, 0.94); color: white; font-size: 12.5px; padding: 8px 10px; border-radius: 8px; max-width: 420px; box-shadow: 0 6px 20px rgba(0,0,0,0.18); }
.tooltip-row { display: flex; gap: 12px; justify-content: space-between; }
.tooltip-key { color: #cbd5e1; white-space: nowrap; }
.tooltip-value { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
`;
