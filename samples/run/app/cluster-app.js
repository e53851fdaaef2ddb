// A cluster of two worker processes; each keeps a bounded cache for a few seconds while a worker
// thread of its own churns short-lived objects. Run by samples/run/generate.sh under gclog run.
const cluster = require('cluster');
const { Worker, isMainThread } = require('worker_threads');
const seconds = Number(process.argv[2] || 3);

function churn(untilMs, keepAtMost) {
  const cache = [];
  while (Date.now() < untilMs) {
    for (let i = 0; i < 5000; i++) cache.push({ i, text: `entry ${i}`, at: Date.now() });
    if (cache.length > keepAtMost) cache.splice(0, cache.length - keepAtMost);
  }
  return cache.length;
}

if (!isMainThread) {
  churn(Date.now() + seconds * 1000, 10000);
} else if (cluster.isPrimary === undefined ? cluster.isMaster : cluster.isPrimary) {
  let exited = 0;
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('exit', () => {
    if (++exited === 2) console.log('all workers done');
  });
} else {
  const thread = new Worker(__filename, { argv: [String(seconds)] });
  const kept = churn(Date.now() + seconds * 1000, 200000);
  thread.on('exit', () => {
    console.log(`worker ${cluster.worker.id} kept ${kept} entries`);
    process.exit(0);
  });
}
