// Snippet 03 against step 03's real server.
import { RequestError, SessionExpiredError } from "../src/api/errors";
import { register } from "../src/snippets/01_passwords";
import { signIn } from "../src/snippets/02_login_token";
import {
  addNote,
  createAuthenticatedFetch,
  deleteNote,
  getCurrentUser,
  listNotes,
  signOut,
} from "../src/snippets/03_protected_routes";
import { createMemoryTokenStorage, type TokenStorage } from "../src/tokenStorage";
import { startStep, type StepServer, uniqueUsername } from "./stepServer";

const PASSWORD = "correct & horse + battery = 100% staple";

let server: StepServer;

beforeAll(async () => {
  server = await startStep("03_protected_routes");
});

afterAll(async () => {
  await server?.stop();
});

async function signedIn() {
  const username = uniqueUsername();
  const storage = createMemoryTokenStorage();
  const onSessionEnded = jest.fn();
  await register(server.baseUrl, { username, password: PASSWORD });
  await signIn(server.baseUrl, { username, password: PASSWORD }, storage);
  const authFetch = createAuthenticatedFetch(server.baseUrl, storage, onSessionEnded);

  return { username, storage, onSessionEnded, authFetch };
}

test("the token proves who is calling /users/me", async () => {
  const { username, authFetch } = await signedIn();

  const user = await getCurrentUser(authFetch);

  expect(user.username).toBe(username);
});

test("a note added is listed, and gone once deleted", async () => {
  const { authFetch } = await signedIn();
  const note = await addNote(authFetch, "Buy milk & eggs");

  const listed = await listNotes(authFetch);
  await deleteNote(authFetch, note.id);
  const afterDeletion = await listNotes(authFetch);

  expect(listed).toEqual([note]);
  expect(afterDeletion).toEqual([]);
});

test("each user sees only their own notes", async () => {
  const alice = await signedIn();
  const bob = await signedIn();
  const alicesNote = await addNote(alice.authFetch, "Alice's secret");

  const deleting = deleteNote(bob.authFetch, alicesNote.id);

  await expect(deleting).rejects.toBeInstanceOf(RequestError);
  expect(await listNotes(bob.authFetch)).toEqual([]);
});

test("a refused token signs the person out", async () => {
  const { storage, onSessionEnded, authFetch } = await signedIn();
  await tamperWithAccessToken(storage);

  await expect(getCurrentUser(authFetch)).rejects.toBeInstanceOf(SessionExpiredError);

  expect(await storage.load()).toBeNull();
  expect(onSessionEnded).toHaveBeenCalledTimes(1);
});

test("signing out forgets the token", async () => {
  const { storage, authFetch } = await signedIn();

  await signOut(storage);

  await expect(getCurrentUser(authFetch)).rejects.toBeInstanceOf(SessionExpiredError);
});

// One character changed in the signature: the server must refuse it.
async function tamperWithAccessToken(storage: TokenStorage): Promise<void> {
  const tokens = (await storage.load())!;
  const token = tokens.accessToken;
  const changed = token.at(-2) === "A" ? "B" : "A";
  const forged = `${token.slice(0, -2)}${changed}${token.at(-1)}`;

  await storage.save({ ...tokens, accessToken: forged });
}
