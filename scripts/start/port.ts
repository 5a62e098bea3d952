import { createServer } from 'node:net';

/** Whether nothing listens on the port yet, so a stale instance is never mistaken for ours. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
