import { createServer } from 'node:net';

/** Where the local Worker listens without PORT: npm start serves there, and the sync publishes there. */
export const defaultPort = 8787;

/** The local Worker's origin on a port (loopback only: npm start never listens beyond this machine). */
export const localOrigin = (port: number | string) => `http://127.0.0.1:${port}`;

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
