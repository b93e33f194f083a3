// Snippet 04 against step 04's real server.
import { SessionExpiredError, WrongCredentialsError } from "../src/api/errors";
import { register } from "../src/snippets/01_passwords";
import { postForm, requestToken } from "../src/snippets/02_login_token";
import {
  addNote,
  getCurrentUser,
  listNotes,
} from "../src/snippets/03_protected_routes";
import { TokenSession } from "../src/snippets/04_refresh_tokens";
import { createMemoryTokenStorage, type TokenStorage } from "../src/tokenStorage";
import { startStep, type StepServer, uniqueUsername } from "./stepServer";

const PASSWORD = "correct & horse + battery = 100% staple";

let server: StepServer;

beforeAll(async () => {
  server = await startStep("04_refresh_tokens");
});

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function signedIn() {
  const username = uniqueUsername();
  const storage = createMemoryTokenStorage();
  const onEnded = jest.fn();
  await register(server.baseUrl, { username, password: PASSWORD });
  const credentials = { username, password: PASSWORD };
  const session = await TokenSession.signIn(
    server.baseUrl,
    credentials,
    storage,
    onEnded,
  );

  return { username, storage, onEnded, session };
}

/** The session as restored at the next launch, its access token refused. */
async function relaunchedWithRefusedAccessToken(
  storage: TokenStorage,
  onEnded = jest.fn(),
) {
  const tokens = (await storage.load())!;
  await storage.save({ ...tokens, accessToken: "not-a-token" });

  return (await TokenSession.restore(server.baseUrl, storage, onEnded))!;
}

function refreshTokenIsAccepted(refreshToken: string): Promise<boolean> {
  return postForm(`${server.baseUrl}/token/refresh`, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  }).then((response) => response.ok);
}

test("signing in keeps both tokens under their own keys", async () => {
  const { storage } = await signedIn();

  const saved = await storage.load();

  expect(saved?.accessToken.split(".")).toHaveLength(3);
  expect(saved?.refreshToken).toEqual(expect.any(String));
});

test("the session calls protected routes", async () => {
  const { username, session } = await signedIn();

  const user = await getCurrentUser(session.fetch);

  expect(user.username).toBe(username);
});

test("a refresh rotates the refresh token and saves the new pair", async () => {
  const { storage, session } = await signedIn();
  const before = (await storage.load())!;

  const renewed = await session.refresh();

  // Only the refresh token must differ: an access token made in the same
  // second as the last one can be identical to it.
  expect(renewed.refreshToken).not.toBe(before.refreshToken);
  expect(await storage.load()).toEqual(renewed);
  expect(await getCurrentUser(session.fetch)).toBeTruthy();
});

test("a refused access token is renewed and the request retried", async () => {
  const { username, storage } = await signedIn();
  const session = await relaunchedWithRefusedAccessToken(storage);

  const user = await getCurrentUser(session.fetch);

  expect(user.username).toBe(username);
});

test("five requests refused at once share one refresh", async () => {
  const { storage, session: firstLaunch } = await signedIn();
  await addNote(firstLaunch.fetch, "five at once");
  const session = await relaunchedWithRefusedAccessToken(storage);
  const fetchSpy = jest.spyOn(global, "fetch");

  const lists = await Promise.all(
    Array.from({ length: 5 }, () => listNotes(session.fetch)),
  );

  const refreshes = fetchSpy.mock.calls.filter(([url]) =>
    String(url).endsWith("/token/refresh"),
  );
  expect(refreshes).toHaveLength(1);
  expect(lists.map((notes) => notes.length)).toEqual([1, 1, 1, 1, 1]);
});

test("a device that signed in before gets in while strangers lock its name", async () => {
  const { username, storage, onEnded } = await signedIn();
  const stranger = { username, password: "a wrong guess at the password" };
  for (let guess = 0; guess < 5; guess += 1) {
    await expect(requestToken(server.baseUrl, stranger)).rejects.toBeInstanceOf(
      WrongCredentialsError,
    );
  }
  const credentials = { username, password: PASSWORD };
  // The premise: the username is now locked for anyone without the token.
  await expect(requestToken(server.baseUrl, credentials)).rejects.toMatchObject({
    status: 429,
  });

  const again = TokenSession.signIn(server.baseUrl, credentials, storage, onEnded);

  await expect(again).resolves.toBeInstanceOf(TokenSession);
});

test("the spent refresh token no longer works after a refresh", async () => {
  const { storage, session } = await signedIn();
  const spent = (await storage.load())!.refreshToken!;

  await session.refresh();

  expect(await refreshTokenIsAccepted(spent)).toBe(false);
});

test("signing out revokes the refresh token on the server", async () => {
  const { storage, session } = await signedIn();
  const refreshToken = (await storage.load())!.refreshToken!;

  await session.signOut();

  expect(await storage.load()).toBeNull();
  expect(await refreshTokenIsAccepted(refreshToken)).toBe(false);
});

test("a sign-in revoked elsewhere ends the session as expired", async () => {
  const { storage, onEnded } = await signedIn();
  const session = await relaunchedWithRefusedAccessToken(storage, onEnded);
  const refreshToken = (await storage.load())!.refreshToken!;
  await postForm(`${server.baseUrl}/logout`, { refresh_token: refreshToken });

  await expect(listNotes(session.fetch)).rejects.toBeInstanceOf(SessionExpiredError);

  expect(onEnded).toHaveBeenCalledWith(expect.any(SessionExpiredError));
  expect(await storage.load()).toBeNull();
});
