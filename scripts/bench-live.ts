/**
 * `npm run bench:live`: live notices in Miniflare's workerd. Publish-to-notice latency with 100
 * subscribers over 50 publishes (from sending the PUT to each socket's message), and the workerd
 * process's resident memory before and after opening 1,000 idle sockets. See BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import { putDatasetOrThrow } from './bench/publish.ts';
import { buildBenchWorker, memoryOf, startRuntime } from './bench/runtime.ts';
import { percentile } from './bench/stats.ts';
import { syntheticRows } from './bench/synthetic.ts';

const subscribers = 100;
const publishes = 50;
const idleSockets = 1_000;
const log = (line: string) => process.stderr.write(`[bench:live] ${line}\n`);

/** Opens a socket and resolves once its first message (the current version) has arrived. */
function subscribe(url: string, onNotice: (at: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let first = true;
    socket.addEventListener('message', () => {
      if (first) {
        first = false;
        resolve(socket);
      } else onNotice(performance.now());
    });
    socket.addEventListener('error', () => reject(new Error(`socket to ${url} failed`)));
  });
}

const runtime = await startRuntime(await buildBenchWorker());
try {
  const ws = runtime.assay.replace(/^http/, 'ws');
  const publish = (seed: number) =>
    putDatasetOrThrow(
      runtime.assay,
      runtime.adminToken,
      'bench-100',
      JSON.stringify({ rows: syntheticRows(100, seed) }),
    );
  await publish(0);

  log(`${subscribers} subscribers, ${publishes} publishes of 100 rows`);
  let sentAt = 0;
  const latencies: number[] = [];
  const answers: number[] = [];
  const live = await Promise.all(
    Array.from({ length: subscribers }, () =>
      subscribe(`${ws}/v1/datasets/bench-100/live`, (at) => latencies.push(at - sentAt)),
    ),
  );
  for (let i = 1; i <= publishes; i++) {
    const expected = i * subscribers;
    sentAt = performance.now();
    await publish(i);
    answers.push(performance.now() - sentAt);
    while (latencies.length < expected) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  for (const socket of live) socket.close();

  const rss = () => runtime.workerdPids.reduce((n, pid) => n + (memoryOf(pid)?.rss ?? 0), 0);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));
  await settle();
  const before = rss();
  log(`${idleSockets} idle sockets`);
  const idle: WebSocket[] = [];
  for (let i = 0; i < idleSockets; i += 100) {
    idle.push(
      ...(await Promise.all(
        Array.from({ length: 100 }, () => subscribe(`${ws}/v1/datasets/bench-100/live`, () => {})),
      )),
    );
  }
  await settle();
  const after = rss();
  for (const socket of idle) socket.close();

  const result = {
    subscribers,
    publishes,
    // The PUT's own answer time: the notice is sent as the writer finishes, before the answer leaves.
    publish_answer_ms: { p50: percentile(answers, 0.5), p99: percentile(answers, 0.99) },
    notice_ms: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
    },
    idle_sockets: idleSockets,
    workerd_rss_mib: {
      before: before / 2 ** 20,
      after: after / 2 ** 20,
      per_socket_kib: (after - before) / idleSockets / 1024,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await runtime.stop();
}
