'use strict';
// oom.js -- grows the heap until V8 gives up: every object is kept in a global
// array, so each Mark-Compact frees almost nothing and the process dies with
// "FATAL ERROR: ... JavaScript heap out of memory" (preceded by the
// "<--- Last few GCs --->" block). Meant to be run with a small heap, e.g.
//   node --trace-gc --max-old-space-size=32 oom.js
// One record in eight is retained, the rest is request-like garbage.
// Safety net: gives up (exit 3) after 30 s or 50M objects if no OOM happened.
// Plain CommonJS; runs on Node 8 .. 26.
var LIMIT_MS = 30000;
var hog = [];
var start = Date.now();
function Record(i) {
  this.id = i;
  this.name = 'record-' + i;
  this.values = [i, i * 2, i * 3, i * 4, i * 5, i * 6, i * 7, i * 8];
}
var garbage = 0;
for (var i = 0; i < 5e7; i++) {
  // mostly short-lived garbage, one record in eight is retained forever,
  // so the heap fills gradually through several Mark-Compacts
  var tmp = new Record(i);
  garbage = (garbage + tmp.values.length + JSON.stringify(tmp).length) | 0;
  if (i % 8 === 0) hog.push(tmp);
  if (i % 100000 === 0) {
    console.log('oom.js: retained ' + hog.length + ' records');
    if (Date.now() - start > LIMIT_MS) break;
  }
}
console.log('oom.js: no OOM after ' + (Date.now() - start) + ' ms, retained ' + hog.length);
process.exit(3);
