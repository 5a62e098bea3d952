import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details; extra members (such as `parameter` or `problems`) say more. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  [member: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problemResponse(problem: ProblemDetails, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' },
  });
  for (const [name, value] of new Headers(headers)) response.headers.set(name, value);
  return response;
}

/** The body of a problem, for an answer that reports one it did not run into (a dry run's refusal). */
export function problemDetails(
  status: ContentfulStatusCode,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemDetails {
  return { type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...extra };
}

/** An error to throw from anywhere in a request; `app.onError` sends it as problem+json. */
export function problem(
  status: ContentfulStatusCode,
  detail: string,
  extra: Record<string, unknown> = {},
  headers?: HeadersInit,
): HTTPException {
  const body = problemDetails(status, detail, extra);
  return new HTTPException(status, { message: detail, res: problemResponse(body, headers) });
}
