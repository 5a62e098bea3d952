/**
 * One structured log line: a JSON object whose `event` names what happened, so a log search (Workers
 * Logs, `wrangler tail`) can filter on it. Failures go to the error stream, the rest to the log.
 * Fields are the caller's own values (ids, counts, messages), never a request body or a token.
 */
export function logEvent(event: string, fields: Record<string, unknown>, level: 'info' | 'error' = 'info') {
  const line = JSON.stringify({ event, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
