'use strict';
// gc-twice.js -- what memory tests do: call global.gc() twice in a row, then read the heap, here
// every `everyMs`, in a service that keeps `leakKbPerSec` KB of records per second forever (0: no
// leak) beside request churn. Each pair prints two Mark-Compacts "testing" with no young GC between.
//
// usage: node --expose-gc --trace-gc gc-twice.js [seconds=20] [leakKbPerSec=1000] [everyMs=1000]
// Plain CommonJS; needs --expose-gc.
var SECONDS = Number(process.argv[2] || 20);
var LEAK_KB_PER_SEC = Number(process.argv[3] || 1000);
var EVERY_MS = Number(process.argv[4] || 1000);
var kept = [];
var start = Date.now();
var checksum = 0;
var lastGc = start;

function request(i) {
  var body = { id: i, items: [] };
  for (var k = 0; k < 20; k++) body.items.push({ k: k, name: 'item-' + i + '-' + k });
  return JSON.stringify(body).length;
}

function record(i) {
  // about 1 KB: an array of 100 doubles and a string
  var values = new Array(100);
  for (var k = 0; k < 100; k++) values[k] = i + k / 100;
  return { id: i, values: values, label: 'record-' + i };
}

var n = 0;
var timer = setInterval(function () {
  var elapsed = Date.now() - start;
  for (var r = 0; r < 300; r++) checksum = (checksum + request(n++)) | 0;
  var due = Math.floor((LEAK_KB_PER_SEC * elapsed) / 1000);
  while (kept.length < due) kept.push(record(kept.length));
  if (Date.now() - lastGc >= EVERY_MS) {
    global.gc();
    global.gc();
    lastGc = Date.now();
  }
  if (elapsed >= SECONDS * 1000) {
    clearInterval(timer);
    console.log('gc-twice.js done: ' + elapsed + ' ms, kept ' + kept.length + ' records, checksum ' + checksum);
  }
}, 10);
