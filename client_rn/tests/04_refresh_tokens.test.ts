import { AppState, type AppStateStatus } from "react-native";

import { NetworkError, SessionExpiredError } from "../src/api/errors";
import {
  refreshWhenForegrounded,
  TokenSession,
} from "../src/snippets/04_refresh_tokens";
import { createMemoryTokenStorage, type TokenStorage } from "../src/tokenStorage";
import {
  bearerToken,
  eventually,
  FakeApi,
  formFields,
  hold,
  json,
  noContent,
  offline,
  tokenPair,
} from "./fakeApi";

const CREDENTIALS = { username: "terry", password: "correct horse battery staple" };
const EXPIRED = () => json(401, { detail: "Could not validate credentials" });

let api: FakeApi;
let storage: TokenStorage;
let onEnded: jest.Mock;

// Signed in with access-1 and refresh-1. Protected routes accept only the
// access token named in `validAccessToken`.
let validAccessToken: string;

beforeEach(() => {
  validAccessToken = "access-1";
  api = new FakeApi()
    .on("POST /token", () => tokenPair("access-1", "refresh-1"))
    .on("POST /token/refresh", () => {
      validAccessToken = "access-2";
      return tokenPair("access-2", "refresh-2");
    })
    .on("GET /notes", (request) =>
      bearerToken(request) === validAccessToken ? json(200, []) : EXPIRED(),
    )
    .on("POST /logout", () => noContent())
    .install();
  storage = createMemoryTokenStorage();
  onEnded = jest.fn();
});

afterEach(() => {
  jest.useRealTimers();
});

function signIn(): Promise<TokenSession> {
  return TokenSession.signIn(api.baseUrl, CREDENTIALS, storage, onEnded);
}

describe("refresh on 401", () => {
  test("five requests failing at once cause one refresh and five retries", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => session.fetch("/notes")),
    );

    expect(responses.map((response) => response.status)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
    const notesRequests = api.requestsTo("GET /notes").map(bearerToken);
    expect(notesRequests).toEqual([
      ...Array(5).fill("access-1"),
      ...Array(5).fill("access-2"),
    ]);
  });

  test("the refresh sends the refresh token as a form", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";

    await session.fetch("/notes");

    const [refresh] = api.requestsTo("POST /token/refresh");
    expect(refresh.headers.get("Content-Type")).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(formFields(refresh.body)).toEqual({
      grant_type: "refresh_token",
      refresh_token: "refresh-1",
    });
  });

  test("a 401 arriving after a refresh retries without another refresh", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    const slowAnswer = hold<Response>();
    api.on("GET /notes", (request) =>
      bearerToken(request) === "access-1" && api.requestsTo("GET /notes").length === 1
        ? slowAnswer.promise
        : bearerToken(request) === validAccessToken
          ? json(200, [])
          : EXPIRED(),
    );
    const slow = session.fetch("/notes");

    await session.fetch("/notes");
    slowAnswer.release(EXPIRED());
    const response = await slow;

    expect(response.status).toBe(200);
    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
  });

  test("a request is retried at most once", async () => {
    const session = await signIn();
    api.on("GET /notes", EXPIRED);

    await expect(session.fetch("/notes")).rejects.toBeInstanceOf(SessionExpiredError);

    expect(api.requestsTo("GET /notes")).toHaveLength(2);
    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
  });

  test("a refused refresh token ends the session, refreshing no more", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    api.on("POST /token/refresh", () => json(401, { detail: "Invalid refresh token" }));

    await expect(session.fetch("/notes")).rejects.toBeInstanceOf(SessionExpiredError);

    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
    expect(await storage.load()).toBeNull();
    expect(onEnded).toHaveBeenCalledWith(expect.any(SessionExpiredError));
  });

  test("a failed refresh rejects every request waiting on it", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    api.on("POST /token/refresh", () => json(401, { detail: "Invalid refresh token" }));

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => session.fetch("/notes")),
    );

    expect(results.map((result) => result.status)).toEqual(Array(5).fill("rejected"));
    for (const result of results) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(
        SessionExpiredError,
      );
    }
    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  test("a refresh that gets no answer keeps the session for a later try", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    api.on("POST /token/refresh", offline);

    await expect(session.fetch("/notes")).rejects.toBeInstanceOf(NetworkError);

    expect(await storage.load()).toEqual({
      accessToken: "access-1",
      refreshToken: "refresh-1",
    });
    expect(onEnded).not.toHaveBeenCalled();
  });

  test("the rotated refresh token is saved before waiting requests retry", async () => {
    // A store as slow as a real keychain: the write lands a moment later.
    const memory = storage;
    storage = {
      ...memory,
      save: async (tokens) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await memory.save(tokens);
      },
    };
    const session = await signIn();
    validAccessToken = "expired for everyone";
    const savedWhenRetried: (string | null | undefined)[] = [];
    api.on("GET /notes", async (request) => {
      if (bearerToken(request) !== validAccessToken) return EXPIRED();
      savedWhenRetried.push((await storage.load())?.refreshToken);
      return json(200, []);
    });

    await Promise.all([session.fetch("/notes"), session.fetch("/notes")]);

    expect(savedWhenRetried).toEqual(["refresh-2", "refresh-2"]);
  });

  test("tokens that cannot be saved end the session and say why", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    const failure = new Error("keychain unavailable");
    jest.spyOn(storage, "save").mockRejectedValueOnce(failure);

    await expect(session.fetch("/notes")).rejects.toBe(failure);

    expect(onEnded).toHaveBeenCalledWith(failure);
  });
});

describe("device token", () => {
  // Each login answers with a new device token, as step 04 does.
  let logins: number;

  beforeEach(() => {
    logins = 0;
    api.on("POST /token", () => {
      logins += 1;
      return json(200, {
        access_token: "access-1",
        refresh_token: "refresh-1",
        device_token: `device-${logins}`,
        token_type: "bearer",
        expires_in: 900,
      });
    });
  });

  function deviceTokensSent(): (string | undefined)[] {
    return api
      .requestsTo("POST /token")
      .map((request) => formFields(request.body).device_token);
  }

  test("the first sign-in on a device sends no device token", async () => {
    await signIn();

    expect(deviceTokensSent()).toEqual([undefined]);
  });

  test("a sign-in sends the device token of the one before", async () => {
    await signIn();
    await signIn();
    await signIn();

    expect(deviceTokensSent()).toEqual([undefined, "device-1", "device-2"]);
  });

  test("a sign-in after signing out still sends the device token", async () => {
    const session = await signIn();
    await session.signOut();

    await signIn();

    expect(deviceTokensSent()).toEqual([undefined, "device-1"]);
  });

  test("another account's sign-in does not send this account's token", async () => {
    await signIn();

    await TokenSession.signIn(
      api.baseUrl,
      { ...CREDENTIALS, username: "ann" },
      storage,
      onEnded,
    );

    expect(deviceTokensSent()).toEqual([undefined, undefined]);
  });
});

describe("sign-out", () => {
  test("signing out revokes the refresh token's family on the server", async () => {
    const session = await signIn();

    await session.signOut();

    const [logout] = api.requestsTo("POST /logout");
    expect(formFields(logout.body)).toEqual({ refresh_token: "refresh-1" });
  });

  test("signing out offline still forgets the tokens", async () => {
    const session = await signIn();
    api.on("POST /logout", offline);

    await session.signOut();

    expect(await storage.load()).toBeNull();
    await expect(session.fetch("/notes")).rejects.toBeInstanceOf(SessionExpiredError);
  });

  test("signing out does not wait for a server that never answers", async () => {
    jest.useFakeTimers();
    const session = await signIn();
    api.on("POST /logout", () => new Promise<Response>(() => {}));

    const signingOut = session.signOut();
    await jest.advanceTimersByTimeAsync(5_000);

    await expect(signingOut).resolves.toBeUndefined();
    expect(await storage.load()).toBeNull();
  });

  test("a refresh that finishes after sign-out leaves no tokens behind", async () => {
    const session = await signIn();
    validAccessToken = "expired for everyone";
    const slowRefresh = hold<Response>();
    api.on("POST /token/refresh", () => slowRefresh.promise);
    const request = session.fetch("/notes");
    await eventually(() => api.requestsTo("POST /token/refresh").length > 0);

    await session.signOut();
    slowRefresh.release(tokenPair("access-2", "refresh-2"));

    await expect(request).rejects.toBeInstanceOf(SessionExpiredError);
    expect(await storage.load()).toBeNull();
  });
});

describe("refresh on return to the foreground", () => {
  let changeListener: (state: AppStateStatus) => void;

  beforeEach(() => {
    jest.spyOn(AppState, "addEventListener").mockImplementation((_type, listener) => {
      changeListener = listener;
      return { remove: jest.fn() };
    });
  });

  test("coming back from the background renews a token near expiry", async () => {
    jest.useFakeTimers({ now: 0 });
    const session = await signIn();
    refreshWhenForegrounded(session);
    jest.setSystemTime(900_000 - 30_000);

    changeListener("background");
    changeListener("active");
    await jest.runAllTimersAsync();

    expect(api.requestsTo("POST /token/refresh")).toHaveLength(1);
  });

  test("coming back soon after signing in does not refresh", async () => {
    const session = await signIn();
    refreshWhenForegrounded(session);

    changeListener("background");
    changeListener("active");
    await Promise.resolve();

    expect(api.requestsTo("POST /token/refresh")).toHaveLength(0);
  });

  test("a session restored at launch refreshes on its first return", async () => {
    await storage.save({ accessToken: "access-1", refreshToken: "refresh-1" });
    const session = (await TokenSession.restore(api.baseUrl, storage, onEnded))!;
    refreshWhenForegrounded(session);

    changeListener("background");
    changeListener("active");

    await eventually(async () => (await storage.load())?.refreshToken === "refresh-2");
  });
});
