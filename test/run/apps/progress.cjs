// A progress bar: `[##   ] 20%` rewritten with a carriage return, never a newline until done.
process.stdout.write('[##        ] 20%\r');
setTimeout(() => process.stdout.write('[####      ] 40%\r'), 200);
setTimeout(() => process.stdout.write('done\n'), 3000);
