// gclog's name and version as printed by --version and carried in every JSON output's `generator`
// (a test keeps it equal to package.json's; importing package.json would cost start-up time).

export const VERSION = '0.1.0';
export const GENERATOR = `gclog ${VERSION}`;
