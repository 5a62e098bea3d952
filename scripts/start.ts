import { mkdirSync } from 'node:fs';
import { ensureLocalAdminToken } from './start/dev-vars.ts';
import { startLocalWorker } from './start/local-worker.ts';
import { portIsFree } from './start/port.ts';
import { formatRunReport } from './sync/report.ts';
import { runSync } from './sync/run.ts';

const portText = process.env.PORT ?? '8787';
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`PORT must be a whole number from 1 to 65535; got "${portText}".`);
  process.exit(2);
}
if (!(await portIsFree(port))) {
  console.error(
    `Port ${port} is already in use. Stop what runs there, or start on another: PORT=8788 npm start`,
  );
  process.exit(2);
}

if (ensureLocalAdminToken('.dev.vars').created) console.log('Created a local admin token in .dev.vars.');
mkdirSync('.wrangler', { recursive: true });
console.log(`Starting the Worker on port ${port} (local KV and Durable Objects in .wrangler/state)…`);
const worker = await startLocalWorker({ port, logFile: '.wrangler/dev.log' });

const base = worker.url;
console.log('Publishing the fixture workbook (fixtures/*.csv):');
const sync = await runSync({ source: 'file', target: base });
process.stdout.write(formatRunReport(sync.report));
if (sync.exitCode !== 0)
  console.log('The sync did not publish everything (above); the Worker keeps running.');
console.log(`
Assay is running at ${base}
  catalogue      ${base}/v1/datasets
  a dataset      ${base}/v1/datasets/production
  as CSV         ${base}/v1/datasets/production?format=csv
  API reference  ${base}/docs
Worker log: .wrangler/dev.log. Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// `npm start` runs this under a shell; if npm is killed the shell may not pass the signal on, and this
// process is left to init. Stop then too, so no workerd outlives the command that started it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown();
}, 1_000).unref();
