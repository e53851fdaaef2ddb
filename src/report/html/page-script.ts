// The report's browser code: draws the charts of the selected isolate, the tooltips, the toggles.
// Plain ES2020 run as an inline classic script; it reads only the embedded JSON and never builds HTML from strings.

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('gclog-data').textContent);
  var expanded = {};
  var views = {};
  var rendered = {};

  // Tables travel as fields + rows to keep the file small; Vega wants one object per row.
  function rowsOf(table) {
    return table.rows.map(function (row) {
      var object = {};
      for (var i = 0; i < table.fields.length; i++) object[table.fields[i]] = row[i];
      return object;
    });
  }

  function datasetsOf(isolateIndex) {
    if (!expanded[isolateIndex]) {
      var tables = payload.isolates[isolateIndex].datasets;
      var result = {};
      Object.keys(tables).forEach(function (name) { result[name] = rowsOf(tables[name]); });
      expanded[isolateIndex] = result;
    }
    return expanded[isolateIndex];
  }

  function specWithData(chartKey, isolateIndex) {
    var spec = JSON.parse(JSON.stringify(payload.charts[chartKey]));
    var datasets = datasetsOf(isolateIndex);
    (spec.data || []).forEach(function (entry) {
      if (Object.prototype.hasOwnProperty.call(datasets, entry.name)) entry.values = datasets[entry.name];
    });
    return spec;
  }

  var tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  // Every value goes in with textContent: reasons come from the log.
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
        text.textContent = shown === null || shown === undefined || shown === 'null' || shown === '' ? '—' : String(shown);
        row.appendChild(name);
        row.appendChild(text);
        tooltip.appendChild(row);
      });
    } else {
      tooltip.textContent = String(value);
    }
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

  function chartKeyOf(container) {
    var key = container.getAttribute('data-chart');
    if (key === 'pauses') {
      var toggle = document.getElementById('log-scale-' + container.getAttribute('data-isolate'));
      if (toggle && toggle.checked) return 'pausesLog';
    }
    return key;
  }

  function renderChart(container) {
    var isolateIndex = Number(container.getAttribute('data-isolate'));
    var chart = container.getAttribute('data-chart');
    views[isolateIndex] = views[isolateIndex] || {};
    if (views[isolateIndex][chart]) views[isolateIndex][chart].finalize();
    container.replaceChildren();
    // ast + the interpreter: expressions are evaluated without eval, as the page's CSP requires.
    var runtime = vega.parse(specWithData(chartKeyOf(container), isolateIndex), null, { ast: true });
    var view = new vega.View(runtime, {
      renderer: 'svg',
      container: container,
      hover: true,
      expr: vegaExpressionInterpreter,
      logLevel: vega.Warn,
    });
    view.tooltip(showTooltip);
    views[isolateIndex][chart] = view;
    return view.runAsync();
  }

  function renderIsolate(isolateIndex) {
    if (!rendered[isolateIndex]) {
      var containers = document.querySelectorAll('.chart[data-isolate="' + isolateIndex + '"]');
      rendered[isolateIndex] = Promise.all(Array.prototype.map.call(containers, renderChart)).then(function () {});
    }
    return rendered[isolateIndex];
  }

  function select(isolateIndex) {
    document.querySelectorAll('section.isolate').forEach(function (section) {
      section.hidden = Number(section.getAttribute('data-isolate')) !== isolateIndex;
    });
    var selector = document.getElementById('isolate-select');
    if (selector) selector.value = String(isolateIndex);
    tooltip.hidden = true;
    return renderIsolate(isolateIndex);
  }

  var selector = document.getElementById('isolate-select');
  if (selector) selector.addEventListener('change', function () { select(Number(selector.value)); });

  document.querySelectorAll('input.log-scale').forEach(function (toggle) {
    toggle.addEventListener('change', function () {
      var container = document.querySelector('.chart[data-chart="pauses"][data-isolate="' + toggle.getAttribute('data-isolate') + '"]');
      if (container) renderChart(container);
    });
  });

  document.addEventListener('scroll', function () { tooltip.hidden = true; }, { passive: true });

  window.gclogReport = {
    views: views,
    select: select,
    renderChart: function (isolateIndex, chart) {
      return renderChart(document.querySelector('.chart[data-chart="' + chart + '"][data-isolate="' + isolateIndex + '"]')).then(function () {});
    },
    ready: select(0),
  };
})();
`;
