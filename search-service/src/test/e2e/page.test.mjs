// The explorer page's behaviour one piece at a time, on the default collection (the demo photos the
// service imports at start): search results as the API answers them, chips, uploads, errors, the
// model warning, text never parsed as markup, and keyboard use and accessible names.
import assert from "node:assert/strict";
import {readFile} from "node:fs/promises";
import path from "node:path";
import {after, before, beforeEach, test} from "node:test";
import {
  DEMO_COUNT,
  DEMO_PHOTOS,
  api,
  assertNoPageProblems,
  awaitImport,
  ids,
  launch,
  openExplorer,
  postJson,
  textMatching,
} from "./support.mjs";

let browser;
let page;
let status;

before(async () => {
  status = (await api("/v1/status")).body;
  const job = await awaitImport((j) => j.collection === status.defaultCollection);
  assert.equal(job.done, DEMO_COUNT, "the service imported the demo photos at start");
  browser = await launch();
});

beforeEach(async () => {
  await page?.close();
  page = await openExplorer(browser);
});

after(async () => {
  await browser?.close();
});

async function search(text) {
  await page.fill("#query", text);
  await page.click("#search-button");
  await textMatching(page, "#results-summary", new RegExp("for “" + text + "”"));
}

test("a text search shows the API's hits in its order, with titles, scores and tags", async () => {
  await search("a photo of a dog");

  const {body} = await postJson("/v1/search", {text: "a photo of a dog", limit: 24});
  assert.deepEqual(await ids(page, "#results"), body.hits.map((hit) => hit.id));
  const cards = page.locator("#results li.card");
  assert.equal(await cards.count(), 24);
  for (const card of await cards.all()) {
    assert.match(await card.locator(".score").textContent(), /^score -?[01]\.\d{3}$/);
    assert.ok((await card.locator(".title").textContent()).length > 0);
    assert.equal(await card.locator(".tag").count(), 1, "a demo photo is tagged with its folder");
  }
  assert.equal(await page.isHidden("#results-more"), false, "more results exist");

  await page.click("#results-more");
  await textMatching(page, "#results-summary", /^48 photos for/);
  assert.equal(new Set(await ids(page, "#results")).size, DEMO_COUNT);
});

test("more like this shows the photos nearest to a photo, without it", async () => {
  await search("a photo of a dog");
  const id = (await ids(page, "#results"))[5];

  await page.click("#results li.card[data-id='" + id + "'] .card-actions button");
  await textMatching(page, "#results-summary", new RegExp("photos like " + id.replace(/\./g, "\\.")));

  const {body} = await api("/v1/photos/" + encodeURIComponent(id) + "/similar?limit=24");
  assert.deepEqual(await ids(page, "#results"), body.hits.map((hit) => hit.id));
  assert.ok(!(await ids(page, "#results")).includes(id));
});

test("tag chips keep only photos with every pressed tag; a click releases one", async () => {
  await search("a photo");
  const addTag = async (tag) => {
    await page.fill("#tag-input", tag);
    await page.click("#tag-form button");
  };

  await addTag("pizza");
  await textMatching(page, "#results-summary", /^6 photos .*, tagged pizza\.$/);
  assert.equal(await page.getAttribute("#filter-chips .chip[data-tag='pizza']", "aria-pressed"), "true");
  assert.ok((await ids(page, "#results")).every((id) => id.startsWith("pizza/")));

  await addTag("watch");
  await textMatching(page, "#results-summary", /^0 photos .*, tagged pizza and watch\.$/);
  assert.equal(await page.locator("#results li.card").count(), 0);

  await page.click("#filter-chips .chip[data-tag='pizza']");
  await textMatching(page, "#results-summary", /^6 photos .*, tagged watch\.$/);
  assert.equal(await page.getAttribute("#filter-chips .chip[data-tag='pizza']", "aria-pressed"), "false");
  assert.ok((await ids(page, "#results")).every((id) => id.startsWith("watch/")));
});

test("words to leave out and weights go into the search", async () => {
  await page.fill("#negative", "a dog");
  await page.click("#weights summary");
  await page.fill("#weight-negative", "2");
  await search("a chair");

  const {body} = await postJson("/v1/search", {
    text: "a chair",
    negativeText: "a dog",
    weights: {negativeText: 2},
    limit: 24,
  });
  assert.deepEqual(await ids(page, "#results"), body.hits.map((hit) => hit.id));
});

test("an uploaded image finds itself first, with score 1", async () => {
  const file = path.join(DEMO_PHOTOS, "sunflower", "image_0001.jpg");
  await page.setInputFiles("#image-file", file);
  await textMatching(page, "#results-summary", /for the image image_0001\.jpg/);

  const first = page.locator("#results li.card").first();
  assert.equal(await first.getAttribute("data-id"), "sunflower/image_0001.jpg");
  assert.equal(await first.locator(".score").textContent(), "score 1.000");
});

test("an image and words search together when asked to", async () => {
  await page.fill("#query", "a flower");
  await page.check("#combine-text");
  await page.setInputFiles("#image-file", path.join(DEMO_PHOTOS, "sunflower", "image_0001.jpg"));
  await textMatching(page, "#results-summary", /for the image image_0001\.jpg and “a flower”/);

  const form = new FormData();
  form.append("image", new Blob([await readFile(path.join(DEMO_PHOTOS, "sunflower", "image_0001.jpg"))]), "image_0001.jpg");
  form.append("text", "a flower");
  form.append("limit", "24");
  const {body} = await api("/v1/search", {method: "POST", body: form});
  assert.deepEqual(await ids(page, "#results"), body.hits.map((hit) => hit.id));
});

test("an API error shows the problem's title", async () => {
  const bytes = Buffer.from("these bytes are no image");
  await page.setInputFiles("#image-file", {name: "x.jpg", mimeType: "image/jpeg", buffer: bytes});
  await page.waitForSelector("#error:not([hidden])");

  const form = new FormData();
  form.append("image", new Blob([bytes], {type: "image/jpeg"}), "x.jpg");
  const {status: code, body} = await api("/v1/search", {method: "POST", body: form});
  assert.ok(code >= 400 && code < 500, "a bad image is the client's fault: " + code);
  assert.equal(await page.textContent("#error"), body.title);
  assert.equal(await page.locator("#results li.card").count(), 0);
});

test("the random test model is flagged as meaningless", async () => {
  await page.waitForSelector("#model-warning:not([hidden])");
  assert.match(await page.textContent("#model-warning"), new RegExp(status.model.id + ".*random weights"));
  assert.match(await page.textContent("#model-banner"), new RegExp(status.defaultCollection));
});

test("text from the user and the API is shown as text, never as markup", async () => {
  const tag = "<img src=x onerror=alert(1)><b>bold</b>";
  await page.fill("#tag-input", tag);
  await page.click("#tag-form button");

  assert.equal(await page.locator("#filter-chips img, #filter-chips b").count(), 0);
  assert.equal(await page.textContent("#filter-chips .chip"), tag);
  assertNoPageProblems(page);
});

test("the views are tabs: arrow keys move between them and the URL names the view", async () => {
  await page.focus("#tab-search");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-browse");
  assert.equal(await page.getAttribute("#tab-browse", "aria-selected"), "true");
  assert.equal(await page.isVisible("#panel-browse"), true);
  assert.equal(await page.isHidden("#panel-search"), true);
  assert.ok(page.url().endsWith("#browse"));
  await textMatching(page, "#browse-position", /of 48 in/);

  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-imports");
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-search");
  // only the selected tab is in the tab order
  assert.deepEqual(
    await page.$$eval("#tabs [role=tab]", (tabs) => tabs.map((t) => t.tabIndex)),
    [0, -1, -1, -1, -1, -1],
  );

  const direct = await openExplorer(browser, "#zeroshot");
  assert.equal(await direct.isVisible("#panel-zeroshot"), true);
  await direct.close();
});

test("the keyboard reaches the search and its focus is visible", async () => {
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Tab"); // the collection selector
  await page.keyboard.press("Tab"); // the selected tab
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-search");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid", "the focused tab shows a focus ring");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "query");
  await page.keyboard.type("a pizza");
  await page.keyboard.press("Enter");
  await textMatching(page, "#results-summary", /for “a pizza”/);
});

test("every control has an accessible name and every image a text alternative", async () => {
  // fill every view, then look at all of them
  await search("a pizza");
  for (const view of ["browse", "zeroshot", "classifier", "texts", "imports"]) {
    await page.click("#tab-" + view);
  }
  await textMatching(page, "#browse-position", /of 48/);
  const unnamed = await page.evaluate(() => {
    const named = (node) => {
      if (node.getAttribute("aria-label") || node.getAttribute("aria-labelledby")) {
        return true;
      }
      if (node.labels && node.labels.length) {
        return true;
      }
      return node.tagName === "BUTTON" && node.textContent.trim().length > 0;
    };
    const controls = [...document.querySelectorAll("input, select, textarea, button")];
    const images = [...document.querySelectorAll("img")].filter((img) => !img.getAttribute("alt"));
    return [
      ...controls.filter((c) => !named(c)).map((c) => c.outerHTML.slice(0, 120)),
      ...images.map((img) => img.outerHTML.slice(0, 120)),
    ];
  });
  assert.deepEqual(unnamed, []);
  assertNoPageProblems(page);
});
