// A test-like loop that calls global.gc() every 50 ticks: almost every Mark-Compact is forced
// (reason "testing") while the live set stays flat. Usage: node --expose-gc --trace-gc gc-often.js MS
const end = Date.now() + (Number(process.argv[2]) || 6000);
let ticks = 0;
function tick() {
  for (let i = 0; i < 2000; i++) {
    const garbage = { x: new Array(10).fill(i) };
    if (garbage.x.length !== 10) throw new Error('unreachable');
  }
  if (++ticks % 50 === 0) global.gc();
  if (Date.now() < end) setImmediate(tick);
}
tick();
