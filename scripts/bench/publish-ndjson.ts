import { eachSyntheticRow } from './synthetic.ts';

/** Lines gathered per chunk of the body: one write per 64 K characters, not one per row. */
const chunkChars = 64 * 1024;

/** An NDJSON publish body of `count` synthetic rows, made as it is sent: Node never holds it whole. */
export function syntheticNdjson(count: number, options: object = {}, seed = 1): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = eachSyntheticRow(count, seed);
  let started = false;
  return new ReadableStream({
    pull(controller) {
      const parts: string[] = started ? [] : [`${JSON.stringify(options)}\n`];
      started = true;
      let chars = 0;
      while (chars < chunkChars) {
        const next = rows.next();
        if (next.done) break;
        const line = `${JSON.stringify(next.value)}\n`;
        parts.push(line);
        chars += line.length;
      }
      if (parts.length === 0) controller.close();
      else controller.enqueue(encoder.encode(parts.join('')));
    },
  });
}

/** PUT /admin/v1/datasets/{id} as NDJSON of `count` synthetic rows; throws unless 200 or 201. */
export async function putNdjsonOrThrow(
  origin: string,
  token: string,
  id: string,
  count: number,
  options: object = {},
): Promise<{ status: number; answer: unknown }> {
  const response = await fetch(`${origin}/admin/v1/datasets/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: syntheticNdjson(count, options),
    duplex: 'half',
  } as RequestInit);
  const answer = await response.json();
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`Publishing ${id} answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return { status: response.status, answer };
}
