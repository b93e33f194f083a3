// The browser every test drives: the system's Chromium, headless, with a fresh
// profile, and a network that ends at this machine.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { chromium } from "playwright-core";

// Debian's package, not a browser build of Playwright's own: CI cannot download
// one. CHROMIUM_PATH points elsewhere (Chrome on a laptop, say).
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const CHROMIUM_FLAGS = [
  // The browser runs as root in CI containers, where Chromium's sandbox cannot
  // start. Acceptable here only because it opens nothing but our own pages.
  "--no-sandbox",
  "--disable-gpu",
  // No update checks, sync, field trials or QUIC probes: nothing may leave
  // the machine, and nothing the browser does on its own may slow a test.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// Material for MkDocs loads Mermaid from this CDN address. The tests answer it
// with the same major version from e2e/node_modules, as the CDN would, since
// the machine has no internet.
const MERMAID_CDN_URL = "https://unpkg.com/mermaid@11/dist/mermaid.min.js";
const require = createRequire(import.meta.url);
const MERMAID_FILE = require.resolve("mermaid/dist/mermaid.min.js");

/**
 * Launch Chromium with an empty profile in a temporary folder.
 *
 * Resolves to { context, blockedRequests, close }: every request beyond
 * loopback is aborted and its address kept in blockedRequests.
 */
export async function launchBrowser({ viewport }) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install it (Debian, Ubuntu: ` +
        "sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium " +
        "or Chrome binary. The end-to-end tests cannot run without one.",
    );
  }

  const profileDir = await mkdtemp(path.join(tmpdir(), "e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  const blockedRequests = await keepTrafficOnLoopback(context);

  async function close() {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  }
  return { context, blockedRequests, close };
}

async function keepTrafficOnLoopback(context) {
  const blockedRequests = [];
  const mermaidScript = await readFile(MERMAID_FILE);

  await context.route("**/*", (route) => {
    const url = route.request().url();

    if (url === MERMAID_CDN_URL) {
      return route.fulfill({ body: mermaidScript, contentType: "text/javascript" });
    }
    if (isLoopback(url)) {
      return route.continue();
    }
    blockedRequests.push(url);
    return route.abort("blockedbyclient");
  });
  return blockedRequests;
}

function isLoopback(url) {
  const { hostname } = new URL(url);

  return hostname === "127.0.0.1" || hostname === "localhost";
}
