// A service-like workload for the `gclog run` overhead bench: for a fixed time it builds and drops
// objects (keeping a bounded cache, so GCs of both kinds run), writes a log line every N operations
// (2,000 by default; 20 for a chatty app), and prints how many operations it did.
const seconds = Number(process.argv[2] || 3);
const linesEvery = Number(process.argv[3] || 2000);
const until = Date.now() + seconds * 1000;
const cache = new Map();
let operations = 0;
while (Date.now() < until) {
  for (let i = 0; i < 500; i++) {
    const key = operations % 50000;
    cache.set(key, { key, payload: `value ${operations}`, parts: [operations, operations * 2, operations * 3] });
    operations++;
    if (operations % linesEvery === 0) process.stdout.write(`handled ${operations} operations\n`);
  }
}
process.stdout.write(`operations ${operations}\n`);
