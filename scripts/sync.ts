// The CLI only: programs call runSync from ./sync/run.ts (importing this file would run the CLI).
import { parseCli } from './sync/options.ts';
import { runSync } from './sync/run.ts';
import { formatRunReport, jsonReport } from './sync/run-report.ts';
import { usage } from './sync/usage.ts';
import { watch } from './sync/watch.ts';

const command = parseCli(process.argv.slice(2));
if (command.kind === 'help') {
  process.stdout.write(usage);
} else if (command.kind === 'usage-error') {
  process.stderr.write(`${command.message}\nRun \`npm run sync -- --help\` for the options.\n`);
  process.exitCode = 2;
} else {
  const { options, json, watchIntervalMs } = command;
  const once = async () => {
    const { exitCode, report } = await runSync(options);
    process.stdout.write(
      json
        ? `${JSON.stringify(jsonReport(report), null, watchIntervalMs ? 0 : 2)}\n`
        : formatRunReport(report, { watching: watchIntervalMs !== null }),
    );
    return exitCode;
  };

  // runSync turns failing sources and targets into exit codes itself; what escapes is unexpected, and
  // is printed as message and stack only, never as an object (a request error could hold its headers).
  const describe = (error: unknown) =>
    error instanceof Error ? (error.stack ?? error.message) : String(error);

  if (watchIntervalMs === null) {
    process.exitCode = await once().catch((error) => {
      process.stderr.write(`The sync failed unexpectedly: ${describe(error)}\n`);
      return 3;
    });
  } else {
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.signal.aborted) process.exit(130);
      process.stderr.write(`${signal}: stopping after the current run (again to stop at once).\n`);
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // A run's exit code is in its report; the loop itself only ends when asked to.
    await watch(
      async () => void (await once()),
      watchIntervalMs,
      stop.signal,
      (error) => process.stderr.write(`The run failed unexpectedly: ${describe(error)}\n`),
    );
  }
}
