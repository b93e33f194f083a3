// Step 01, passwords: create an account, and check a username and password.
//
// The server keeps only a bcrypt hash of each password. It issues no token yet:
// /login answers "these match" with the user, or 401, and forgets at once. The
// next steps build on `register`, which stays the same to the end.
import { ValidationError, WrongCredentialsError } from "../api/errors";
import { errorFromResponse, readDetail, send } from "../api/http";

export type Credentials = { username: string; password: string };

export type User = { id: number; username: string };

const JSON_HEADERS = {
  "Content-Type": "application/json",
  Accept: "application/json",
};

/** Create an account. Rejects with ValidationError for input the server refuses. */
export async function register(
  baseUrl: string,
  credentials: Credentials,
): Promise<User> {
  // The password goes in the body, never in the URL: servers, proxies and
  // browser histories write URLs down.
  const response = await send(`${baseUrl}/register`, {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify(credentials),
  });

  if (response.status === 409) {
    // Names are unique ignoring case: "Terry" is taken once "terry" exists.
    // Shown beside the username field, like the 422 messages.
    throw new ValidationError({ username: [await readDetail(response)] });
  }
  if (!response.ok) {
    // 422: FastAPI's list of what is wrong with each field (too short, ...).
    throw await errorFromResponse(response);
  }

  return (await response.json()) as User;
}

/** Ask whether a username and password match. Rejects with WrongCredentialsError. */
export async function checkPassword(
  baseUrl: string,
  credentials: Credentials,
): Promise<User> {
  const response = await send(`${baseUrl}/login`, {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify(credentials),
  });

  if (response.status === 401) {
    // One error for an unknown user and a wrong password, as the server gives:
    // telling them apart would tell anyone which usernames exist.
    throw new WrongCredentialsError();
  }
  if (!response.ok) {
    throw await errorFromResponse(response);
  }

  return (await response.json()) as User;
}
