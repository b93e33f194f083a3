// Start one of the workshop's steps under uvicorn, as a learner does, for the
// snippets to talk to. Loopback only, a database of its own, stopped after.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type StepServer = { baseUrl: string; stop: () => Promise<void> };

// The repository's virtual environment, which `make test` creates first.
const PYTHON =
  process.platform === "win32" ? "../.venv/Scripts/python.exe" : "../.venv/bin/python";
const STARTUP_TIMEOUT_MS = 20_000;

/** Start `steps/<step>`; rejects, with uvicorn's output, if it does not serve. */
export async function startStep(step: string): Promise<StepServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `${step}-`));
  const server = spawn(
    PYTHON,
    [
      ...["-m", "uvicorn", "main:app", "--app-dir", `../steps/${step}`],
      ...["--host", "127.0.0.1", "--port", String(port)],
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:///${join(dataDir, "app.db")}`,
        // The lowest cost bcrypt allows: these tests check the protocol.
        BCRYPT_ROUNDS: "4",
        SECRET_KEY: randomBytes(32).toString("hex"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  server.stdout?.on("data", (chunk) => output.push(String(chunk)));
  server.stderr?.on("data", (chunk) => output.push(String(chunk)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(baseUrl, server);
  } catch (error) {
    await stop();
    throw new Error(`${step} did not start: ${error}\n${output.join("")}`);
  }
  return { baseUrl, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilServing(baseUrl: string, server: ChildProcess): Promise<void> {
  const exited = new Promise<never>((_resolve, reject) => {
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`uvicorn exited with ${code}`)));
  });
  exited.catch(() => undefined);

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const healthy = fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (await Promise.race([healthy, exited])) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  throw new Error(`no answer on ${baseUrl} within ${STARTUP_TIMEOUT_MS} ms`);
}

function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) {
    return Promise.resolve();
  }

  return new Promise((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}

/** A username no other test in the run will pick. */
export function uniqueUsername(): string {
  return `learner_${randomBytes(4).toString("hex")}`;
}
