// Snippet 01 against step 01's real server.
import { ValidationError, WrongCredentialsError } from "../src/api/errors";
import { checkPassword, register } from "../src/snippets/01_passwords";
import { startStep, type StepServer, uniqueUsername } from "./stepServer";

// Every character a hand-made body or URL would mangle.
const PASSWORD = "correct & horse + battery = 100% staple";

let server: StepServer;

beforeAll(async () => {
  server = await startStep("01_passwords");
});

afterAll(async () => {
  await server?.stop();
});

test("a registered user's password checks out", async () => {
  const username = uniqueUsername();
  await register(server.baseUrl, { username, password: PASSWORD });

  const user = await checkPassword(server.baseUrl, { username, password: PASSWORD });

  expect(user.username).toBe(username);
});

test("a wrong password is refused as wrong credentials", async () => {
  const username = uniqueUsername();
  await register(server.baseUrl, { username, password: PASSWORD });

  const checking = checkPassword(server.baseUrl, {
    username,
    password: `${PASSWORD}!`,
  });

  await expect(checking).rejects.toBeInstanceOf(WrongCredentialsError);
});

test("a taken username is reported beside the username field", async () => {
  const username = uniqueUsername();
  await register(server.baseUrl, { username, password: PASSWORD });

  const again = register(server.baseUrl, {
    username: username.toUpperCase(),
    password: PASSWORD,
  });

  await expect(again).rejects.toMatchObject({
    fieldErrors: { username: ["Username already taken"] },
  });
});

test("a short password is reported beside the password field", async () => {
  const registering = register(server.baseUrl, {
    username: uniqueUsername(),
    password: "short",
  });

  await expect(registering).rejects.toBeInstanceOf(ValidationError);
  await expect(registering).rejects.toMatchObject({
    fieldErrors: { password: [expect.stringContaining("15")] },
  });
});
