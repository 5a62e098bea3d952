import { request } from 'node:http';

/**
 * PUT a streamed body with node:http, pacing it by the socket's backpressure, and stop sending once
 * an answer arrives: a server that refuses a body part way (a 413, a 415) and waits for the rest to
 * drain gets its answer recorded. (workerd instead closes the connection with the body unread, which
 * resets it and discards its answer: that rejects with EPIPE or ECONNRESET.)
 */
export function putStream(
  url: string,
  headers: Record<string, string>,
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let failed = false;
    const put = request(url, { method: 'PUT', headers, signal });
    put.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    put.on('error', (error) => {
      failed = true;
      // After an early answer, the server closing its end of the upload is expected.
      if (!answered) reject(error);
    });
    const send = async () => {
      const reader = body.getReader();
      try {
        while (!answered && !failed) {
          const { value, done } = await reader.read();
          if (done) break;
          if (!put.write(value)) {
            await new Promise<void>((drained) => {
              const done = () => {
                put.off('drain', done);
                put.off('close', done);
                drained();
              };
              put.on('drain', done);
              put.on('close', done);
            });
          }
        }
        if (!failed) put.end();
      } finally {
        await reader.cancel();
      }
    };
    send().catch((error: unknown) => put.destroy(error as Error));
  });
}
