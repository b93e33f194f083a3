// Starting uvicorn and hashing with bcrypt take a few seconds on a slow machine.
jest.setTimeout(30_000);
