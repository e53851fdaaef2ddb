// The browser code both pages share: reading the embedded data, filling a spec with it, the
// text-only tooltip, and drawing a Vega view without eval. Each page's script is built around it.

/**
 * Declares, inside the page's function scope: `payload` (the embedded JSON), `rowsOf(table)`,
 * `rowsOfTables(tables)`, `specWithData(spec, datasets)` (a Vega-Lite spec in, a Vega spec with its
 * data out), `tooltip` (the element, hidden) and
 * `drawView(spec, container)`. Plain ES2020; text goes into the page only as text.
 */
const SHARED_RUNTIME = String.raw`
  var payload = JSON.parse(document.getElementById('gclog-data').textContent);

  // Tables travel as fields + rows to keep the file small; Vega wants one object per row.
  function rowsOf(table) {
    return table.rows.map(function (row) {
      var object = {};
      for (var i = 0; i < table.fields.length; i++) object[table.fields[i]] = row[i];
      return object;
    });
  }

  function rowsOfTables(tables) {
    var result = {};
    Object.keys(tables).forEach(function (name) { result[name] = rowsOf(tables[name]); });
    return result;
  }

  // Vega-Lite → Vega once per spec object (a chart drawn again, or for another isolate, reuses it).
  var compiledSpecs = new Map();
  function compiledSpec(spec) {
    if (!compiledSpecs.has(spec)) compiledSpecs.set(spec, vegaLite.compile(spec).spec);
    return compiledSpecs.get(spec);
  }

  // A copy of the spec compiled to Vega, each named data source given its rows.
  function specWithData(spec, datasets) {
    var filled = JSON.parse(JSON.stringify(compiledSpec(spec)));
    (filled.data || []).forEach(function (entry) {
      if (Object.prototype.hasOwnProperty.call(datasets, entry.name)) entry.values = datasets[entry.name];
    });
    return filled;
  }

  var tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  // A chart's tooltip is a constant, its lines as JSON (chart-parts.ts tooltipOf): the rows are made
  // here from the hovered datum, only on hover, formatted as Vega-Lite would (d3 number formats).
  var tooltipLines = new Map();
  var numberFormats = new Map();
  function tooltipRows(value, datum) {
    if (!tooltipLines.has(value)) tooltipLines.set(value, JSON.parse(value));
    var rows = {};
    tooltipLines.get(value).forEach(function (line) {
      var raw = datum ? datum[line.field] : undefined;
      if (raw === null || raw === undefined || raw !== raw || raw === '') { rows[line.title] = null; return; }
      if (line.format && typeof raw === 'number') {
        if (!numberFormats.has(line.format)) numberFormats.set(line.format, vega.defaultLocale().format(line.format));
        rows[line.title] = numberFormats.get(line.format)(raw);
        return;
      }
      rows[line.title] = String(raw);
    });
    return rows;
  }

  // The data row behind a hovered item; a cell of the voronoi that Vega-Lite lays over a "nearest"
  // selection holds the item it stands for.
  function datumOf(item) {
    if (!item) return undefined;
    return item.isVoronoi ? item.datum && item.datum.datum : item.datum;
  }

  // Every value goes in with textContent: reasons come from the log. Every chart's tooltip is a
  // tooltipOf constant; an item without one hides the tooltip.
  function showTooltip(handler, event, item, value) {
    if (typeof value !== 'string' || value.charAt(0) !== '[') { tooltip.hidden = true; return; }
    tooltip.replaceChildren();
    var rows = tooltipRows(value, datumOf(item));
    Object.keys(rows).forEach(function (key) {
      var row = document.createElement('div');
      row.className = 'tooltip-row';
      var name = document.createElement('span');
      name.className = 'tooltip-key';
      name.textContent = key;
      var text = document.createElement('span');
      text.className = 'tooltip-value';
      text.textContent = rows[key] === null ? '—' : rows[key];
      row.appendChild(name);
      row.appendChild(text);
      tooltip.appendChild(row);
    });
    tooltip.hidden = false;
    var margin = 14;
    var box = tooltip.getBoundingClientRect();
    var x = event.clientX + margin;
    var y = event.clientY + margin;
    if (x + box.width > window.innerWidth - 8) x = event.clientX - box.width - margin;
    if (y + box.height > window.innerHeight - 8) y = event.clientY - box.height - margin;
    tooltip.style.left = Math.max(8, x) + 'px';
    tooltip.style.top = Math.max(8, y) + 'px';
  }

  // A view drawing the spec into the container as SVG; the caller runs it (view.runAsync()).
  function drawView(spec, container) {
    // ast + the interpreter: expressions are evaluated without eval, as the page's CSP requires.
    var view = new vega.View(vega.parse(spec, null, { ast: true }), {
      renderer: 'svg',
      container: container,
      hover: true,
      expr: vegaExpressionInterpreter,
      logLevel: vega.Warn,
    });
    view.tooltip(showTooltip);
    return view;
  }
`;

/**
 * One page's inline classic script: the shared runtime, then `pageCode`, in one strict function
 * scope. Built once at load; the CSP hashes the finished string (see template.ts).
 */
export function pageScript(pageCode: string): string {
  return `\n(function () {\n  'use strict';${SHARED_RUNTIME}${pageCode}})();\n`;
}
