// The explorer end to end, as a user goes through it: import the demo photos through the page, search
// them, browse them, classify them zero-shot, then train a classifier (label five candidates by click
// and by key, train, label and train again, apply, export, import) and check that the page follows.
import assert from "node:assert/strict";
import {readFile} from "node:fs/promises";
import {after, before, test} from "node:test";
import {
  DEMO_COUNT,
  DEMO_PHOTOS,
  api,
  assertNoPageProblems,
  ids,
  launch,
  openExplorer,
  PATIENCE_MS,
  steps,
  textMatching,
} from "./support.mjs";

const COLLECTION = "explorer_demo"; // a collection of its own, apart from the default one
const PER_FOLDER = 6;

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await openExplorer(browser);
});

after(async () => {
  await browser?.close();
});

/** The candidate cards' ids. */
function candidates() {
  return ids(page, "#candidates");
}

test("the explorer imports, searches, browses, classifies, labels, trains and applies", async (t) => {
  const step = steps(t);
  await step("imports the demo photos through the import form, following its progress bar", async () => {
    await page.click("#tab-imports");
    assert.equal(await page.getAttribute("#tab-imports", "aria-selected"), "true");
    assert.ok(page.url().endsWith("#imports"));
    await page.fill("#import-path", DEMO_PHOTOS);
    await page.fill("#import-collection", COLLECTION);
    await page.click("#import-button");

    await textMatching(page, "#import-state", /done — 100%/, PATIENCE_MS);
    assert.match(await page.textContent("#import-counts"), new RegExp("^" + DEMO_COUNT + " done, 0 failed, 0 skipped"));
    const bar = page.locator("#import-progress");
    assert.equal(await bar.evaluate((p) => p.value), DEMO_COUNT);
    assert.equal(await bar.evaluate((p) => p.max), DEMO_COUNT);
    // the recent imports list it too, with a full bar
    const job = page.locator("#import-jobs li.job", {hasText: COLLECTION});
    await textMatching(page, "#import-jobs", new RegExp(COLLECTION + " ← .*: done — 100%"));
    assert.equal(await job.locator("progress").evaluate((p) => p.value), DEMO_COUNT);

    // the finished import reloads the collections: pick the new one
    await page.waitForSelector("#collection option[value='" + COLLECTION + "']", {state: "attached"});
    assert.equal(
      await page.textContent("#collection option[value='" + COLLECTION + "']"),
      COLLECTION + " (" + DEMO_COUNT + " photos)",
    );
    await page.selectOption("#collection", COLLECTION);
  });

  await step("searches by text, shows thumbnails and scores, and finds more like a photo", async () => {
    await page.click("#tab-search");
    await page.fill("#query", "a sunflower");
    await page.click("#search-button");

    await textMatching(page, "#results-summary", new RegExp("24 photos for “a sunflower” in " + COLLECTION));
    const shown = await ids(page, "#results");
    const {body} = await api("/v1/search", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text: "a sunflower", collection: COLLECTION, limit: 24}),
    });
    assert.deepEqual(shown, body.hits.map((hit) => hit.id));
    for (const score of await page.$$eval("#results .score", (nodes) => nodes.map((n) => n.textContent))) {
      assert.match(score, /^score -?[01]\.\d{3}$/);
    }
    // thumbnails of this collection load (their URLs name the collection)
    const first = page.locator("#results li.card").first().locator("img.thumb");
    await first.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector("#results li.card img.thumb");
      return img && img.complete && img.naturalWidth > 0;
    });
    assert.match(await first.getAttribute("src"), new RegExp("collection=" + COLLECTION));

    const photo = shown[3];
    await page.click("#results li.card[data-id='" + photo + "'] button:has-text('More like this')");
    await textMatching(page, "#results-summary", new RegExp("photos like " + photo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const similar = await ids(page, "#results");
    assert.equal(similar.length, 24);
    assert.ok(!similar.includes(photo), "more like this leaves the photo itself out");
  });

  await step("browses the collection page by page", async () => {
    await page.click("#tab-browse");
    await textMatching(page, "#browse-position", new RegExp("Photos 1–24 of " + DEMO_COUNT + " in " + COLLECTION + " \\(page 1 of 2\\)"));
    const first = await ids(page, "#browse-grid");
    assert.equal(await page.isDisabled("#browse-prev"), true);

    await page.click("#browse-next");
    await textMatching(page, "#browse-position", /Photos 25–48 of 48 .*\(page 2 of 2\)/);
    const second = await ids(page, "#browse-grid");
    assert.equal(await page.isDisabled("#browse-next"), true);
    assert.equal(new Set([...first, ...second]).size, DEMO_COUNT, "two pages show every photo once");

    await page.fill("#browse-tag", "pizza");
    await page.click("#browse-apply");
    await textMatching(page, "#browse-position", new RegExp("Photos 1–" + PER_FOLDER + " of " + PER_FOLDER));
    assert.ok((await ids(page, "#browse-grid")).every((id) => id.startsWith("pizza/")));
  });

  await step("classifies the collection zero-shot and draws the label histogram", async () => {
    await page.click("#tab-zeroshot");
    await page.fill("#zeroshot-labels", "sunflower, pizza, watch");
    await page.click("#zeroshot-button");

    await textMatching(page, "#zeroshot-summary", new RegExp(DEMO_COUNT + " photos of " + COLLECTION + " classified into 3 labels"));
    const bars = page.locator("#zeroshot-histogram .bar-button");
    assert.equal(await bars.count(), 3);
    const counts = await page.$$eval("#zeroshot-histogram .bar-count", (nodes) =>
      nodes.map((n) => Number.parseInt(n.textContent, 10)));
    assert.equal(counts.reduce((a, b) => a + b, 0), DEMO_COUNT);
    // choosing a label shows its photos
    const label = ["sunflower", "pizza", "watch"][counts.findIndex((n) => n > 0)];
    await page.click("#zeroshot-histogram [data-label='" + label + "']");
    assert.equal(await page.getAttribute("#zeroshot-histogram [data-label='" + label + "']", "aria-pressed"), "true");
    await textMatching(page, "#zeroshot-photos-heading", new RegExp("“" + label + "”"));
    assert.ok((await ids(page, "#zeroshot-photos")).length > 0);
  });

  let session;
  await step("creates a classifier from a prompt and proposes candidates", async () => {
    await page.click("#tab-classifier");
    await page.fill("#classifier-prompt", "a photo of a sunflower");
    await page.click("#classifier-create");

    await textMatching(page, "#session-title", /a photo of a sunflower/);
    await textMatching(page, "#session-counts", /^0 right, 0 wrong; round 0/);
    await page.waitForSelector("#candidates li.candidate");
    assert.ok((await candidates()).length >= 5, "at least five candidates to label");
    // the sessions list marks the open one; the API knows it
    await page.waitForSelector("#classifier-sessions [aria-current='true']");
    const id = await page.getAttribute("#classifier-sessions [aria-current='true']", "data-id");
    const {status, body} = await api("/v1/classifiers/" + encodeURIComponent(id));
    assert.equal(status, 200);
    assert.equal(body.prompt, "a photo of a sunflower");
    assert.equal(body.collection, COLLECTION);
    session = body;
  });

  const labelled = [];
  await step("labels five candidates by click and by key, and they leave the candidates", async () => {
    const label = async (how, expected) => {
      const before = await candidates();
      await how(before);
      await textMatching(page, "#session-counts", expected);
      const now = await candidates();
      const gone = before.filter((id) => !now.includes(id));
      assert.equal(gone.length, 1, "one candidate left the grid");
      labelled.push(gone[0]);
    };
    const card = (id) => "#candidates li.candidate[data-id='" + id + "']";

    // a click on Right, then on Wrong
    await label((c) => page.click(card(c[0]) + " button.right"), /^1 right, 0 wrong/);
    await label((c) => page.click(card(c[0]) + " button.wrong"), /^1 right, 1 wrong/);
    // keys: focus the first candidate, move right with the arrow, Y; the focus stays in the grid
    await label(async (c) => {
      await page.focus(card(c[0]));
      await page.keyboard.press("ArrowRight");
      assert.equal(await page.evaluate(() => document.activeElement.dataset.id), c[1]);
      await page.keyboard.press("y");
    }, /^2 right, 1 wrong/);
    assert.equal(await page.evaluate(() => document.activeElement.closest("#candidates") !== null), true,
      "the focus moved on to the next candidate");
    await label(() => page.keyboard.press("n"), /^2 right, 2 wrong/);
    await label(() => page.keyboard.press("Y"), /^3 right, 2 wrong/);
    assert.equal(new Set(labelled).size, 5);

    // U undoes the last label: the photo is proposed again, and labelled again
    const undone = labelled.pop();
    await page.keyboard.press("u");
    await textMatching(page, "#session-counts", /^2 right, 2 wrong/);
    await page.waitForSelector(card(undone));
    assert.equal(await page.evaluate(() => document.activeElement.closest("#candidates") !== null), true);
    await label(async () => {
      await page.focus(card(undone));
      await page.keyboard.press("y");
    }, /^3 right, 2 wrong/);
    assert.equal(labelled.at(-1), undone);

    const {body} = await api("/v1/classifiers/" + encodeURIComponent(session.id) + "/labels");
    const idOf = (x) => (typeof x === "string" ? x : x.id);
    assert.equal(body.positive.length, 3);
    assert.equal(body.negative.length, 2);
    assert.deepEqual(new Set([...body.positive, ...body.negative].map(idOf)), new Set(labelled));

    // fresh candidates never hold a labelled photo
    await page.click("#candidates-more");
    await textMatching(page, "#candidates-status", /candidates? to label/);
    assert.ok((await candidates()).every((id) => !labelled.includes(id)));
  });

  await step("trains, and the metrics change from round to round", async () => {
    await page.click("#classifier-train");
    await textMatching(page, "#train-metrics [data-metric='round']", /^1$/);
    assert.equal(await page.textContent("#train-metrics [data-metric='labels']"), "3 right, 2 wrong");
    assert.match(await page.textContent("#train-metrics [data-metric='loss']"), /^\d+\.\d{4}$/);
    assert.match(await page.textContent("#train-metrics [data-metric='accuracy']"), /^\d+\.\d%$/);
    await textMatching(page, "#session-counts", /round 1/);
    assert.equal(await page.locator("#train-history tbody tr").count(), 1);
    await page.waitForSelector("#candidates li.candidate");
    assert.ok((await candidates()).every((id) => !labelled.includes(id)), "retrained candidates skip labelled photos");

    // one more label, by key, and a second round
    await page.focus("#candidates li.candidate");
    await page.keyboard.press("n");
    await textMatching(page, "#session-counts", /^3 right, 3 wrong/);
    await page.click("#classifier-train");
    await textMatching(page, "#train-metrics [data-metric='round']", /^2$/);
    assert.equal(await page.textContent("#train-metrics [data-metric='labels']"), "3 right, 3 wrong");
    assert.equal(await page.locator("#train-history tbody tr").count(), 2);
    const rounds = await page.$$eval("#train-history tbody tr", (rows) => rows.map((r) => r.cells[0].textContent));
    assert.deepEqual(rounds, ["1", "2"]);
  });

  await step("applies the classifier to the collection and shows the positives", async () => {
    await page.fill("#apply-threshold", "0.5");
    await page.fill("#apply-limit", "48");
    await page.fill("#apply-tag", "sunny");
    await page.click("#apply-button");

    const summary = await textMatching(page, "#apply-summary", /are positive/);
    const [, positives, scanned] = summary.match(/^(\d+) of (\d+) photos? are positive/);
    assert.equal(Number(scanned), DEMO_COUNT);
    assert.ok(Number(positives) > 0, "a classifier trained on three right photos finds some: " + summary);
    assert.match(summary, new RegExp(positives + " tagged “sunny”"));
    const hits = await ids(page, "#apply-hits");
    assert.equal(hits.length, Math.min(Number(positives), 48));
    for (const p of await page.$$eval("#apply-hits .probability", (nodes) => nodes.map((n) => n.textContent))) {
      assert.ok(Number.parseFloat(p.replace("probability ", "")) >= 50, p);
    }

    // the tag is on the photos: the browser finds exactly them
    await page.click("#tab-browse");
    await page.fill("#browse-tag", "sunny");
    await page.click("#browse-apply");
    await textMatching(page, "#browse-position", new RegExp("of " + positives + " in " + COLLECTION));
    await page.click("#tab-classifier");
  });

  await step("exports the classifier as JSON and imports it as a new session", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#classifier-export")]);
    assert.match(download.suggestedFilename(), /^loupe-classifier-.*\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(exported.format, "loupe-classifier/1");
    assert.equal(exported.prompt, "a photo of a sunflower");
    assert.equal(exported.weights.length, exported.dimension);

    const before = await page.locator("#classifier-sessions li .session-link").count();
    await page.setInputFiles("#classifier-import", await download.path());
    await page.waitForFunction((n) => document.querySelectorAll("#classifier-sessions li .session-link").length === n + 1, before);
    await textMatching(page, "#session-counts", /^0 right, 0 wrong/);
    assert.notEqual(await page.getAttribute("#classifier-sessions [aria-current='true']", "data-id"), session.id);
    assertNoPageProblems(page);
  });
});
