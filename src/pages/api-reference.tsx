import type { FC } from 'hono/jsx';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: string[] };
}

interface Operation {
  summary?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, Operation | undefined> | undefined>;
}

const style = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h2{margin-top:2.5rem;font-size:1.1rem}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.5rem 0;table-layout:fixed}
.params :is(td,th):first-child{width:11rem}.params :is(td,th):nth-child(2){width:5rem}.responses td:first-child{width:5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
.method{font-weight:700;text-transform:uppercase;color:#0b6e4f}`;

/** OpenAPI descriptions are CommonMark; code spans are the only markup they use here. */
const Prose: FC<{ text: string | undefined }> = ({ text }) => (
  <>{(text ?? '').split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
);

/**
 * The API reference, rendered on the server from the OpenAPI document itself: it cannot drift from
 * the routes, needs no third-party script, and works on a laptop with no network.
 */
export const ApiReference: FC<{ doc: OpenApiDocument }> = ({ doc }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <title>{doc.info.title} API reference</title>
      <style>{style}</style>
    </head>
    <body>
      <h1>{doc.info.title} API reference</h1>
      <p>{doc.info.description}</p>
      <p>
        Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
      </p>
      {Object.entries(doc.paths ?? {}).flatMap(([path, operations]) =>
        Object.entries(operations ?? {}).map(([method, op]) => (
          <section>
            <h2>
              <span class="method">{method}</span> <code>{path}</code>
            </h2>
            <p>{op?.summary}</p>
            {op?.parameters?.length ? (
              <table class="params">
                <tr>
                  <th>parameter</th>
                  <th>in</th>
                  <th>description</th>
                </tr>
                {op.parameters.map((p) => (
                  <tr>
                    <td>
                      <code>{p.name}</code>
                      {p.required ? ' (required)' : ''}
                    </td>
                    <td>{p.in}</td>
                    <td>
                      <Prose text={p.description ?? p.schema?.enum?.join(', ') ?? p.schema?.type} />
                    </td>
                  </tr>
                ))}
              </table>
            ) : null}
            <table class="responses">
              {Object.entries(op?.responses ?? {}).map(([status, response]) => (
                <tr>
                  <td>{status}</td>
                  <td>
                    <Prose text={response.description} />
                  </td>
                </tr>
              ))}
            </table>
          </section>
        )),
      )}
    </body>
  </html>
);
