// Opening a written report in the user's browser, or saying where it is when there is no screen.

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export interface OpenReportOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Opens a path in the default browser (the `open` package unless a test passes its own). */
  opener?: (path: string) => Promise<unknown>;
}

/** macOS and Windows always have a desktop; on Linux and the BSDs a browser needs X11 or Wayland. */
export function hasDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** The report as a URL a user can paste into a browser. */
export function reportUrl(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** True when a browser was asked to open the report; false when there is no display or opening failed. */
export async function openReport(path: string, options: OpenReportOptions = {}): Promise<boolean> {
  if (!hasDisplay(options.platform, options.env)) return false;
  const opener =
    options.opener ??
    (async (target: string) => {
      const { default: open } = await import('open');
      // `wait: false` returns once the browser launcher started; a missing launcher rejects.
      const child = await open(target, { wait: false });
      child.unref();
    });
  try {
    await opener(resolve(path));
    return true;
  } catch {
    return false;
  }
}
