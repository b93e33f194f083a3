import { requestToken, signIn } from "../src/snippets/02_login_token";
import { createMemoryTokenStorage } from "../src/tokenStorage";
import { FakeApi, formFields, json } from "./fakeApi";

const TOKEN = { access_token: "access-1", token_type: "bearer", expires_in: 1800 };

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi().on("POST /token", () => json(200, TOKEN)).install();
});

// Each password holds one of the characters a hand-built body gets wrong.
test.each([
  ["an ampersand, which would split the field", "fish & chips every friday"],
  ["a plus, which would turn into a space", "one+one+one+one+one+one"],
  ["an equals sign, which would start a value", "left=right=left=right"],
  ["a percent, which would start an escape", "100% sure, %41 is not A"],
  ["all of them with spaces", " a&b c+d e=f g%h i "],
])("a password with %s reaches the server byte for byte", async (_case, password) => {
  await requestToken(api.baseUrl, { username: "terry", password });

  const [request] = api.requestsTo("POST /token");
  expect(formFields(request.body)).toEqual({
    grant_type: "password",
    username: "terry",
    password,
  });
});

test("the sign-in body is an escaped string, not a URLSearchParams", async () => {
  await requestToken(api.baseUrl, { username: "terry", password: "a&b c+d=e%f" });

  const [request] = api.requestsTo("POST /token");
  expect(request.body).toBe(
    "grant_type=password&username=terry&password=a%26b+c%2Bd%3De%25f",
  );
});

test("the sign-in request says its body is form-encoded", async () => {
  await requestToken(api.baseUrl, { username: "terry", password: "p".repeat(15) });

  const [request] = api.requestsTo("POST /token");
  expect(request.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
});

test("signing in keeps the access token", async () => {
  const storage = createMemoryTokenStorage();

  await signIn(api.baseUrl, { username: "terry", password: "p".repeat(15) }, storage);

  expect(await storage.load()).toEqual({ accessToken: "access-1", refreshToken: null });
});
