const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a URL names this machine, where `npm start` runs: only there may the sync send the local
 * .dev.vars token, and only there does a refused connection mean "not started" rather than "retry".
 */
export function isLoopback(url: string | URL): boolean {
  return URL.canParse(url) && loopbackHosts.has(new URL(url).hostname);
}
