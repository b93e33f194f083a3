// What can go wrong when the app talks to the API: one class for each thing a
// person is told, so that a screen can pick the message by type (see
// messages.ts) and never from a server's wording.

/** The request never got an answer: no network, wrong address, server down. */
export class NetworkError extends Error {
  name = "NetworkError";
}

/** The server refused a username and password, without saying which was wrong. */
export class WrongCredentialsError extends Error {
  name = "WrongCredentialsError";
}

/** The server no longer accepts this sign-in; the person must sign in again. */
export class SessionExpiredError extends Error {
  name = "SessionExpiredError";
}

/** The server failed (5xx), or answered with something this app cannot read. */
export class ServerError extends Error {
  name = "ServerError";

  constructor(readonly status: number) {
    super(`The server answered ${status}`);
  }
}

/** Messages about the input, by field name ("" for the request as a whole). */
export type FieldErrors = Record<string, string[]>;

/** The server rejected the input (422, or 409 for a taken username). */
export class ValidationError extends Error {
  name = "ValidationError";

  constructor(readonly fieldErrors: FieldErrors) {
    super(`Invalid input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

/** Any other refusal, such as a 404 for a note that was deleted meanwhile. */
export class RequestError extends Error {
  name = "RequestError";

  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`The server answered ${status}: ${detail}`);
  }
}
