// A stand-in for the workshop's server, installed as the global `fetch`.
//
// Each test says how each route answers, and can then read every request the
// app made, body bytes included. Answers can be held back (`hold`) to make
// requests overlap the way they do on a slow network.
export type RecordedRequest = {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
};

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export class FakeApi {
  readonly baseUrl = "http://api.test";
  readonly requests: RecordedRequest[] = [];
  private readonly handlers = new Map<string, Handler>();

  /** Answer `METHOD /path` with what `handler` returns. */
  on(route: string, handler: Handler): this {
    this.handlers.set(route, handler);
    return this;
  }

  /** The requests made to one route, in order. */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => `${request.method} ${request.path}` === route,
    );
  }

  readonly fetch = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const request: RecordedRequest = {
      method: init.method ?? "GET",
      path: url.pathname,
      headers: new Headers(init.headers),
      body: init.body,
    };
    this.requests.push(request);

    const handler = this.handlers.get(`${request.method} ${request.path}`);
    if (handler === undefined) {
      return json(404, { detail: "Not Found" });
    }
    return abortable(Promise.resolve(handler(request)), init.signal);
  });

  install(): this {
    global.fetch = this.fetch as typeof fetch;
    return this;
  }
}

// Like a real fetch, give up on the answer when the request's signal aborts.
function abortable(
  answer: Promise<Response>,
  signal: AbortSignal | null | undefined,
): Promise<Response> {
  if (!signal) return answer;

  const aborted = new Promise<never>((_resolve, reject) => {
    signal.addEventListener("abort", () =>
      reject(new DOMException("The operation was aborted", "AbortError")),
    );
  });
  return Promise.race([answer, aborted]);
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** What `fetch` does when no answer comes back: it rejects with a TypeError. */
export function offline(): never {
  throw new TypeError("Network request failed");
}

/** An answer that waits for `release()`: requests stay in flight until then. */
export function hold<T>(): { promise: Promise<T>; release: (value: T) => void } {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });

  return { promise, release };
}

/** The fields of a form-encoded body, as the server would read them. */
export function formFields(body: unknown): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(body)));
}

/** The token a request carried in its Authorization header, or null. */
export function bearerToken(request: RecordedRequest): string | null {
  const header = request.headers.get("Authorization");

  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : null;
}

/** An answer of /token or /token/refresh in step 04. */
export function tokenPair(accessToken: string, refreshToken: string): Response {
  return json(200, {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: "bearer",
    expires_in: 900,
  });
}

/** Let pending promises run until `condition` holds; fail if it never does. */
export async function eventually(condition: () => boolean | Promise<boolean>) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Never came true: ${condition}`);
}
