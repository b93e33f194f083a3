// The Expo client, built for the web, against step 04 run by uvicorn: one
// person's visit from registering to signing out, as they would click it.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { launchBrowser } from "../lib/browser.mjs";
import { buildClient } from "../lib/build.mjs";
import { dontSee, saveScreenshot, see, storySteps } from "../lib/scenario.mjs";
import { freePort, serveFolder, startStep } from "../lib/servers.mjs";
import { expiryOf, recordApiTraffic } from "../lib/traffic.mjs";

// The same person every run (the database is new each time), so that the
// screenshots come out the same.
const USERNAME = "terry";
// Each of & + = % means something in a form-encoded body: a client that sends
// them unencoded signs in with another password, and is refused.
const PASSWORD = "tea & toast + jam = 100% breakfast";
const WRONG_PASSWORD = "tea & toast + jam = 99% breakfast";

// A phone-sized window, at one pixel per point to keep screenshots small.
const VIEWPORT = { width: 390, height: 460 };

// The shortest lifetime step 04 accepts (whole minutes, more than 0). The
// story waits for it once, between the notes and signing out.
const ACCESS_TOKEN_MINUTES = "1";
// jose refuses a token one second past its `exp`; wait a little beyond.
const EXPIRY_MARGIN_MS = 2_000;

describe("the client, built for the web, against step 04", () => {
  let buildDir;
  let app;
  let api;
  let browser;
  let page;
  let traffic;
  const pageErrors = [];

  before(async () => {
    // The browser first: without one, fail now rather than after the build.
    browser = await launchBrowser({ viewport: VIEWPORT });
    buildDir = await mkdtemp(path.join(tmpdir(), "e2e-client-"));
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    await buildClient({ apiUrl, outputDir: buildDir });
    app = await serveFolder(buildDir, { singlePage: true });
    api = await startStep("04_refresh_tokens", {
      port: apiPort,
      environment: {
        // Exactly the page's origin: the API must refuse any other page.
        CORS_ORIGINS: app.origin,
        ACCESS_TOKEN_EXPIRE_MINUTES: ACCESS_TOKEN_MINUTES,
      },
    });
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    traffic = recordApiTraffic(page, api.url);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await api?.stop();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  });

  const step = storySteps(() => page);

  step("a password too short is refused, with the reason beside it", async () => {
    await page.goto(app.origin);
    await link("No account yet? Create one").click();
    await see(heading("Create an account"), "the form");
    await field("Username").fill(USERNAME);
    await field("Password").fill("too short");

    await button("Create account").click();

    await see(alert().filter({ hasText: "15" }), "the server's reason");
    await saveScreenshot(page, "client-register-refused");
    assert.deepEqual(traffic.calls, ["POST /register 422"]);
  });

  step("registering creates the account and opens its notes", async () => {
    const mark = traffic.calls.length;
    await page.reload();
    await field("Username").fill(USERNAME);
    await field("Password").fill(PASSWORD);
    await saveScreenshot(page, "client-register");

    await button("Create account").click();

    await see(text("No notes yet."), "the new account's empty notes");
    assert.deepEqual(
      traffic.callsSince(mark),
      ["POST /register 201", "POST /token 200", "GET /notes 200"],
      "registering should create the account, then sign in with it",
    );
  });

  step("a reload starts signed out: the web build keeps tokens in memory", async () => {
    await page.reload();

    await see(heading("Sign in"), "the sign-in screen");
    await dontSee(field("New note"), "the notes");
  });

  step("signing in with a password holding & + = % opens the notes", async () => {
    const mark = traffic.calls.length;
    await field("Username").fill(USERNAME);
    await field("Password").fill(PASSWORD);
    await saveScreenshot(page, "client-sign-in");

    await button("Sign in").click();

    await see(text("No notes yet."), "the notes after signing in");
    assert.deepEqual(traffic.callsSince(mark), ["POST /token 200", "GET /notes 200"]);
  });

  step("the profile shows who is signed in", async () => {
    await link("Profile").click();

    await see(text(`Signed in as ${USERNAME}`), "the username");
    await saveScreenshot(page, "client-profile");
  });

  step("a note can be added, and deleted", async () => {
    await page.goBack();
    await see(field("New note"), "the notes screen");
    await addNote("Bring the workshop's slides");
    await addNote("Ask about refresh token rotation");
    await saveScreenshot(page, "client-notes");
    const mark = traffic.calls.length;

    await noteRow("Bring the workshop's slides").getByRole("button").click();

    await see(text("Ask about refresh token rotation"), "the note kept");
    await page
      .getByText("Bring the workshop's slides")
      .waitFor({ state: "hidden", timeout: 10_000 });
    assert.match(traffic.callsSince(mark).join("\n"), /^DELETE \/notes\/\d+ 204$/);
  });

  step("an expired access token is renewed without the user noticing", async (t) => {
    const { access_token: accessToken } = await traffic.latestTokens();
    const wait = expiryOf(accessToken) + EXPIRY_MARGIN_MS - Date.now();
    t.diagnostic(`waiting ${Math.ceil(wait / 1000)} s for the access token to expire`);
    await sleep(Math.max(wait, 0));
    const mark = traffic.calls.length;

    await addNote("Written after the access token expired");

    await dontSee(alert(), "an error message");
    await dontSee(heading("Sign in"), "the sign-in screen");
    assert.deepEqual(
      traffic.callsSince(mark),
      ["POST /notes 401", "POST /token/refresh 200", "POST /notes 201"],
      "after the access token expired, adding a note should be refused once, " +
        "refresh the tokens, and succeed on the retry",
    );
  });

  step("signing out returns to the sign-in screen, and revokes", async () => {
    await link("Profile").click();
    const mark = traffic.calls.length;

    await button("Sign out").click();

    await see(heading("Sign in"), "the sign-in screen");
    await waitForCall(mark, "POST /logout 204");
  });

  step("after signing out, the server refuses the last refresh token", async () => {
    const { refresh_token: refreshToken } = await traffic.latestTokens();

    const response = await fetch(`${api.url}/token/refresh`, {
      method: "POST",
      body: new URLSearchParams({ refresh_token: refreshToken }),
    });

    assert.equal(response.status, 401, await response.text());
  });

  step("after signing out, going back does not reopen the notes", async () => {
    await page.goBack();

    await see(heading("Sign in"), "the sign-in screen");
    await dontSee(field("New note"), "the notes");
  });

  step("after signing out, opening /profile directly shows sign-in", async () => {
    await page.goto(`${app.origin}/profile`);

    await see(heading("Sign in"), "the sign-in screen");
    await dontSee(text(`Signed in as ${USERNAME}`), "the profile");
  });

  step("a wrong password says so, and stays on the sign-in screen", async () => {
    await field("Username").fill(USERNAME);
    await field("Password").fill(WRONG_PASSWORD);

    await button("Sign in").click();

    await see(
      alert().filter({ hasText: "Wrong username or password." }),
      'the message "Wrong username or password."',
    );
    await saveScreenshot(page, "client-wrong-password");
    await dontSee(field("New note"), "the notes");
  });

  step("the app threw no uncaught error and called nothing off this machine", () => {
    assert.deepEqual(pageErrors, [], "uncaught errors in the page");
    assert.deepEqual(browser.blockedRequests, [], "requests beyond loopback");
  });

  async function addNote(text) {
    await field("New note").fill(text);
    await button("Add note").click();

    await see(noteRow(text), `the note "${text}" in the list`);
  }

  // The innermost block holding both the note's text and a Delete button.
  function noteRow(noteText) {
    return page
      .locator("div")
      .filter({ has: text(noteText) })
      .filter({ has: button("Delete") })
      .last();
  }

  // Only what is on screen: the navigator keeps the screens a person left
  // in the page, hidden, with the same labels.
  function field(label) {
    return page.getByLabel(label, { exact: true }).filter({ visible: true });
  }

  function button(name) {
    return page.getByRole("button", { name, exact: true }).filter({ visible: true });
  }

  function heading(name) {
    return page.getByRole("heading", { name, exact: true }).filter({ visible: true });
  }

  function link(name) {
    return page.getByRole("link", { name, exact: true }).filter({ visible: true });
  }

  function text(words) {
    return page.getByText(words, { exact: true }).filter({ visible: true });
  }

  function alert() {
    return page.getByRole("alert").filter({ visible: true });
  }

  async function waitForCall(mark, call) {
    for (let tries = 0; tries < 50; tries += 1) {
      if (traffic.callsSince(mark).includes(call)) return;
      await sleep(100);
    }
    assert.fail(`Expected the call ${call}; saw: ${traffic.callsSince(mark)}`);
  }
});
