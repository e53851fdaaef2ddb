'use strict';
// external.js -- large objects and external memory. Each round allocates:
//   * big JS arrays (> 500 KB each: they go to large object space),
//   * Buffers (Buffer.alloc / Buffer.allocUnsafe, external memory),
//   * raw ArrayBuffers + typed-array views (external backing stores),
// keeps a few of them alive for a while in a small ring, then drops them.
//
// usage: node [gc flags] external.js [seconds=10] [maxRounds=inf]
// Plain CommonJS; runs on Node 8 .. 26.
var DURATION_MS = Number(process.argv[2] || 10) * 1000;
var MAX_ROUNDS = Number(process.argv[3] || Infinity);
var RING = 16;
var ring = new Array(RING);
var start = Date.now();
var round = 0, checksum = 0, bytes = 0;

function bigArray(n, seed) {
  var a = new Array(n);                    // n * 8 bytes of elements: LO space
  for (var k = 0; k < n; k++) a[k] = (seed + k) & 0xffff;
  return a;
}

while (round < MAX_ROUNDS && Date.now() - start < DURATION_MS) {
  var kind = round % 4;
  var obj;
  if (kind === 0) {
    obj = bigArray(80000 + (round % 5) * 20000, round);           // 640 KB .. 1.25 MB
    bytes += obj.length * 8;
  } else if (kind === 1) {
    obj = Buffer.alloc((1 + (round % 4)) * 1024 * 1024, round & 255); // 1..4 MB Buffer
    bytes += obj.length;
  } else if (kind === 2) {
    var ab = new ArrayBuffer(2 * 1024 * 1024);                     // 2 MB ArrayBuffer
    var view = new Float64Array(ab);
    for (var k = 0; k < view.length; k += 512) view[k] = round + k;
    obj = view;
    bytes += ab.byteLength;
  } else {
    obj = Buffer.allocUnsafe(512 * 1024);                         // 512 KB, unpooled
    obj.fill(round & 127);
    bytes += obj.length;
  }
  checksum = (checksum + (obj[obj.length >> 1] | 0)) | 0;
  ring[round % RING] = obj;                // keep the last RING objects alive
  // plus a little ordinary young-generation churn
  var tmp = [];
  for (var j = 0; j < 200; j++) tmp.push({ round: round, j: j, s: 'r' + round + 'j' + j });
  checksum = (checksum + tmp.length) | 0;
  round++;
}
console.log('external done: rounds=' + round + ' allocatedMB=' + Math.round(bytes / 1048576) +
  ' checksum=' + checksum + ' elapsedMs=' + (Date.now() - start));
