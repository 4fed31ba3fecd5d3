// The texts view end to end, as a user of a question bank goes through it: create a text collection
// with the deployment's text model, import the demo question bank (JSONL) through the imports view,
// then search it by meaning, by words and both, with the matched words marked, answers and metadata
// shown, a metadata filter, and similar questions per hit.
import assert from "node:assert/strict";
import {after, before, test} from "node:test";
import {
  DEMO_TEXT_COUNT,
  DEMO_TEXTS,
  TEXT_MODEL,
  api,
  assertNoPageProblems,
  launch,
  openExplorer,
  PATIENCE_MS,
  steps,
  textMatching,
} from "./support.mjs";

const COLLECTION = "explorer_questions";

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await openExplorer(browser, "#texts");
});

after(async () => {
  await browser?.close();
});

/** The ids of the text hits shown, in order. */
function hitIds() {
  return page.$$eval("#texts-results > li.text-hit .score", (lines) =>
    lines.map((line) => line.textContent.replace(/^.* · id /, "")));
}

test("the texts view creates a collection, imports questions and searches them three ways", async (t) => {
  const step = steps(t);
  await step("creates a text collection with the deployment's text model", async () => {
    assert.equal(await page.getAttribute("#tab-texts", "aria-selected"), "true");
    await page.click("#texts-create summary");
    await page.waitForSelector("#texts-model option[value='" + TEXT_MODEL + "']", {state: "attached"});
    await page.fill("#texts-name", COLLECTION);
    await page.selectOption("#texts-model", TEXT_MODEL);
    await page.click("#texts-create-button");
    await textMatching(page, "#texts-create-message", new RegExp(COLLECTION + " is ready \\(" + TEXT_MODEL));
    assert.equal(await page.inputValue("#texts-collection"), COLLECTION);
  });

  await step("imports the question bank through the imports view, following its progress", async () => {
    await page.click("#tab-imports");
    await page.check("input[name='source-type'][value='jsonl']");
    await page.fill("#import-path", DEMO_TEXTS);
    await page.fill("#import-collection", COLLECTION);
    await page.click("#import-button");
    await textMatching(page, "#import-state", /done — 100%/, PATIENCE_MS);
    assert.match(await page.textContent("#import-counts"), new RegExp("^" + DEMO_TEXT_COUNT + " done, 0 failed"));
    const {body} = await api("/v1/collections/" + COLLECTION);
    assert.equal(body.count, DEMO_TEXT_COUNT);
    assert.equal(body.fields.grade, "integer");
  });

  await step("imports an uploaded file from the texts view, its bad line listed", async () => {
    await page.click("#tab-texts");
    await page.selectOption("#texts-collection", COLLECTION);
    const lines = [
      JSON.stringify({id: "up-1", text: "What colour is a ripe banana?", answer: "Yellow", metadata: {grade: 6}}),
      JSON.stringify({id: "up-2", text: "", metadata: {grade: 6}}),
      JSON.stringify({id: "up-3", text: "How many legs does a spider have?", answer: "Eight", metadata: {grade: 6}}),
    ];
    await page.setInputFiles("#texts-file", {
      name: "extra.jsonl",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(lines.join("\n") + "\n"),
    });
    await page.click("#texts-upload-button");
    await textMatching(page, "#texts-upload-state", /extra\.jsonl: done — 100%/, PATIENCE_MS);
    assert.match(await page.textContent("#texts-upload-counts"), /^2 done, 1 failed, 0 skipped of 3/);
    assert.match(await page.textContent("#texts-upload-failures"), /extra\.jsonl line 2: .*no text/);
  });

  await step("finds a question by meaning, its answer and metadata shown", async () => {
    await page.click("#tab-texts");
    await page.selectOption("#texts-collection", COLLECTION);
    await page.fill("#texts-query", "how do green plants make their food from light");
    await page.check("input[name='texts-mode'][value='dense']");
    await page.click("#texts-button");
    await textMatching(page, "#texts-summary", /hits? for .*\(dense, all-minilm-l6-v2\)/);
    assert.equal((await hitIds())[0], "bio-001");
    const first = page.locator("#texts-results > li.text-hit").first();
    assert.match(await first.locator(".text-answer").textContent(), /Photosynthesis/);
    assert.match(await first.locator(".text-metadata").textContent(), /subject:?\s*biology/);
  });

  await step("finds a question by its words and marks them", async () => {
    await page.fill("#texts-query", "Berlin Wall");
    await page.check("input[name='texts-mode'][value='lexical']");
    await page.click("#texts-button");
    await textMatching(page, "#texts-summary", /1 hit for .*\(lexical/);
    assert.deepEqual(await hitIds(), ["hist-001"]);
    const marks = await page.$$eval("#texts-results mark", (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(marks, ["Berlin", "Wall"]);
  });

  await step("searches both ways at once, within a metadata filter", async () => {
    await page.fill("#texts-query", "equation");
    await page.check("input[name='texts-mode'][value='hybrid']");
    await page.fill("#texts-filter", JSON.stringify({field: "subject", op: "eq", value: "math"}));
    await page.click("#texts-button");
    await textMatching(page, "#texts-summary", /for “equation” \(hybrid/);
    const shown = await hitIds();
    assert.equal(shown[0], "math-001");
    assert.ok(shown.every((id) => id.startsWith("math-")), "only math questions: " + shown);
  });

  await step("reports a bad filter where the user looks", async () => {
    await page.fill("#texts-filter", JSON.stringify({field: "colour", op: "eq", value: "red"}));
    await page.click("#texts-button");
    await textMatching(page, "#texts-error", /unknown filter field 'colour'/);
    await page.fill("#texts-filter", "");
  });

  await step("shows the questions similar to a hit", async () => {
    await page.fill("#texts-query", "photosynthesis oxygen");
    await page.click("#texts-button");
    await textMatching(page, "#texts-summary", /for “photosynthesis oxygen”/);
    const target = (await hitIds())[0];
    await page.click("#texts-results > li.text-hit >> nth=0 >> button:has-text('Similar')");
    await textMatching(page, "#texts-summary", new RegExp("similar to " + target));
    const similar = await hitIds();
    assert.ok(similar.length > 0 && !similar.includes(target), "similar texts exclude the text itself: " + similar);
    assertNoPageProblems(page);
  });
});
