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
// Lines of the app's own that look like V8's: timestamps, positions, a GC line of a pid gclog did not trace, a fake process line.
process.stdout.write("[12:34:56] Starting 'build'...\nat position [3:7] expected ')'\n");
process.stdout.write('[12345:0x1234abcd]        5 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.5 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure;\n');
process.stdout.write('gclog:process {"fake":true}\n');
