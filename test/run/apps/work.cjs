// Allocates in rounds, keeping a bounded set, then exits with the code given (default 0).
const rounds = Number(process.argv[2] || 30);
const keep = [];
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < 20000; i++) keep.push({ round, i, text: `value ${i}` });
  if (keep.length > 200000) keep.length = 0;
  console.log(`round ${round}`);
}
process.exitCode = Number(process.argv[3] || 0);
