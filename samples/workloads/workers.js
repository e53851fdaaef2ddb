'use strict';
// workers.js -- main thread plus 3 worker_threads workers, each allocating
// (request churn + a small replaced cache). Every worker is its own V8 isolate,
// so one --trace-gc log holds GC lines from 4 isolates: same pid, different
// isolate addresses. Needs worker_threads (Node 12+; Node 10 behind a flag).
//
// usage: node [gc flags] workers.js [seconds=8] [workers=3]
// Plain CommonJS.
var wt = require('worker_threads');
var SECONDS = Number(process.argv[2] || 8);
var NWORKERS = Number(process.argv[3] || 3);

function churn(name, seconds, cacheSize, entryLen) {
  var cache = new Array(cacheSize);
  var start = Date.now();
  var i = 0, checksum = 0;
  while (Date.now() - start < seconds * 1000) {
    for (var r = 0; r < 20; r++) {
      var req = { id: i, path: '/w/' + name + '/' + (i % 100), body: [i, i + 1, i + 2, i + 3] };
      checksum = (checksum + JSON.stringify(req).length) | 0;
    }
    var entry = new Array(entryLen);
    for (var k = 0; k < entryLen; k++) entry[k] = { k: k, v: i };
    cache[i % cacheSize] = entry;
    i++;
  }
  return { name: name, iterations: i, checksum: checksum };
}

if (wt.isMainThread) {
  var done = 0;
  for (var w = 0; w < NWORKERS; w++) {
    var worker = new wt.Worker(__filename, {
      workerData: { name: 'worker-' + (w + 1), seconds: SECONDS - 1 - w, cacheSize: 2000 * (w + 1), entryLen: 32 + 16 * w }
    });
    worker.on('message', function (m) {
      console.log('main: ' + m.name + ' finished, iterations=' + m.iterations + ' checksum=' + m.checksum);
    });
    worker.on('exit', function () {
      done++;
      if (done === NWORKERS) console.log('main: all workers exited');
    });
  }
  // main thread works too, in slices so worker messages are handled
  var mainCache = new Array(5000);
  var slices = 0;
  var mainStart = Date.now();
  var tick = function () {
    var res = churn('main', 0.2, 5000, 24);
    mainCache[slices % 5000] = res;
    slices++;
    if (Date.now() - mainStart < (SECONDS - 2) * 1000) setImmediate(tick);
    else console.log('main: done after ' + slices + ' slices');
  };
  tick();
} else {
  var d = wt.workerData;
  var res = churn(d.name, d.seconds, d.cacheSize, d.entryLen);
  wt.parentPort.postMessage(res);
}
