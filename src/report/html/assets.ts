// The browser code inlined in every report: the Vega runtime, the Vega-Lite compiler and Vega's
// CSP-safe expression interpreter.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface VegaAssets {
  /** The Vega runtime; defines the global `vega`. */
  vegaRuntime: string;
  /** Vega-Lite's browser build; defines the global `vegaLite` (needs `vega` first). */
  vegaLiteCompiler: string;
  /** vega-interpreter as a classic script; defines `vegaExpressionInterpreter`. */
  expressionInterpreter: string;
}

let cached: VegaAssets | null = null;

/** Read once per process: the files are large and never change while gclog runs. */
export function vegaAssets(): VegaAssets {
  if (cached !== null) return cached;
  // Resolved like an import, so it works wherever npm put the packages (hoisted, nested, global).
  const require = createRequire(import.meta.url);
  const vegaBuild = dirname(require.resolve('vega'));
  const vegaRuntime = readFileSync(join(vegaBuild, 'vega.min.js'), 'utf8');
  // The package exports only its ES module (build/index.js); the browser build sits beside it.
  const vegaLiteBuild = dirname(require.resolve('vega-lite'));
  const vegaLiteCompiler = readFileSync(join(vegaLiteBuild, 'vega-lite.min.js'), 'utf8');
  const interpreterModule = readFileSync(require.resolve('vega-interpreter'), 'utf8');
  cached = { vegaRuntime, vegaLiteCompiler, expressionInterpreter: interpreterAsClassicScript(interpreterModule) };
  return cached;
}

/**
 * vega-interpreter ships only as an ES module importing vega-util; an inline classic script cannot
 * import, so its one import is taken from the global `vega` (which re-exports vega-util) and its one
 * export becomes a global. Without the interpreter Vega compiles expressions with `new Function`,
 * which the page's Content-Security-Policy (no 'unsafe-eval') forbids.
 */
export function interpreterAsClassicScript(source: string): string {
  const importPattern = /^import\s*\{([^}]*)\}\s*from\s*'vega-util';\s*$/m;
  const exportPattern = /^export\s*\{\s*(\w+)\s+as\s+expressionInterpreter\s*\};\s*$/m;
  const imported = importPattern.exec(source);
  const exported = exportPattern.exec(source);
  if (imported === null || exported === null) {
    throw new Error('vega-interpreter changed shape: expected one import from vega-util and one export named expressionInterpreter');
  }
  const body = source
    .replace(importPattern, `const {${imported[1]}} = vega;`)
    .replace(exportPattern, `globalThis.vegaExpressionInterpreter = ${exported[1]};`);
  return `(function () {\n${body}\n})();`;
}
