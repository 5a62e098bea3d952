import { expect } from 'vitest';
import type { VersionNotice } from '../../../src/live/version-notice.ts';
import type { adminClient } from '../publish/admin-client.ts';

type Client = ReturnType<typeof adminClient>;

/** A subscriber: messages are queued as they come, `next()` takes the oldest (or waits for one). */
export async function subscribe(client: Client, path: string) {
  const res = await client.request(path, { headers: { upgrade: 'websocket' } });
  expect(res.status).toBe(101);
  const socket = res.webSocket;
  if (!socket) throw new Error('no socket in the 101');
  socket.accept();
  const queue: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  socket.addEventListener('message', (event) => {
    const text = String(event.data);
    const wake = waiting.shift();
    if (wake) wake(text);
    else queue.push(text);
  });
  const nextText = () => {
    const queued = queue.shift();
    return queued !== undefined
      ? Promise.resolve(queued)
      : new Promise<string>((resolve) => waiting.push(resolve));
  };
  return {
    socket,
    nextText,
    next: async () => JSON.parse(await nextText()) as VersionNotice,
    pending: () => queue.length,
  };
}
