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
