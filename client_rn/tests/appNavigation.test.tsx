// The app's screens under the session provider: where a person lands in each
// state, and what they read when something fails.
import * as SecureStore from "expo-secure-store";
import * as SplashScreen from "expo-splash-screen";
import {
  configure,
  fireEvent,
  renderRouter,
  screen,
  waitFor,
} from "expo-router/testing-library";

import { MESSAGES } from "../src/api/messages";
import { FakeApi, hold, json, noContent, offline, tokenPair } from "./fakeApi";

// The first render compiles Expo Router and every screen, which takes most of a
// minute on a cold cache and a busy two-core machine; the waits after it are
// short, but allowed a few seconds for the same reason.
jest.setTimeout(90_000);
configure({ asyncUtilTimeout: 5_000 });

// A splash screen that records when it is hidden.
jest.mock("expo-splash-screen", () => ({
  preventAutoHideAsync: jest.fn(async () => true),
  hide: jest.fn(),
}));

// The Map behind the SecureStore mock in __mocks__/expo-secure-store.ts.
const { items } = SecureStore as unknown as { items: Map<string, string> };

const PASSWORD = "correct horse battery staple";
const REFUSED = () => json(401, { detail: "Could not validate credentials" });

let api: FakeApi;

beforeEach(() => {
  items.clear();
  api = new FakeApi()
    .on("POST /token", () => tokenPair("access-1", "refresh-1"))
    .on("GET /notes", () => json(200, []))
    .on("GET /users/me", () => json(200, { id: 1, username: "terry" }))
    .on("POST /logout", () => noContent())
    .install();
});

function launchApp() {
  return renderRouter("./app", { initialUrl: "/" });
}

async function signInAs(username: string, password: string) {
  fireEvent.changeText(await screen.findByLabelText("Username"), username);
  fireEvent.changeText(screen.getByLabelText("Password"), password);
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
}

function keepSavedSession() {
  items.set("auth.access_token", "access-1");
  items.set("auth.refresh_token", "refresh-1");
}

test("the splash screen stays up until the saved session is read", async () => {
  const hideSplash = SplashScreen.hide as jest.Mock;
  hideSplash.mockClear();
  const storedToken = hold<string | null>();
  const getItemAsync = SecureStore.getItemAsync as jest.Mock;
  getItemAsync.mockReturnValueOnce(storedToken.promise);
  launchApp();
  await waitFor(() => expect(getItemAsync).toHaveBeenCalled());
  const hiddenWhileReading = hideSplash.mock.calls.length > 0;

  storedToken.release(null);

  await waitFor(() => expect(hideSplash).toHaveBeenCalled());
  expect(hiddenWhileReading).toBe(false);
});

test("with no saved session the app opens on the sign-in screen", async () => {
  const app = launchApp();

  expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
  expect(app.getPathname()).toBe("/sign-in");
});

test("a saved session opens the app on the notes", async () => {
  keepSavedSession();

  const app = launchApp();

  expect(await screen.findByText("No notes yet.")).toBeTruthy();
  expect(app.getPathname()).toBe("/");
});

test("signing in leads to the notes", async () => {
  const app = launchApp();

  await signInAs("terry", PASSWORD);

  expect(await screen.findByText("No notes yet.")).toBeTruthy();
  expect(app.getPathname()).toBe("/");
});

test("signing out leads back to the sign-in screen", async () => {
  keepSavedSession();
  launchApp();
  fireEvent.press(await screen.findByText("Profile"));
  await screen.findByText("Signed in as terry");

  fireEvent.press(screen.getByRole("button", { name: "Sign out" }));

  expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
  expect(items.size).toBe(0);
});

test("a sign-out the device cannot store still signs out, and says so", async () => {
  keepSavedSession();
  launchApp();
  fireEvent.press(await screen.findByText("Profile"));
  await screen.findByText("Signed in as terry");
  const deleteItemAsync = SecureStore.deleteItemAsync as jest.Mock;
  deleteItemAsync.mockRejectedValueOnce(new Error("keychain unavailable"));

  fireEvent.press(screen.getByRole("button", { name: "Sign out" }));

  expect(await screen.findByText(MESSAGES.storage)).toBeTruthy();
  expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
});

test("a session the server ends leads to sign-in, saying it expired", async () => {
  keepSavedSession();
  api
    .on("GET /notes", REFUSED)
    .on("POST /token/refresh", () => json(401, { detail: "Invalid refresh token" }));

  const app = launchApp();

  expect(await screen.findByText(MESSAGES.sessionExpired)).toBeTruthy();
  expect(app.getPathname()).toBe("/sign-in");
});

test("the notes screen cannot be reached signed out", async () => {
  const app = renderRouter("./app", { initialUrl: "/profile" });

  expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
  expect(app.getPathname()).toBe("/sign-in");
});

// What the sign-in screen says for each way a sign-in fails.
test.each([
  [
    "wrong credentials",
    () => json(401, { detail: "Incorrect username or password" }),
    MESSAGES.wrongCredentials,
  ],
  ["a network failure", offline, MESSAGES.network],
  ["a server error", () => new Response("", { status: 503 }), MESSAGES.server],
])("signing in with %s says so", async (_case, answer, message) => {
  api.on("POST /token", answer);
  const app = launchApp();

  await signInAs("terry", PASSWORD);

  expect(await screen.findByText(message)).toBeTruthy();
  expect(app.getPathname()).toBe("/sign-in");
});

test("registration shows the server's objection beside the field", async () => {
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
  launchApp();
  fireEvent.press(await screen.findByText("No account yet? Create one"));
  fireEvent.changeText(await screen.findByLabelText("Username"), "terry");
  fireEvent.changeText(screen.getByLabelText("Password"), "short");

  fireEvent.press(screen.getByRole("button", { name: "Create account" }));

  expect(
    await screen.findByText("String should have at least 15 characters"),
  ).toBeTruthy();
});
