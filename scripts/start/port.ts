import { createServer } from 'node:net';

/** PORT's text → a TCP port, or undefined when it is not one. */
export function parsePort(text: string): number | undefined {
  const port = Number(text);
  return /^\d+$/.test(text) && port >= 1 && port <= 65_535 ? port : undefined;
}

export const portMessage = (text: string) => `PORT must be a whole number from 1 to 65535; got "${text}".`;

/** Whether nothing listens on the port yet, so a stale instance is never mistaken for ours. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** fetch's own refusal of a port on the Fetch standard's "bad ports" list, before any connection. */
export const isBadPort = (error: unknown) =>
  (error as { cause?: { message?: unknown } }).cause?.message === 'bad port';

export const badPortAdvice =
  'fetch refuses to call that port (a "bad port" in the Fetch standard, like 6000 or 6666), so nothing could reach a Worker there';

/** Whether fetch would refuse the port outright; asked of a free port, so nothing answers either way. */
export async function fetchRefusesPort(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch (error) {
    return isBadPort(error);
  }
}
