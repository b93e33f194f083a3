// The servers a test needs, each on a free port of 127.0.0.1 and stopped after:
// a workshop step run by uvicorn, as a learner runs it, and static sites.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import sirv from "sirv";

import { REPOSITORY_ROOT } from "./paths.mjs";

const PYTHON = path.join(REPOSITORY_ROOT, ".venv", "bin", "python");
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** A port of 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();

  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Start a step with uvicorn on `port`, with a database of its own.
 *
 * `environment` adds to or overrides the step's settings (CORS_ORIGINS,
 * ACCESS_TOKEN_EXPIRE_MINUTES...). Resolves to { url, stop } once the step
 * answers GET /health; a server that fails to start rejects with its output.
 */
export async function startStep(step, { port, environment = {} }) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "e2e-step-"));
  const child = spawn(
    PYTHON,
    ["-m", "uvicorn", "main:app", "--app-dir", `steps/${step}`, "--port", `${port}`],
    {
      cwd: REPOSITORY_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:///${path.join(dataDir, "e2e.db")}`,
        // Hashes cheap enough for a test; the step warns about it, rightly.
        BCRYPT_ROUNDS: "4",
        // A key of this run's own: never the step's .secret_key on this laptop.
        SECRET_KEY: randomBytes(32).toString("hex"),
        ...environment,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let printed = "";
  child.stdout.on("data", (chunk) => (printed += chunk));
  child.stderr.on("data", (chunk) => (printed += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));

  async function stop() {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const timedOut = await Promise.race([
        exited.then(() => false),
        sleep(SHUTDOWN_TIMEOUT_MS).then(() => true),
      ]);
      if (timedOut) child.kill("SIGKILL");
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, exited, () => printed);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitForHealth(url, exited, output) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let hasExited = false;
  exited.then(() => (hasExited = true));

  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error(`The step's server stopped while starting:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(
    `The step's server did not answer ${url}/health within ` +
      `${STARTUP_TIMEOUT_MS / 1000} s. It printed:\n${output()}`,
  );
}

/**
 * Serve a folder over HTTP on a free port of 127.0.0.1.
 *
 * With `singlePage`, every address that is not a file gets index.html, so
 * that a single-page app opens at any of its routes (/profile, say).
 * Resolves to { origin, close }.
 */
export async function serveFolder(folder, { singlePage = false } = {}) {
  const handler = sirv(folder, { single: singlePage });
  const server = createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404;
      response.end("Not found");
    }),
  );
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

  const origin = `http://127.0.0.1:${server.address().port}`;
  function close() {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  }
  return { origin, close };
}
