import * as SecureStore from "expo-secure-store";

import { secureTokenStorage, TokenStorageError } from "../src/tokenStorage";

// The Map behind the SecureStore mock in __mocks__/expo-secure-store.ts.
const { items } = SecureStore as unknown as { items: Map<string, string> };
const setItemAsync = SecureStore.setItemAsync as jest.Mock;

beforeEach(() => {
  items.clear();
});

test("the access and refresh tokens are kept under separate keys", async () => {
  await secureTokenStorage.save({ accessToken: "access-1", refreshToken: "refresh-1" });

  expect([...items.values()].sort()).toEqual(["access-1", "refresh-1"]);
});

test("saved tokens are loaded back", async () => {
  const tokens = { accessToken: "access-1", refreshToken: "refresh-1" };
  await secureTokenStorage.save(tokens);

  expect(await secureTokenStorage.load()).toEqual(tokens);
});

test("clearing deletes both tokens", async () => {
  await secureTokenStorage.save({ accessToken: "access-1", refreshToken: "refresh-1" });

  await secureTokenStorage.clear();

  expect(items.size).toBe(0);
  expect(await secureTokenStorage.load()).toBeNull();
});

test("a failed write rejects with TokenStorageError", async () => {
  setItemAsync.mockRejectedValueOnce(new Error("User interaction is not allowed"));

  const saving = secureTokenStorage.save({
    accessToken: "access-secret",
    refreshToken: "refresh-secret",
  });

  await expect(saving).rejects.toBeInstanceOf(TokenStorageError);
});

test("a failed write does not put the token in the error message", async () => {
  setItemAsync.mockRejectedValueOnce(new Error("User interaction is not allowed"));

  const error = await secureTokenStorage
    .save({ accessToken: "access-secret", refreshToken: "refresh-secret" })
    .catch((failure: Error) => failure);

  expect(String(error)).not.toMatch(/secret/);
});

test("the refresh token is written before the access token", async () => {
  await secureTokenStorage.save({ accessToken: "access-1", refreshToken: "refresh-1" });

  const written = setItemAsync.mock.calls.map(([, value]) => value);
  expect(written.slice(-2)).toEqual(["refresh-1", "access-1"]);
});

describe("device tokens", () => {
  test("each account's device token is kept under a key of its own", async () => {
    await secureTokenStorage.saveDeviceToken("terry", "device-terry");
    await secureTokenStorage.saveDeviceToken("ann", "device-ann");

    expect(await secureTokenStorage.loadDeviceToken("terry")).toBe("device-terry");
    expect(await secureTokenStorage.loadDeviceToken("ann")).toBe("device-ann");
  });

  test("a username is looked up whatever its case, as the server does", async () => {
    await secureTokenStorage.saveDeviceToken("Terry", "device-terry");

    expect(await secureTokenStorage.loadDeviceToken("TERRY")).toBe("device-terry");
  });

  test("signing out keeps the device token", async () => {
    await secureTokenStorage.save({
      accessToken: "access-1",
      refreshToken: "refresh-1",
    });
    await secureTokenStorage.saveDeviceToken("terry", "device-terry");

    await secureTokenStorage.clear();

    expect(await secureTokenStorage.loadDeviceToken("terry")).toBe("device-terry");
  });

  test("a name no account can have asks SecureStore nothing", async () => {
    // SecureStore would throw on the space: keys allow letters, digits, . - _
    await secureTokenStorage.saveDeviceToken("no spaces", "device-1");

    expect(await secureTokenStorage.loadDeviceToken("no spaces")).toBeNull();
    expect(items.size).toBe(0);
  });

  test("a device token that cannot be saved does not fail the sign-in", async () => {
    setItemAsync.mockRejectedValueOnce(new Error("User interaction is not allowed"));

    const saving = secureTokenStorage.saveDeviceToken("terry", "device-terry");

    await expect(saving).resolves.toBeUndefined();
  });
});
