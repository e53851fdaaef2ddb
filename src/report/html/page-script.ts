// The report's browser code: draws the charts of the selected isolate, the tooltips, the toggles.
// Plain ES2020 run as an inline classic script; it reads only the embedded JSON and never builds HTML from strings.

import { pageScript } from './browser-runtime.js';

export const PAGE_SCRIPT = pageScript(String.raw`
  var expanded = {};
  var views = {};
  var rendered = {};

  function datasetsOf(isolateIndex) {
    if (!expanded[isolateIndex]) expanded[isolateIndex] = rowsOfTables(payload.isolates[isolateIndex].datasets);
    return expanded[isolateIndex];
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
    // An isolate's charts are drawn on its own axis: time, or the GC number when its GCs have no time.
    var specs = payload.charts[payload.isolates[isolateIndex].axis];
    var view = drawView(specWithData(specs[chartKeyOf(container)], datasetsOf(isolateIndex)), container);
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
`);
