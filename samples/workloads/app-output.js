'use strict';
// app-output.js -- an application that prints its own output between the GC
// trace lines: access-log lines, JSON lines, and free-text lines that contain
// GC-looking words such as "Scavenge", "Mark-Compact" or "ms:". Some lines go
// to stderr (console.error), like warnings do. A parser must not take these
// for GC records.
//
// usage: node [gc flags] app-output.js [seconds=10]
// Plain CommonJS; runs on Node 8 .. 26.
var DURATION_MS = Number(process.argv[2] || 10) * 1000;
var cache = new Array(8000);
var start = Date.now();
var i = 0, checksum = 0;
var METHODS = ['GET', 'GET', 'POST', 'GET', 'PUT', 'DELETE'];

while (Date.now() - start < DURATION_MS) {
  // request churn and a replaced cache, as in steady.js
  for (var r = 0; r < 20; r++) {
    var req = { id: i * 20 + r, path: '/api/orders/' + ((i * 20 + r) % 997), body: [r, r + 1, r + 2, r + 3] };
    checksum = (checksum + JSON.stringify(req).length) | 0;
  }
  var entry = new Array(40);
  for (var k = 0; k < 40; k++) entry[k] = { k: k, v: i };
  cache[i % cache.length] = entry;

  if (i % 2000 === 0) {
    var n = i / 2000;
    var ms = Date.now() - start;
    var method = METHODS[n % METHODS.length];
    console.log('127.0.0.1 - - [' + new Date(Date.UTC(2024, 0, 1, 12, 0, n % 60)).toISOString() + '] "' + method +
      ' /api/orders/' + (n * 37 % 997) + ' HTTP/1.1" 200 ' + (512 + n % 300) + ' ' + (n % 17) + '.' + (n % 10) + 'ms');
    if (n % 3 === 0) console.log(JSON.stringify({ level: 'info', msg: 'request served', reqId: n, durationMs: n % 23, heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576) }));
    if (n % 5 === 0) console.log('[app] Scavenge-like stall suspected: request ' + n + ' took ' + (n % 40) + ' ms: checking pool');
    if (n % 7 === 0) console.log('   ' + ms + ' ms: heartbeat (not a GC line) Mark-Compact is a GC phase name, 12.5 (20.0) -> 10.1 (20.0) MB appears in docs');
    if (n % 11 === 0) console.error('(node:' + process.pid + ') Warning: slow request ' + n + ', pause=' + (n % 50) + 'ms');
  }
  i++;
}
console.log('app-output done: iterations=' + i + ' checksum=' + checksum);
