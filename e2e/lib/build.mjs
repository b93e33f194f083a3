// Building what the browser opens: the client for the web, and the docs site.
import { spawn } from "node:child_process";
import path from "node:path";

import { REPOSITORY_ROOT } from "./paths.mjs";

/**
 * Export the Expo client for the web into `outputDir`, calling `apiUrl`.
 *
 * Expo writes EXPO_PUBLIC_API_URL into the bundle at build time, so each run
 * builds against its own server's port; --clear keeps Metro from reusing a
 * bundle cached with another address.
 */
export function buildClient({ apiUrl, outputDir }) {
  return run(
    "npx",
    ["expo", "export", "--platform", "web", "--output-dir", outputDir, "--clear"],
    {
      cwd: path.join(REPOSITORY_ROOT, "client_rn"),
      env: {
        EXPO_PUBLIC_API_URL: apiUrl,
        // Nothing may leave the machine: no version checks, no telemetry.
        EXPO_OFFLINE: "1",
        EXPO_NO_TELEMETRY: "1",
      },
      hint: "Did `make client-setup` (npm ci in client_rn/) run?",
    },
  );
}

/** Build the docs site into `outputDir`, as `make docs` builds it. */
export function buildSite({ outputDir }) {
  return run(
    path.join(REPOSITORY_ROOT, ".venv", "bin", "mkdocs"),
    ["build", "--strict", "--site-dir", outputDir],
    {
      cwd: REPOSITORY_ROOT,
      env: { NO_MKDOCS_2_WARNING: "1" },
      hint: "Did `make setup` create .venv/?",
    },
  );
}

function run(command, args, { cwd, env, hint }) {
  const commandLine = [command, ...args].join(" ");

  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (chunk) => (printed += chunk));
    child.stderr.on("data", (chunk) => (printed += chunk));

    child.once("error", (error) =>
      reject(new Error(`Could not run ${commandLine} (${error.message}). ${hint}`)),
    );
    child.once("exit", (code) => {
      if (code === 0) return resolve();

      reject(new Error(`${commandLine} failed in ${cwd} (exit ${code}):\n${printed}`));
    });
  });
}
