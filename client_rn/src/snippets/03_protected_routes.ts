// Step 03, protected routes: send the token with every request to /users/me
// and /notes, and treat a refused token as the end of the session.
import { SessionExpiredError } from "../api/errors";
import { errorFromResponse, send } from "../api/http";
import type { TokenStorage } from "../tokenStorage";
import type { User } from "./01_passwords";

/** `fetch` for the API's protected routes: takes a path such as "/notes". */
export type AuthenticatedFetch = (
  path: string,
  init?: RequestInit,
) => Promise<Response>;

export type Note = { id: number; text: string; created_at: string };

/** A copy of `init` that carries the token in an Authorization header. */
export function withBearerToken(init: RequestInit, accessToken: string): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${accessToken}`);

  return { ...init, headers };
}

/**
 * Make a fetch that adds the stored access token to each request.
 *
 * A 401 means the token expired or is no longer accepted. This step has no way
 * to get a new one, so the tokens are deleted, `onSessionEnded` runs (the app
 * shows the sign-in screen) and the call rejects with SessionExpiredError.
 */
export function createAuthenticatedFetch(
  baseUrl: string,
  storage: TokenStorage,
  onSessionEnded: () => void,
): AuthenticatedFetch {
  return async (path, init = {}) => {
    const tokens = await storage.load();
    if (tokens === null) {
      onSessionEnded();
      throw new SessionExpiredError();
    }

    const response = await send(
      `${baseUrl}${path}`,
      withBearerToken(init, tokens.accessToken),
    );

    if (response.status === 401) {
      await storage.clear();
      onSessionEnded();
      throw new SessionExpiredError();
    }
    return response;
  };
}

/**
 * Sign out of this device by forgetting the token.
 *
 * The server cannot be told in this step: the token stays valid until it
 * expires (30 minutes), for anyone who copied it. Step 04 fixes that.
 */
export async function signOut(storage: TokenStorage): Promise<void> {
  await storage.clear();
}

// The API calls themselves take the fetch to use, so that step 04 can pass one
// that also renews the token, without changing a line here.

export async function getCurrentUser(authFetch: AuthenticatedFetch): Promise<User> {
  const response = await authFetch("/users/me");

  return (await jsonOrThrow(response)) as User;
}

export async function listNotes(authFetch: AuthenticatedFetch): Promise<Note[]> {
  const response = await authFetch("/notes");

  return (await jsonOrThrow(response)) as Note[];
}

export async function addNote(
  authFetch: AuthenticatedFetch,
  text: string,
): Promise<Note> {
  const response = await authFetch("/notes", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ text }),
  });

  return (await jsonOrThrow(response)) as Note;
}

export async function deleteNote(
  authFetch: AuthenticatedFetch,
  noteId: number,
): Promise<void> {
  const response = await authFetch(`/notes/${noteId}`, { method: "DELETE" });

  if (!response.ok) {
    throw await errorFromResponse(response);
  }
}

async function jsonOrThrow(response: Response): Promise<unknown> {
  if (!response.ok) {
    throw await errorFromResponse(response);
  }

  return response.json();
}
