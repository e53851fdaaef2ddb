// Whether to colour the terminal report, as other CLIs decide it: --color / --no-color first, then
// NO_COLOR (https://no-color.org), then FORCE_COLOR, then TERM=dumb, then whether stdout is a terminal.

export interface ColorSettings {
  /** --color (true) or --no-color (false); undefined when neither was given. */
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTty: boolean;
}

export function colorWanted({ flag, env, isTty }: ColorSettings): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  // FORCE_COLOR=0 or false turns colour off; any other value (1, 2, 3, empty) turns it on.
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['TERM'] === 'dumb') return false;
  return isTty;
}
