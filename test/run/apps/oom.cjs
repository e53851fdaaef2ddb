// Holds everything it allocates until the heap limit ends it.
const keep = [];
setInterval(() => {
  for (let i = 0; i < 50000; i++) keep.push({ i, text: `leaked ${i}` });
}, 1);
