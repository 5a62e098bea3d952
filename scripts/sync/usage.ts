import { defaultPort } from '../local/port.ts';

export const usage = `Usage: npm run sync -- [options]

Reads the workbook, validates every dataset tab, and publishes each valid, changed dataset to the
Worker's admin API. Invalid tabs are reported cell by cell and not published; the others still are.

Source (default: file with --dir, google with --spreadsheet or Google credentials, else file)
  --source google|file   where the workbook comes from
  --spreadsheet ID       the Google spreadsheet (default: $ASSAY_SPREADSHEET_ID)
  --dir DIR              the file source's folder, one <Tab>.csv per tab, or the tabs as
                         downloaded from Google Sheets ("<Spreadsheet> - <Tab>.csv"); default fixtures/
  --no-status            do not write the "Publish status" tab (Google source)

Target
  --target URL           the Worker (default: $ASSAY_TARGET_URL, else http://127.0.0.1:$PORT,
                         where npm start listens; PORT defaults to ${defaultPort})
  --dry-run              validate and report only; publish nothing, need no token

Run
  --dataset ID           only this dataset (repeatable)
  --force                publish even past a dataset's shrink guard
  --json                 print the report as JSON
  --watch                run again and again, never two at once; Ctrl-C stops
  --interval DURATION    time between runs with --watch, 1s to 24h, e.g. 30s, 5m (default 5m)
  --retry-budget DURATION  how long to keep retrying a failing API per call, up to 24h (default 60s)
  -h, --help             this text

Environment
  ADMIN_TOKEN                     the admin token (a label:token pair or just the token); for a
                                  local target it defaults to the one npm start wrote to .dev.vars
  ASSAY_TARGET_URL                the Worker to publish to (or --target)
  PORT                            npm start's port, when no target is given (default ${defaultPort})
  GOOGLE_APPLICATION_CREDENTIALS  path to a service-account JSON key file
  GOOGLE_SERVICE_ACCOUNT_KEY      the service-account JSON key itself (CI secrets)
  GOOGLE_OAUTH_ACCESS_TOKEN       a ready access token (gcloud auth print-access-token)
  ASSAY_SPREADSHEET_ID            the spreadsheet id (from its URL)
  ASSAY_GOOGLE_API_ROOT           another Sheets API origin (a proxy; tests use a fake)

Exit codes: 0 published or unchanged, 1 validation failed or the shrink guard held a tab back
(that dataset not published; --force passes the guard),
2 usage or configuration error, 3 a source or the target failed after retries (at once when
nothing listens on a local target's port), or another publish landed first (the next run follows it).
`;
