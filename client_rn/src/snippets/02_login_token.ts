// Step 02, a login token: trade a username and password for an access token,
// and keep the token where only this app can read it.
//
// /token follows OAuth 2's password grant (RFC 6749, section 4.3): the body is
// a form, not JSON, which is also what Swagger UI's "Authorize" button sends.
import { WrongCredentialsError } from "../api/errors";
import { errorFromResponse, send } from "../api/http";
import type { TokenStorage } from "../tokenStorage";
import type { Credentials } from "./01_passwords";

/** What /token answers. */
export type TokenResponse = {
  access_token: string;
  token_type: "bearer";
  /** Seconds until the access token expires. */
  expires_in: number;
};

/**
 * Encode fields as an application/x-www-form-urlencoded body.
 *
 * Two traps this avoids. React Native's fetch does not serialise a
 * URLSearchParams object: it sends an empty body, and the server answers 422.
 * And a body glued together by hand, `username=${username}&password=...`,
 * breaks on a password containing & + = or %: "a&b" would arrive as "a" and a
 * stray field "b", a "+" as a space. URLSearchParams escapes each of them.
 */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** POST a form to one of the token endpoints (/token, /token/refresh, /logout). */
export function postForm(
  url: string,
  fields: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  return send(url, {
    method: "POST",
    // Said explicitly: a string body would otherwise go out as text/plain.
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: formBody(fields),
    signal,
  });
}

/**
 * Trade a username and password for a token. Rejects with WrongCredentialsError.
 *
 * `moreFields` go into the same form: step 04 sends its device token there.
 */
export async function requestToken(
  baseUrl: string,
  { username, password }: Credentials,
  moreFields: Record<string, string> = {},
): Promise<TokenResponse> {
  const response = await postForm(`${baseUrl}/token`, {
    ...moreFields,
    grant_type: "password",
    username,
    password,
  });

  if (response.status === 401) {
    throw new WrongCredentialsError();
  }
  if (!response.ok) {
    throw await errorFromResponse(response);
  }

  return (await response.json()) as TokenResponse;
}

/** Sign in and keep the access token. Rejects with TokenStorageError if it can't. */
export async function signIn(
  baseUrl: string,
  credentials: Credentials,
  storage: TokenStorage,
): Promise<void> {
  const token = await requestToken(baseUrl, credentials);

  // Kept in SecureStore, not AsyncStorage (see tokenStorage.ts). The password
  // is not kept anywhere: from here on, the token is what proves who we are.
  await storage.save({ accessToken: token.access_token, refreshToken: null });
}
