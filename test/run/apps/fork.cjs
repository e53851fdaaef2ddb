// Forks a child that allocates, and runs one whose output it reads itself (execFileSync).
const { fork, execFileSync } = require('child_process');
const version = execFileSync(process.execPath, ['-e', 'const a=[]; for (let i = 0; i < 300000; i++) a.push({ i }); console.log(process.version)']).toString().trim();
console.log(`read from a child: ${version}`);
fork(__dirname + '/work.cjs', ['20']).on('exit', (code) => console.log(`forked child exited ${code}`));
