// The comparison page's browser code: draws the overlaid charts from the embedded JSON, with
// tooltips. Plain ES2020 run as an inline classic script; text goes into the page only as text.

export const COMPARE_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('gclog-data').textContent);

  // Tables travel as fields + rows to keep the file small; Vega wants one object per row.
  function rowsOf(table) {
    return table.rows.map(function (row) {
      var object = {};
      for (var i = 0; i < table.fields.length; i++) object[table.fields[i]] = row[i];
      return object;
    });
  }
  var datasets = {};
  Object.keys(payload.datasets).forEach(function (name) { datasets[name] = rowsOf(payload.datasets[name]); });

  var tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  function showTooltip(handler, event, item, value) {
    if (value === null || value === undefined || value === '') { tooltip.hidden = true; return; }
    tooltip.replaceChildren();
    if (typeof value === 'object') {
      Object.keys(value).forEach(function (key) {
        var row = document.createElement('div');
        row.className = 'tooltip-row';
        var name = document.createElement('span');
        name.className = 'tooltip-key';
        name.textContent = key;
        var text = document.createElement('span');
        text.className = 'tooltip-value';
        var shown = value[key];
        text.textContent = shown === null || shown === undefined || shown === '' ? '—' : String(shown);
        row.appendChild(name);
        row.appendChild(text);
        tooltip.appendChild(row);
      });
    } else {
      tooltip.textContent = String(value);
    }
    tooltip.hidden = false;
    var box = tooltip.getBoundingClientRect();
    var x = event.clientX + 14;
    var y = event.clientY + 14;
    if (x + box.width > window.innerWidth - 8) x = event.clientX - box.width - 14;
    if (y + box.height > window.innerHeight - 8) y = event.clientY - box.height - 14;
    tooltip.style.left = Math.max(8, x) + 'px';
    tooltip.style.top = Math.max(8, y) + 'px';
  }

  function render(chart) {
    var container = document.getElementById(chart.id);
    var spec = JSON.parse(JSON.stringify(chart.spec));
    (spec.data || []).forEach(function (entry) {
      if (Object.prototype.hasOwnProperty.call(datasets, entry.name)) entry.values = datasets[entry.name];
    });
    // ast + the interpreter: expressions are evaluated without eval, as the page's CSP requires.
    var view = new vega.View(vega.parse(spec, null, { ast: true }), {
      renderer: 'svg',
      container: container,
      hover: true,
      expr: vegaExpressionInterpreter,
      logLevel: vega.Warn,
    });
    view.tooltip(showTooltip);
    return view.runAsync().then(function () { container.setAttribute('data-rendered', 'true'); });
  }

  Promise.all(payload.charts.map(render)).then(
    function () { document.body.setAttribute('data-charts', 'ready'); },
    function (error) {
      document.body.setAttribute('data-charts', 'failed');
      console.error(error);
    },
  );
})();
`;
