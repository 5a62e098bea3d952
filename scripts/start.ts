import { mkdirSync } from 'node:fs';
import { ensureLocalTokens } from './local/dev-vars.ts';
import { defaultPort, parsePort, portIsFree, portMessage } from './local/port.ts';
import { blockedPortAdvice, fetchBlocksPort } from './net/blocked-ports.ts';
import { startLocalWorker } from './start/local-worker.ts';
import { runSync } from './sync/run.ts';
import { formatRunReport } from './sync/run-report.ts';

const portText = process.env.PORT ?? String(defaultPort);
const port = parsePort(portText);
if (port === undefined) {
  console.error(portMessage(portText));
  process.exit(2);
}
const otherPort = `PORT=${port < 65_535 ? port + 1 : port - 1} npm start`;
if (!(await portIsFree(port))) {
  console.error(`Port ${port} is already in use. Stop what runs there, or start on another: ${otherPort}`);
  process.exit(2);
}

if (fetchBlocksPort(port)) {
  console.error(`Port ${port} cannot be used: ${blockedPortAdvice}. Start on another: ${otherPort}`);
  process.exit(2);
}

const { created } = ensureLocalTokens('.dev.vars');
if (created.length > 0) console.log(`Created ${created.join(' and ')} for the local Worker in .dev.vars.`);
mkdirSync('.wrangler', { recursive: true });
console.log(`Starting the Worker on port ${port} (local KV and Durable Objects in .wrangler/state)…`);
const worker = startLocalWorker({ port, logFile: '.wrangler/dev.log' });

// Whatever happens from here on (Ctrl-C while it starts, a failed start, a crash), the Worker stops too.
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
// If npm is killed outright (SIGKILL: no signal to pass on), this process is left to init. Stop then
// too, so no workerd outlives the command that started it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown(0);
}, 1_000).unref();

try {
  await worker.ready;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}

const base = worker.url;
console.log('Publishing the fixture workbook (fixtures/*.csv):');
try {
  const sync = await runSync({ source: 'file', target: base });
  process.stdout.write(formatRunReport(sync.report));
  if (sync.exitCode !== 0)
    console.log('The sync did not publish everything (above); the Worker keeps running.');
} catch (error) {
  console.error(`The sync failed: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(`
Assay is running at ${base}
  for people     ${base}/
  catalogue      ${base}/v1/datasets
  a dataset      ${base}/v1/datasets/production
  as CSV         ${base}/v1/datasets/production?format=csv
  API reference  ${base}/docs
Worker log: .wrangler/dev.log. Press Ctrl-C to stop.`);
