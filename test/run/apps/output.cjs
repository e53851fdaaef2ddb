// Writes numbered lines between allocations, a line in parts, and every byte value, to check that
// the app's output comes through exactly as written.
const keep = [];
for (let n = 0; n < 40; n++) {
  for (let i = 0; i < 20000; i++) keep.push({ n, i });
  if (keep.length > 300000) keep.length = 0;
  process.stdout.write(`line ${n}\n`);
  process.stderr.write(`err ${n}\n`);
}
process.stdout.write('part one, ');
process.stdout.write('part two\n');
process.stdout.write(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
process.stdout.write('\n[1] a bracketed line of the app\n');
