// Each failure a person can meet, from the server's answer to the sentence
// they read.
import { describeError, MESSAGES } from "../src/api/messages";
import { register } from "../src/snippets/01_passwords";
import { requestToken } from "../src/snippets/02_login_token";
import { TokenSession } from "../src/snippets/04_refresh_tokens";
import { createMemoryTokenStorage } from "../src/tokenStorage";
import { FakeApi, json, offline, tokenPair } from "./fakeApi";

const CREDENTIALS = { username: "terry", password: "correct horse battery staple" };

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi().install();
});

async function messageFor(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => {
      throw new Error("expected the attempt to fail");
    },
    (failure: unknown) => failure,
  );

  return describeError(error);
}

test("wrong credentials are named as such", async () => {
  api.on("POST /token", () => json(401, { detail: "Incorrect username or password" }));

  const message = await messageFor(requestToken(api.baseUrl, CREDENTIALS));

  expect(message).toBe(MESSAGES.wrongCredentials);
});

test("a server out of reach is a network failure", async () => {
  api.on("POST /token", offline);

  const message = await messageFor(requestToken(api.baseUrl, CREDENTIALS));

  expect(message).toBe(MESSAGES.network);
});

test("a crashing server is a server error", async () => {
  api.on("POST /token", () => new Response("Internal Server Error", { status: 500 }));

  const message = await messageFor(requestToken(api.baseUrl, CREDENTIALS));

  expect(message).toBe(MESSAGES.server);
});

test("an answer that is not the API's is a server error", async () => {
  api.on(
    "POST /token",
    () => new Response("<html>Bad gateway</html>", { status: 400 }),
  );

  const message = await messageFor(requestToken(api.baseUrl, CREDENTIALS));

  expect(message).toBe(MESSAGES.server);
});

test("any other refusal shows the server's own words", async () => {
  api.on("POST /token", () =>
    json(429, { detail: "Too many failed logins; try again later" }),
  );

  const message = await messageFor(requestToken(api.baseUrl, CREDENTIALS));

  expect(message).toBe("Too many failed logins; try again later");
});

test("a refused refresh token means the session expired", async () => {
  api
    .on("POST /token", () => tokenPair("access-1", "refresh-1"))
    .on("GET /users/me", () => json(401, { detail: "Could not validate credentials" }))
    .on("POST /token/refresh", () => json(401, { detail: "Invalid refresh token" }));
  const session = await TokenSession.signIn(
    api.baseUrl,
    CREDENTIALS,
    createMemoryTokenStorage(),
    jest.fn(),
  );

  const message = await messageFor(session.fetch("/users/me"));

  expect(message).toBe(MESSAGES.sessionExpired);
});

test("the four messages are all different", () => {
  const messages = [
    MESSAGES.wrongCredentials,
    MESSAGES.network,
    MESSAGES.server,
    MESSAGES.sessionExpired,
  ];

  expect(new Set(messages).size).toBe(4);
});

test("validation messages are kept for the field they are about", async () => {
  api.on("POST /register", () =>
    json(422, {
      detail: [
        {
          loc: ["body", "password"],
          msg: "String should have at least 15 characters",
          type: "string_too_short",
        },
      ],
    }),
  );

  const registering = register(api.baseUrl, { username: "terry", password: "short" });

  await expect(registering).rejects.toMatchObject({
    fieldErrors: { password: ["String should have at least 15 characters"] },
  });
});

test("a taken username is kept for the username field", async () => {
  api.on("POST /register", () => json(409, { detail: "Username already taken" }));

  const registering = register(api.baseUrl, CREDENTIALS);

  await expect(registering).rejects.toMatchObject({
    fieldErrors: { username: ["Username already taken"] },
  });
});
