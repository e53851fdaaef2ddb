// Says what colour libraries (supports-color, chalk) look at: whether stdout is a terminal, and FORCE_COLOR.
console.log(`isTTY ${process.stdout.isTTY === true} FORCE_COLOR ${process.env.FORCE_COLOR}`);
