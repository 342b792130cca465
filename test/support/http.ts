// Calls the API over HTTP as a portal or staff app would: bearer token, JSON body (or raw text,
// for invalid JSON and keys JSON.stringify would drop), JSON answer (or the text when it is not JSON).

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON bodies
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is. */
  rawBody?: string;
  headers?: Record<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON bodies
export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...opts.headers,
    },
    ...(opts.rawBody !== undefined
      ? { body: opts.rawBody }
      : opts.body !== undefined
        ? { body: JSON.stringify(opts.body) }
        : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}
