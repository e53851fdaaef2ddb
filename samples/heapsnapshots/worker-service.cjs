'use strict';
// leaky-service.cjs in a worker thread (same arguments), for find-leak in workers:
//   node --require find-leak.cjs worker-service.cjs - 1000 25 1 grants,cache,inflight
const { Worker } = require('worker_threads');
const path = require('path');

const worker = new Worker(path.join(__dirname, 'leaky-service.cjs'), { argv: process.argv.slice(2) });
worker.on('error', (error) => {
  console.error(error);
  process.exitCode = 1;
});
