// The docs site, built as it is published, opened in the same Chromium as the
// client: every step page loads, shows its code and draws its diagrams, and
// the search finds what a learner would look for.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { launchBrowser } from "../lib/browser.mjs";
import { buildSite } from "../lib/build.mjs";
import { drawnDiagrams } from "../lib/mermaid.mjs";
import { REPOSITORY_ROOT } from "../lib/paths.mjs";
import { see } from "../lib/scenario.mjs";
import { serveFolder } from "../lib/servers.mjs";

const STEP_PAGES_DIR = path.join(REPOSITORY_ROOT, "docs", "steps");
const DIAGRAM_WAIT_MS = 15_000;

// The pages come from docs/steps/*.md, each with the number of ```mermaid
// fences it holds, so that a new page or diagram is checked without a change
// here.
const stepPages = existsSync(STEP_PAGES_DIR)
  ? readdirSync(STEP_PAGES_DIR)
      .filter((file) => file.endsWith(".md"))
      .sort()
      .map((file) => ({
        name: path.basename(file, ".md"),
        diagrams: countMermaidFences(path.join(STEP_PAGES_DIR, file)),
      }))
  : [];

describe("the docs site in the browser", () => {
  let siteDir;
  let site;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    // The browser first: without one, fail now rather than after the build.
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    siteDir = await mkdtemp(path.join(tmpdir(), "e2e-site-"));

    await buildSite({ outputDir: siteDir });
    site = await serveFolder(siteDir);
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  test("the site has the four step pages", () => {
    assert.equal(
      stepPages.length,
      4,
      `Found ${stepPages.map((stepPage) => stepPage.name)} in docs/steps/`,
    );
  });

  for (const { name, diagrams } of stepPages) {
    const address = () => `${site.origin}/steps/${name}/`;

    test(`${name}: the page loads with its title`, async () => {
      const response = await page.goto(address());

      assert.equal(response.status(), 200, `GET ${address()}`);
      await see(page.locator("article h1"), "the page's title");
    });

    test(`${name}: its code blocks are present`, async () => {
      await openOnce(address());

      const codeBlocks = await page
        .locator("article pre:not(.mermaid) > code")
        .allTextContents();

      assert.ok(codeBlocks.length > 0, `No code block on ${address()}`);
      const blank = codeBlocks.filter((code) => code.trim() === "");
      assert.equal(blank.length, 0, `${blank.length} empty code blocks`);
    });

    test(`${name}: its ${diagrams} Mermaid diagrams are drawn as SVG`, async () => {
      await openOnce(address());

      const drawn = await waitForDiagrams(diagrams);

      assert.equal(
        drawn.length,
        diagrams,
        `${drawn.length} of ${diagrams} diagrams drawn on ${address()}; ` +
          `errors in the page: ${errorsOn(address()).join("\n") || "none"}`,
      );
      for (const diagram of drawn) {
        assert.notEqual(diagram.roleDescription, "error", diagram.text);
        assert.ok(diagram.text.length > 0, "a diagram with no words in it");
      }
      const undrawn = await page.locator("pre.mermaid").count();
      assert.equal(undrawn, 0, "diagrams left as text");
    });
  }

  test('search finds "refresh token" on step 04\'s page', async () => {
    await page.goto(site.origin);

    // Typed key by key: the search answers keystrokes, not a value set at once.
    await page
      .getByRole("textbox", { name: "Search" })
      .pressSequentially("refresh token");

    const results = page.locator(".md-search-result__item > a");
    await see(results, 'search results for "refresh token"');
    const addresses = await results.evaluateAll((links) =>
      links.map((link) => link.getAttribute("href")),
    );
    assert.ok(
      addresses.some((href) => href.includes("steps/04_refresh_tokens/")),
      `No result on step 04's page among: ${addresses.join(", ")}`,
    );
  });

  test("no page threw an uncaught error", (t) => {
    // Material asks Google for its fonts; the system's fonts stand in.
    for (const url of new Set(browser.blockedRequests)) t.diagnostic(`blocked: ${url}`);

    assert.deepEqual(pageErrors, []);
  });

  function errorsOn(address) {
    return pageErrors.filter((error) => error.startsWith(address));
  }

  async function openOnce(address) {
    if (page.url() !== address) await page.goto(address);
  }

  async function waitForDiagrams(expected) {
    const deadline = Date.now() + DIAGRAM_WAIT_MS;
    let drawn = await drawnDiagrams(page);

    while (drawn.length < expected && Date.now() < deadline) {
      await sleep(200);
      drawn = await drawnDiagrams(page);
    }
    return drawn;
  }
});

function countMermaidFences(file) {
  return readFileSync(file, "utf8").match(/^```mermaid\s*$/gm)?.length ?? 0;
}
