// The two things every request in the snippets needs: sending it, and turning
// an answer that is not a success into one of the errors in errors.ts.
import {
  type FieldErrors,
  NetworkError,
  RequestError,
  ServerError,
  ValidationError,
} from "./errors";

/** Like `fetch`, but a request that gets no answer rejects with NetworkError. */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    // fetch rejects only when no HTTP answer came back. Its message differs on
    // every platform ("Network request failed", "Failed to fetch", ...), so
    // callers get one type to test for, with the original kept as the cause.
    throw new NetworkError(`No answer from ${url}`, { cause: error });
  }
}

/** Build the error that a response which is not a success stands for. */
export async function errorFromResponse(response: Response): Promise<Error> {
  if (response.status >= 500) {
    return new ServerError(response.status);
  }

  const body = await readJson(response);
  const detail = isRecord(body) ? body.detail : undefined;
  if (response.status === 422 && Array.isArray(detail)) {
    return new ValidationError(fieldErrorsFrom(detail));
  }
  if (typeof detail === "string") {
    return new RequestError(response.status, detail);
  }
  // Not FastAPI's shape: a proxy's error page, or a server that is not ours.
  return new ServerError(response.status);
}

/** The `detail` string of a FastAPI error, such as "Username already taken". */
export async function readDetail(response: Response): Promise<string> {
  const body = await readJson(response);
  const detail = isRecord(body) ? body.detail : undefined;

  return typeof detail === "string" ? detail : response.statusText;
}

// FastAPI reports each invalid input as {"loc": ["body", "password"], "msg": ...}.
// The last part of `loc` names the field; a `loc` of just ["body"] is about the
// request as a whole and goes under "".
function fieldErrorsFrom(details: unknown[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const item of details) {
    if (!isRecord(item) || typeof item.msg !== "string") continue;
    const location = Array.isArray(item.loc) ? item.loc : [];
    const field = location.length > 1 ? String(location[location.length - 1]) : "";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), item.msg];
  }

  return fieldErrors;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
