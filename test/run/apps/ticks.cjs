// Allocates steadily for the given seconds (default 2.5), printing a tick every 100 ms.
const seconds = Number(process.argv[2] || 2.5);
const keep = [];
let tick = 0;
const timer = setInterval(() => {
  for (let i = 0; i < 30000; i++) keep.push({ i, text: `t${i}` });
  if (keep.length > 300000) keep.length = 0;
  console.log(`tick ${tick++}`);
  if (tick * 100 >= seconds * 1000) clearInterval(timer);
}, 100);
