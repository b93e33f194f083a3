// Snippet 02 against step 02's real server.
import { WrongCredentialsError } from "../src/api/errors";
import { register } from "../src/snippets/01_passwords";
import { requestToken, signIn } from "../src/snippets/02_login_token";
import { createMemoryTokenStorage } from "../src/tokenStorage";
import { startStep, type StepServer, uniqueUsername } from "./stepServer";

// Every character a hand-made form body would mangle: & + = % and spaces.
const PASSWORD = "correct & horse + battery = 100% staple";

let server: StepServer;

beforeAll(async () => {
  server = await startStep("02_login_token");
});

afterAll(async () => {
  await server?.stop();
});

async function registeredUser() {
  const credentials = { username: uniqueUsername(), password: PASSWORD };
  await register(server.baseUrl, credentials);

  return credentials;
}

test("signing in keeps the access token the server issued", async () => {
  const credentials = await registeredUser();
  const storage = createMemoryTokenStorage();

  await signIn(server.baseUrl, credentials, storage);

  const saved = await storage.load();
  expect(saved?.accessToken.split(".")).toHaveLength(3);
  expect(saved?.refreshToken).toBeNull();
});

test("the token answer is a bearer token with its lifetime", async () => {
  const credentials = await registeredUser();

  const token = await requestToken(server.baseUrl, credentials);

  expect(token.token_type).toBe("bearer");
  expect(token.expires_in).toBeGreaterThan(0);
});

test("a password differing in one character is refused", async () => {
  const credentials = await registeredUser();

  const signingIn = requestToken(server.baseUrl, {
    ...credentials,
    password: PASSWORD.replace("&", "+"),
  });

  await expect(signingIn).rejects.toBeInstanceOf(WrongCredentialsError);
});
