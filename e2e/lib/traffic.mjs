// What the app asked of the API, as the browser saw it: the proof that a
// screen did what it shows (a refresh the user never noticed, say).

/**
 * Record every call the page makes to `apiUrl`.
 *
 * calls: "METHOD /path STATUS" in order (CORS preflights left out, "failed"
 * for a request that got no answer). tokenAnswers: the bodies of successful
 * /token and /token/refresh answers, latest last.
 */
export function recordApiTraffic(page, apiUrl) {
  const calls = [];
  const tokenAnswers = [];
  const pendingBodies = [];

  page.on("response", (response) => {
    const request = response.request();
    const call = describe(request, apiUrl);
    if (call === null) return;

    calls.push(`${call} ${response.status()}`);
    if (isTokenIssue(call) && response.ok()) {
      pendingBodies.push(response.json().then((body) => tokenAnswers.push(body)));
    }
  });
  page.on("requestfailed", (request) => {
    const call = describe(request, apiUrl);
    if (call !== null) calls.push(`${call} failed`);
  });

  return {
    calls,
    /** The calls made after `mark`, a length of `calls` taken earlier. */
    callsSince: (mark) => calls.slice(mark),
    /** The latest token answer, once every body read so far has arrived. */
    async latestTokens() {
      await Promise.all(pendingBodies);
      return tokenAnswers.at(-1);
    },
  };
}

function describe(request, apiUrl) {
  if (!request.url().startsWith(apiUrl) || request.method() === "OPTIONS") {
    return null;
  }

  return `${request.method()} ${new URL(request.url()).pathname}`;
}

function isTokenIssue(call) {
  return call === "POST /token" || call === "POST /token/refresh";
}

/** When a JWT expires, in milliseconds since the epoch (its `exp` claim). */
export function expiryOf(jwt) {
  const payload = JSON.parse(Buffer.from(jwt.split(".")[1], "base64url"));

  return payload.exp * 1000;
}
