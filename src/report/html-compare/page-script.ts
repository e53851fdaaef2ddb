// The comparison page's browser code: draws the overlaid charts from the embedded JSON, with
// tooltips. Plain ES2020 run as an inline classic script; text goes into the page only as text.

import { pageScript } from '../html/browser-runtime.js';

export const COMPARE_PAGE_SCRIPT = pageScript(String.raw`
  var datasets = rowsOfTables(payload.datasets);
  var views = {};

  function render(chart) {
    var container = document.getElementById(chart.id);
    var view = drawView(specWithData(chart.spec, datasets), container);
    views[chart.id] = view;
    return view
      .runAsync()
      .then(function () { container.setAttribute('data-rendered', 'true'); });
  }

  Promise.all(payload.charts.map(render)).then(
    function () { document.body.setAttribute('data-charts', 'ready'); },
    function (error) {
      document.body.setAttribute('data-charts', 'failed');
      console.error(error);
    },
  );

  // For tests and the curious: the Vega view of each chart, by container id.
  window.gclogCompare = { views: views };
`);
