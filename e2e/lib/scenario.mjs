// Steps of one story told in order, and failures that say what the page showed.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

import { REPOSITORY_ROOT, SCREENSHOT_DIR } from "./paths.mjs";

const WAIT_MS = 10_000;
const FAILURE_DIR = path.join(REPOSITORY_ROOT, "e2e", "failures");

/**
 * Declare tests that run as one story: each starts where the last one left
 * the page, so once a step fails the later ones are skipped, not failed, and
 * the first failure is the one to read. A failing step saves a screenshot.
 */
export function storySteps(currentPage) {
  let failedStep = null;

  return function step(name, body) {
    test(name, async (context) => {
      if (failedStep !== null) {
        context.skip(`the step "${failedStep}" failed before it`);
        return;
      }

      try {
        await body(context);
      } catch (error) {
        failedStep = name;
        const picture = await saveFailureScreenshot(currentPage(), name);
        if (picture !== null) {
          context.diagnostic(`The page when it failed: ${picture}`);
        }
        throw error;
      }
    });
  };
}

/** Wait for `locator` to be visible, or fail saying what the page shows. */
export async function see(locator, what) {
  try {
    await locator.first().waitFor({ state: "visible", timeout: WAIT_MS });
  } catch (error) {
    throw new Error(
      `Expected to see ${what} within ${WAIT_MS / 1000} s, but the page ` +
        `(${locator.page().url()}) shows:\n${await visibleText(locator.page())}`,
      { cause: error },
    );
  }
}

/** Fail at once if `locator` is visible now, saying what the page shows. */
export async function dontSee(locator, what) {
  if (await locator.first().isVisible()) {
    throw new Error(
      `Expected not to see ${what}, but the page (${locator.page().url()}) ` +
        `shows:\n${await visibleText(locator.page())}`,
    );
  }
}

/** Save the page as docs/screenshots/<name>.png, for the docs pages. */
export async function saveScreenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  // No blinking caret and no half-run animation: the same screen gives the
  // same picture from one run to the next.
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    animations: "disabled",
    caret: "hide",
  });
}

async function visibleText(page) {
  const text = await page
    .locator("body")
    .innerText({ timeout: 1_000 })
    .catch(() => "(nothing readable)");

  return text.trim().slice(0, 1_500) || "(a blank page)";
}

async function saveFailureScreenshot(page, stepName) {
  if (page === undefined) return null;

  const fileName = `${stepName.replace(/[^a-z0-9]+/gi, "-").slice(0, 80)}.png`;
  const picture = path.join(FAILURE_DIR, fileName);
  await mkdir(FAILURE_DIR, { recursive: true });
  try {
    await page.screenshot({ path: picture });
    return path.relative(REPOSITORY_ROOT, picture);
  } catch {
    return null;
  }
}
