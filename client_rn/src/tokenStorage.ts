// Where the tokens live between launches of the app.
//
// iOS and Android: expo-secure-store, which encrypts with the Keychain and the
// Android Keystore. Never AsyncStorage: it is a plain file that backups and a
// rooted phone can read, and a token read there is a login.
//
// Web: no storage a page offers is safe from a script injected into it, so the
// tokens stay in memory only and a reload of the page signs the person out.
import * as SecureStore from "expo-secure-store";
import { Platform } from "react-native";

export type Tokens = {
  accessToken: string;
  /** Steps 02 and 03 issue no refresh token. */
  refreshToken: string | null;
};

export interface TokenStorage {
  /** The saved tokens, or null if nobody is signed in on this device. */
  load(): Promise<Tokens | null>;
  /** Rejects with TokenStorageError if the tokens could not be saved. */
  save(tokens: Tokens): Promise<void>;
  /** Rejects with TokenStorageError if a token could not be deleted. */
  clear(): Promise<void>;
  /**
   * The device token from this account's last sign-in here (step 04), or null.
   * Never rejects: without one, the next sign-in is merely a stranger's.
   */
  loadDeviceToken(username: string): Promise<string | null>;
  /** Keep it for the next sign-in as this user. Never rejects, as above. */
  saveDeviceToken(username: string, deviceToken: string): Promise<void>;
}

/** Saving or deleting a token failed. Its message never contains the token. */
export class TokenStorageError extends Error {
  name = "TokenStorageError";
}

// Two keys: each item stays small, and signing out deletes both on its own.
const ACCESS_TOKEN_KEY = "auth.access_token";
const REFRESH_TOKEN_KEY = "auth.refresh_token";

// The characters the server allows in a username, which SecureStore allows in a
// key too. A name with others can sign nobody in, so it has no device token.
const USERNAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Where one account's device token is kept, or null for a name nobody can have.
 *
 * One per account, and kept when the person signs out: it says that this
 * device has signed in as them before, which outlives any one session. In
 * lower case, as the server compares usernames.
 */
function deviceTokenKey(username: string): string | null {
  return USERNAME.test(username) ? `auth.device_token.${username.toLowerCase()}` : null;
}

// Readable only while the device is unlocked, and never copied into a backup or
// onto a new phone: a restored backup must not come with someone's session.
const KEYCHAIN_OPTIONS: SecureStore.SecureStoreOptions = {
  keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
};

export const secureTokenStorage: TokenStorage = {
  async load() {
    const accessToken = await SecureStore.getItemAsync(
      ACCESS_TOKEN_KEY,
      KEYCHAIN_OPTIONS,
    );
    if (accessToken === null) {
      return null;
    }

    const refreshToken = await SecureStore.getItemAsync(
      REFRESH_TOKEN_KEY,
      KEYCHAIN_OPTIONS,
    );
    return { accessToken, refreshToken };
  },

  async save({ accessToken, refreshToken }) {
    try {
      // The refresh token first. Were the app killed between the two writes,
      // the device would keep the new refresh token and an old access token
      // that soon expires: harmless. The other order would keep a refresh
      // token the server has already spent, and presenting it again looks like
      // theft to the server, which then ends the whole sign-in.
      if (refreshToken === null) {
        await SecureStore.deleteItemAsync(REFRESH_TOKEN_KEY, KEYCHAIN_OPTIONS);
      } else {
        await SecureStore.setItemAsync(
          REFRESH_TOKEN_KEY,
          refreshToken,
          KEYCHAIN_OPTIONS,
        );
      }
      await SecureStore.setItemAsync(ACCESS_TOKEN_KEY, accessToken, KEYCHAIN_OPTIONS);
    } catch (error) {
      throw new TokenStorageError("Could not save the tokens in SecureStore", {
        cause: error,
      });
    }
  },

  async clear() {
    // Try both deletions even if the first fails: leave as little as possible.
    const results = await Promise.allSettled([
      SecureStore.deleteItemAsync(ACCESS_TOKEN_KEY, KEYCHAIN_OPTIONS),
      SecureStore.deleteItemAsync(REFRESH_TOKEN_KEY, KEYCHAIN_OPTIONS),
    ]);

    const failure = results.find((result) => result.status === "rejected");
    if (failure !== undefined) {
      throw new TokenStorageError("Could not delete the tokens from SecureStore", {
        cause: failure.reason,
      });
    }
  },

  async loadDeviceToken(username) {
    const key = deviceTokenKey(username);
    if (key === null) {
      return null;
    }

    try {
      return await SecureStore.getItemAsync(key, KEYCHAIN_OPTIONS);
    } catch {
      return null;
    }
  },

  async saveDeviceToken(username, deviceToken) {
    const key = deviceTokenKey(username);
    if (key === null) {
      return;
    }

    try {
      await SecureStore.setItemAsync(key, deviceToken, KEYCHAIN_OPTIONS);
    } catch {
      // The sign-in stands: the next one from here only counts as a stranger's.
    }
  },
};

/** Keep the tokens in this JavaScript context only: gone when it ends. */
export function createMemoryTokenStorage(): TokenStorage {
  let saved: Tokens | null = null;
  const deviceTokens = new Map<string, string>();

  return {
    async load() {
      return saved;
    },
    async save(tokens) {
      saved = { ...tokens };
    },
    async clear() {
      saved = null;
    },
    async loadDeviceToken(username) {
      return deviceTokens.get(username.toLowerCase()) ?? null;
    },
    async saveDeviceToken(username, deviceToken) {
      deviceTokens.set(username.toLowerCase(), deviceToken);
    },
  };
}

export const platformTokenStorage: TokenStorage =
  Platform.OS === "web" ? createMemoryTokenStorage() : secureTokenStorage;
