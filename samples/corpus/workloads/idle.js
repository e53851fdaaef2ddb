'use strict';
// idle.js -- a process that mostly waits: a setInterval every 100 ms does a
// tiny bit of work (30..90 KB of short-lived objects, seeded) and keeps the
// last 20 results in a small ring. Only a few GCs happen. Stops by itself
// after `seconds` (clears its interval).
// Label: no leak.
//
// usage: node [gc flags] idle.js [seconds=10] [seed=1]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 10);
var SEED = c.argNum(3, 1);
var rng = c.mulberry32(SEED);
var ring = new Array(20);
var ticks = 0, checksum = 0;
var start = Date.now();
var timer = setInterval(function () {
  var kb = c.between(rng, 30, 90);
  var n = Math.floor(kb * 1024 / 160);
  var objs = new Array(n);
  for (var i = 0; i < n; i++) objs[i] = { t: ticks, i: i, s: 'tick-' + ticks + '-' + i, v: [rng(), rng()] };
  checksum = (checksum + JSON.stringify(objs[n - 1]).length) | 0;
  ring[ticks % ring.length] = objs[0];
  ticks++;
  if (Date.now() - start >= SECONDS * 1000) {
    clearInterval(timer);
    console.log('idle.js done: ' + (Date.now() - start) + ' ms, ticks=' + ticks + ' checksum=' + checksum);
  }
}, 100);
