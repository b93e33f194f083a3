// SecureStore for tests: a Map, so that a read after a write finds the value
// (jest-expo's own stub stores nothing). Each function is a jest.fn, so a test
// can make one fail: `setItemAsync.mockRejectedValueOnce(new Error(...))`.
export const items = new Map<string, string>();

export const WHEN_UNLOCKED = 0;
export const AFTER_FIRST_UNLOCK = 1;
export const WHEN_UNLOCKED_THIS_DEVICE_ONLY = 2;
export const AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY = 3;

export const getItemAsync = jest.fn(async (key: string) => items.get(key) ?? null);

export const setItemAsync = jest.fn(async (key: string, value: string) => {
  items.set(key, value);
});

export const deleteItemAsync = jest.fn(async (key: string) => {
  items.delete(key);
});

export const isAvailableAsync = jest.fn(async () => true);
