// What the explorer's browser tests share: the service under test (LOUPE_URL), the demo photos
// (LOUPE_DEMO_PHOTOS), and Debian's Chromium launched headless through playwright-core. Tests wait
// on conditions, never for fixed times.
import assert from "node:assert/strict";
import {chromium} from "playwright-core";

/** The service, e.g. http://127.0.0.1:8080 (ExplorerPlaywrightIT starts it). */
export const SERVICE = required("LOUPE_URL").replace(/\/$/, "");

/** The demo folder (8 labelled subfolders of 6 photos), under the service's import roots. */
export const DEMO_PHOTOS = required("LOUPE_DEMO_PHOTOS");

export const DEMO_COUNT = 48;

/** The demo question bank (demo/texts/questions.jsonl), under the service's import roots. */
export const DEMO_TEXTS = required("LOUPE_DEMO_TEXTS");

/** Its records. */
export const DEMO_TEXT_COUNT = 31;

/** The text model the service has (ExplorerPlaywrightIT installs all-MiniLM-L6-v2 beside the CLIP model). */
export const TEXT_MODEL = "all-minilm-l6-v2";

/** How long an import of the demo photos may take on a busy 2-core machine. */
export const PATIENCE_MS = 60_000;

/** How long any other condition may take: a page action, a search, a training round. */
export const ACTION_MS = 20_000;

/** The boxes where the page reports what went wrong, quoted when a wait fails. */
const MESSAGES = [
  "#error",
  "#browse-error",
  "#zeroshot-error",
  "#classifier-error",
  "#import-message",
  "#texts-error",
  "#texts-create-message",
];

function required(name) {
  const value = process.env[name];
  assert.ok(value, name + " is not set (ExplorerPlaywrightIT sets it)");
  return value;
}

/** Headless Chromium: LOUPE_CHROMIUM or Debian's /usr/bin/chromium; nothing is downloaded. */
export async function launch() {
  const executablePath = process.env.LOUPE_CHROMIUM || "/usr/bin/chromium";
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [
        "--no-sandbox", // Chromium refuses to run as root with its sandbox; CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage", // containers often have a tiny /dev/shm
      ],
    });
  } catch (e) {
    throw new Error("Chromium at " + executablePath + " could not be launched headless (install it with"
      + " deploy/ci/install-chromium.sh, or set LOUPE_CHROMIUM): " + e.message);
  }
}

/** A fresh page on the explorer, once it has loaded the collections; API errors fail the test. */
export async function openExplorer(browser, hash = "") {
  const page = await browser.newPage({viewport: {width: 1280, height: 1000}});
  page.setDefaultTimeout(ACTION_MS);
  const problems = [];
  page.on("pageerror", (error) => problems.push("page error: " + error.message));
  page.on("console", (message) => {
    // an API answering 4xx is logged as a failed resource; the page shows those itself
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push("console error: " + message.text());
    }
  });
  page.problems = problems;
  await page.goto(SERVICE + "/" + hash);
  await page.waitForSelector("#collection option", {state: "attached"});
  return page;
}

/** Calls the API directly (to compare what the page shows with what the service answers). */
export async function api(path, options = {}) {
  const response = await fetch(SERVICE + path, options);
  const body = await response.json();
  return {status: response.status, body};
}

export function postJson(path, body) {
  return api(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
}

/** Waits until a job of the import API has ended; its last state. */
export async function awaitImport(predicate) {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const {body} = await api("/v1/imports");
    const job = body.jobs.find(predicate);
    if (job && (job.status === "done" || job.status === "failed")) {
      return job;
    }
    assert.ok(Date.now() < deadline, "import still " + (job ? job.status : "missing") + " after " + PATIENCE_MS + " ms");
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling the API, not waiting for the page
  }
}

/**
 * Waits until an element's text matches; its text. A timeout fails with the element's text and the
 * page's error messages.
 */
export async function textMatching(page, selector, pattern, timeout = ACTION_MS) {
  try {
    await page.waitForFunction(
      ([css, source, flags]) => {
        const node = document.querySelector(css);
        return node !== null && new RegExp(source, flags).test(node.textContent);
      },
      [selector, pattern.source, pattern.flags],
      {timeout},
    );
  } catch (e) {
    const seen = await page.evaluate(([css, boxes]) => ({
      text: document.querySelector(css)?.textContent,
      messages: boxes.map((box) => document.querySelector(box)).filter((n) => n && !n.hidden).map((n) => n.textContent),
    }), [selector, MESSAGES]);
    assert.fail(selector + " never matched " + pattern + " within " + timeout + " ms: it reads "
      + JSON.stringify(seen.text) + "; the page says " + JSON.stringify(seen.messages) + " (" + e.message.split("\n")[0] + ")");
  }
  return page.textContent(selector);
}

/**
 * The steps of one flow, run in order as subtests of t; once a step fails the later ones are skipped
 * (they depend on it) instead of each waiting out its timeouts.
 */
export function steps(t) {
  let failed = null;
  return (name, fn) => {
    if (failed) {
      return t.test(name, {skip: "the step “" + failed + "” failed"});
    }
    return t.test(name, async (step) => {
      try {
        await fn(step);
      } catch (e) {
        failed = name;
        throw e;
      }
    });
  };
}

/** The data-id of every card in a grid, in order. */
export function ids(page, grid) {
  return page.$$eval(grid + " > li.card", (cards) => cards.map((card) => card.dataset.id));
}

/** Fails with what the page reported when a page error or a console error happened. */
export function assertNoPageProblems(page) {
  assert.deepEqual(page.problems, [], "the page reported problems");
}
