// Step 04, refresh tokens: access tokens now last 15 minutes, and /token also
// hands out a refresh token that buys a new pair at /token/refresh. Each refresh
// token works once: the server answers with a new one and marks the old one
// spent. Presenting a spent one again looks like theft, and the server then
// revokes the whole sign-in (its "family" of tokens).
//
// So the client must never send one refresh token twice. When five requests
// find their access token expired at the same moment, they share one refresh
// (a "single flight") and then each retries once with the new access token.
//
// A login also hands out a device token, which the next login from this device
// sends back: the server then counts its failures apart from strangers', who
// could otherwise lock the username by guessing its password.
import { AppState } from "react-native";

import { SessionExpiredError } from "../api/errors";
import { errorFromResponse, send } from "../api/http";
import type { TokenStorage, Tokens } from "../tokenStorage";
import type { Credentials } from "./01_passwords";
import { postForm, requestToken, type TokenResponse } from "./02_login_token";
import { type AuthenticatedFetch, withBearerToken } from "./03_protected_routes";

/** What /token and /token/refresh answer in this step. */
export type TokenPairResponse = TokenResponse & { refresh_token: string };

/** What /token answers in this step: the pair, and the device's new token. */
export type LoginResponse = TokenPairResponse & { device_token: string };

/** Told why a session ended when the person did not sign out themselves. */
export type OnSessionEnded = (reason: Error) => void;

// The foreground refresh renews an access token this close to its expiry.
const EXPIRY_MARGIN_MS = 60_000;

// Signing out waits this long for the server, then lets it be.
const LOGOUT_TIMEOUT_MS = 5_000;

/** One person's sign-in on this device, from /token until it ends. */
export class TokenSession {
  private tokens: Tokens | null;
  private accessTokenExpiresAt: number | null;
  private refreshInFlight: Promise<Tokens> | null = null;

  private constructor(
    private readonly baseUrl: string,
    private readonly storage: TokenStorage,
    private readonly onEnded: OnSessionEnded,
    tokens: Tokens,
    accessTokenExpiresAt: number | null,
  ) {
    this.tokens = tokens;
    this.accessTokenExpiresAt = accessTokenExpiresAt;
  }

  /** Sign in with a password. Rejects with WrongCredentialsError. */
  static async signIn(
    baseUrl: string,
    credentials: Credentials,
    storage: TokenStorage,
    onEnded: OnSessionEnded,
  ): Promise<TokenSession> {
    // Sent back so that the server knows this device (see the top of this file).
    const deviceToken = await storage.loadDeviceToken(credentials.username);
    const moreFields: Record<string, string> =
      deviceToken === null ? {} : { device_token: deviceToken };
    const response = (await requestToken(
      baseUrl,
      credentials,
      moreFields,
    )) as LoginResponse;
    const tokens = tokensFrom(response);

    await storage.save(tokens);
    // Each login replaces the device token: only the newest one still counts.
    // A server of step 02 or 03 sends none.
    if (response.device_token !== undefined) {
      await storage.saveDeviceToken(credentials.username, response.device_token);
    }

    return new TokenSession(baseUrl, storage, onEnded, tokens, expiryOf(response));
  }

  /** The session saved on this device, or null if nobody is signed in. */
  static async restore(
    baseUrl: string,
    storage: TokenStorage,
    onEnded: OnSessionEnded,
  ): Promise<TokenSession | null> {
    const tokens = await storage.load();
    if (tokens === null) {
      return null;
    }

    // How long the saved access token has left is unknown; the first request
    // or the first return to the foreground renews it if needed.
    return new TokenSession(baseUrl, storage, onEnded, tokens, null);
  }

  /**
   * Fetch a protected route; on a 401, refresh the tokens and retry once.
   *
   * Rejects with SessionExpiredError when the server refuses the refresh token
   * too. Request bodies here are strings, which can be sent a second time.
   */
  readonly fetch: AuthenticatedFetch = async (path, init = {}) => {
    const url = `${this.baseUrl}${path}`;
    const sentTokens = this.currentTokens();

    const response = await send(url, withBearerToken(init, sentTokens.accessToken));
    if (response.status !== 401) {
      return response;
    }

    const renewed = await this.renewTokensRejected(sentTokens);
    const retried = await send(url, withBearerToken(init, renewed.accessToken));

    // Once only. A brand-new token refused as well means the server has ended
    // this sign-in (POST /logout/all from another device, say): retrying more
    // would only loop.
    if (retried.status === 401) {
      await this.end(new SessionExpiredError());
      throw new SessionExpiredError();
    }
    return retried;
  };

  /**
   * Get new tokens from /token/refresh, or join the refresh already under way.
   *
   * All callers get the same promise, so one refresh token is never sent
   * twice. It resolves only once the new tokens are saved: a caller that
   * retries and then sees the app killed must not leave a spent refresh token
   * on the device.
   */
  refresh(): Promise<Tokens> {
    if (this.refreshInFlight === null) {
      this.refreshInFlight = this.rotateTokens().finally(() => {
        this.refreshInFlight = null;
      });
    }

    return this.refreshInFlight;
  }

  /** Refresh if the access token expires within a minute, or if nobody knows. */
  async refreshIfExpiring(): Promise<void> {
    if (this.tokens === null) {
      return;
    }
    const expiresAt = this.accessTokenExpiresAt;
    if (expiresAt !== null && expiresAt - Date.now() > EXPIRY_MARGIN_MS) {
      return;
    }

    await this.refresh();
  }

  /**
   * Sign out: forget the tokens here, then ask the server to revoke them.
   *
   * The device forgets first, at once and whatever happens next, so that
   * signing out works offline. Telling the server is best effort (see
   * `revokeRefreshToken`).
   */
  async signOut(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken ?? null;
    this.tokens = null;

    try {
      await this.storage.clear();
    } finally {
      if (refreshToken !== null) {
        await revokeRefreshToken(this.baseUrl, refreshToken);
      }
    }
  }

  private async renewTokensRejected(sentTokens: Tokens): Promise<Tokens> {
    // A request that left before a refresh and came back after it: the tokens
    // were renewed meanwhile, so retry with those instead of refreshing again.
    if (this.tokens !== null && this.tokens !== sentTokens) {
      return this.tokens;
    }

    return this.refresh();
  }

  private async rotateTokens(): Promise<Tokens> {
    const spentTokens = this.currentTokens();
    if (spentTokens.refreshToken === null) {
      await this.end(new SessionExpiredError());
      throw new SessionExpiredError();
    }

    // Sent with postForm, not this.fetch: a refused refresh token must end the
    // session, not start another refresh that would wait on this very one.
    // Should the answer be lost on its way back, the server has spent this
    // token all the same, and the next try ends the sign-in: the price of a
    // rotation that catches stolen tokens.
    const response = await postForm(`${this.baseUrl}/token/refresh`, {
      grant_type: "refresh_token",
      refresh_token: spentTokens.refreshToken,
    });
    if (response.status === 401) {
      await this.end(new SessionExpiredError());
      throw new SessionExpiredError();
    }
    if (!response.ok) {
      // The server failed and the refresh token is unspent: keep it, a later
      // request can try again.
      throw await errorFromResponse(response);
    }
    const answer = (await response.json()) as TokenPairResponse;
    const tokens = tokensFrom(answer);

    // Saved before any waiting request resumes (see `refresh`). If it cannot
    // be saved, the device holds a spent refresh token that would end the
    // sign-in on the next launch anyway: end it now, and say why.
    try {
      await this.storage.save(tokens);
    } catch (error) {
      await this.end(error as Error);
      throw error;
    }
    if (this.tokens !== spentTokens) {
      // Signed out while the refresh was under way: the new tokens belong to
      // a session that is over, and must not outlive it on the device.
      await this.storage.clear();
      throw new SessionExpiredError();
    }
    this.tokens = tokens;
    this.accessTokenExpiresAt = expiryOf(answer);

    return tokens;
  }

  private currentTokens(): Tokens {
    if (this.tokens === null) {
      throw new SessionExpiredError();
    }

    return this.tokens;
  }

  // The session ended without the person asking: forget the tokens and tell
  // the app why. Only the first call counts, so several requests failing
  // together, or one failing after a sign-out, report nothing twice.
  private async end(reason: Error): Promise<void> {
    if (this.tokens === null) {
      return;
    }
    this.tokens = null;

    try {
      await this.storage.clear();
    } finally {
      this.onEnded(reason);
    }
  }
}

/**
 * Ask the server to revoke a refresh token's family (POST /logout), best effort.
 *
 * Never rejects: offline, or with a server too slow to answer, the tokens stay
 * valid on the server until they expire (15 minutes for the access token, 30
 * days for the refresh token), but this device has already forgotten them.
 */
export async function revokeRefreshToken(
  baseUrl: string,
  refreshToken: string,
): Promise<void> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), LOGOUT_TIMEOUT_MS);

  try {
    await postForm(
      `${baseUrl}/logout`,
      { refresh_token: refreshToken },
      timeout.signal,
    );
  } catch {
    // Nothing more to do: see above.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Refresh the session's tokens when the app comes back to the foreground.
 *
 * A phone suspends an app in the background, so after a while away its access
 * token has expired. Renewing it on the way back saves the first screen a
 * round of 401s. Returns a function that stops listening.
 */
export function refreshWhenForegrounded(session: TokenSession): () => void {
  let previousState = AppState.currentState;

  const subscription = AppState.addEventListener("change", (nextState) => {
    const cameBack = previousState !== "active" && nextState === "active";
    previousState = nextState;

    if (cameBack) {
      // Nothing to handle here: a refused refresh token has already ended the
      // session (and the app says why); a network failure leaves the tokens as
      // they were, for the next request to renew.
      session.refreshIfExpiring().catch(() => undefined);
    }
  });

  return () => subscription.remove();
}

function tokensFrom(answer: TokenPairResponse): Tokens {
  // Against a server of step 02 or 03 there is no refresh token, and a 401
  // then ends the session as it did there.
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
  };
}

function expiryOf(answer: TokenResponse): number {
  return Date.now() + answer.expires_in * 1000;
}
