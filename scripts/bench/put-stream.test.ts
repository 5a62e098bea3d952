import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { publishBody } from './publish-body.ts';
import { putStream } from './put-stream.ts';

let server: Server | undefined;
async function serve(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('putStream', () => {
  it('sends the whole streamed body, chunked, and returns the answer', async () => {
    const url = await serve(async (req, res) => {
      let bytes = 0;
      for await (const chunk of req) bytes += (chunk as Buffer).byteLength;
      res.end(`${req.method} ${req.headers['transfer-encoding']} ${req.headers['content-type']} ${bytes}`);
    });
    const body = publishBody(20_000, 'ndjson');
    const answer = await putStream(
      url,
      { 'content-type': 'application/x-ndjson' },
      body.stream,
      AbortSignal.timeout(30_000),
    );
    expect(answer).toEqual({
      status: 200,
      text: `PUT chunked application/x-ndjson ${body.sent.bytes}`,
    });
  });

  it('keeps an answer that refuses the body part way, and stops sending', async () => {
    const url = await serve((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
        if (bytes > 1_000_000 && !res.headersSent) {
          res.writeHead(413, { connection: 'close' });
          res.end('{"detail":"Too many rows."}', () => req.socket.destroy());
        }
      });
    });
    const body = publishBody(1_000_000, 'ndjson');
    const answer = await putStream(url, {}, body.stream, AbortSignal.timeout(30_000));
    expect(answer).toEqual({ status: 413, text: '{"detail":"Too many rows."}' });
    // Far fewer than the ~210 MB of a million rows were generated.
    expect(body.sent.bytes).toBeLessThan(50_000_000);
  });

  it('gives up when its signal fires', async () => {
    const url = await serve(() => {});
    const body = publishBody(10, 'ndjson');
    await expect(putStream(url, {}, body.stream, AbortSignal.timeout(200))).rejects.toThrow();
  });
});
