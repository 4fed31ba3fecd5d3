// The texts view: search a text collection (a question bank) by meaning, by words or both, with the
// matched words marked; each hit's answer and metadata; similar texts per hit; importing an uploaded
// JSONL or CSV file with a progress bar; and creating a text collection with one of the deployment's
// text models. Files on the server are imported from the imports view.
import {api, post} from "./api.js";
import {$, busy, count, el, say} from "./dom.js";

const PAGE = 10;

const state = {collections: [], last: null};

function selected() {
  return $("texts-collection").value || null;
}

function mode() {
  return document.querySelector("input[name='texts-mode']:checked").value;
}

/** The text with its highlighted stretches as <mark> elements (text nodes only, never HTML). */
export function marked(text, highlights) {
  const parts = [];
  let at = 0;
  for (const {start, end} of [...(highlights || [])].sort((a, b) => a.start - b.start)) {
    if (start < at || end > text.length || start >= end) {
      continue;
    }
    if (start > at) {
      parts.push(text.slice(at, start));
    }
    parts.push(el("mark", {text: text.slice(start, end)}));
    at = end;
  }
  if (at < text.length) {
    parts.push(text.slice(at));
  }
  return parts;
}

function metadataList(metadata) {
  const entries = Object.entries(metadata || {});
  if (!entries.length) {
    return null;
  }
  const list = el("dl", {class: "text-metadata"});
  for (const [name, value] of entries) {
    list.append(el("dt", {text: name}), el("dd", {text: Array.isArray(value) ? value.join(", ") : String(value)}));
  }
  return list;
}

function hitItem(hit) {
  const item = el("li", {class: "text-hit"});
  item.append(el("p", {class: "text-body"}, ...marked(hit.text, hit.highlights)));
  if (hit.answer) {
    item.append(el("p", {class: "text-answer"}, el("strong", {text: "Answer: "}), hit.answer));
  }
  const metadata = metadataList(hit.metadata);
  if (metadata) {
    item.append(metadata);
  }
  const score = "Score " + hit.score.toFixed(3)
    + (hit.dense !== null && hit.dense !== undefined ? " · meaning " + hit.dense.toFixed(3) : "")
    + (hit.lexical !== null && hit.lexical !== undefined ? " · words " + hit.lexical.toFixed(2) : "");
  item.append(el("p", {class: "score", text: score + " · id " + hit.id}));
  const similar = el("button", {type: "button", class: "secondary", text: "Similar",
    "aria-label": "Texts similar to " + hit.id});
  similar.addEventListener("click", () => showSimilar(hit.id));
  item.append(el("div", {class: "card-actions"}, similar));
  return item;
}

function render(hits, summary) {
  $("texts-results").replaceChildren(...hits.map(hitItem));
  $("texts-summary").textContent = summary;
}

async function search() {
  const collection = selected();
  const text = $("texts-query").value.trim();
  if (!collection) {
    say("texts-error", "Create a text collection first, or pick one.");
    return;
  }
  if (!text) {
    say("texts-error", "Type a question, a paraphrase or a fragment of one.");
    return;
  }
  const body = {collection, text, mode: mode(), limit: PAGE};
  const filter = $("texts-filter").value.trim();
  if (filter) {
    try {
      body.filter = JSON.parse(filter);
    } catch (e) {
      say("texts-error", "The filter is not JSON: " + e.message);
      return;
    }
  }
  say("texts-error", "");
  try {
    const result = await busy($("texts-button"), () => post("/v1/texts/search", body));
    state.last = result;
    render(result.hits, count(result.hits.length, "hit") + " for “" + text + "” (" + result.mode + ", "
      + result.model + ")");
  } catch (e) {
    say("texts-error", e.message);
  }
}

async function showSimilar(id) {
  say("texts-error", "");
  try {
    const result = await api("/v1/texts/" + encodeURIComponent(id) + "/similar?collection="
      + encodeURIComponent(selected()) + "&limit=" + PAGE);
    render(result.hits, count(result.hits.length, "text") + " similar to " + id);
    $("texts-summary").focus();
  } catch (e) {
    say("texts-error", e.message);
  }
}

/** Reloads the text collections into the view's selector, keeping the selection. */
export async function loadTextCollections(list) {
  const collections = (list ? list.collections : (await api("/v1/collections")).collections) || [];
  state.collections = collections.filter((c) => c.kind === "texts");
  const select = $("texts-collection");
  const keep = select.value;
  select.replaceChildren(...state.collections.map((c) =>
    el("option", {value: c.name, text: c.name + " (" + count(c.count, "text") + ", " + c.model + ")"})));
  if (state.collections.some((c) => c.name === keep)) {
    select.value = keep;
  }
  $("texts-empty").hidden = state.collections.length > 0;
}

async function loadModels() {
  try {
    const models = await api("/v1/texts/models");
    $("texts-model").replaceChildren(...(models.models || []).map((m) => el("option", {value: m, text: m})));
    $("texts-create-button").disabled = !(models.models || []).length;
    if (!(models.models || []).length) {
      say("texts-create-message", "No text model here: install one with deploy/models/fetch-model.sh "
        + "all-minilm-l6-v2 (or bge-small-en-v1.5, bge-small-zh-v1.5) and restart.");
    }
  } catch (e) {
    say("texts-create-message", e.message);
  }
}

async function create() {
  const name = $("texts-name").value.trim();
  const model = $("texts-model").value;
  try {
    const made = await busy($("texts-create-button"), () =>
      post("/v1/collections", {name, kind: "texts", model}));
    say("texts-create-message", "Text collection " + made.name + " is ready (" + made.model + ", "
      + made.analysis + " analysis). Import a JSONL or CSV file into it from the Imports view.");
    await loadTextCollections();
    $("texts-collection").value = made.name;
  } catch (e) {
    say("texts-create-message", e.message);
  }
}

const POLL_MS = 500;

/** Uploads the chosen file into the selected collection and follows the import with a progress bar. */
async function upload() {
  const file = $("texts-file").files[0];
  const collection = selected();
  if (!file || !collection) {
    say("texts-error", file ? "Create a text collection first, or pick one." : "Choose a JSONL or CSV file.");
    return;
  }
  say("texts-error", "");
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("collection", collection);
  let job;
  try {
    job = await busy($("texts-upload-button"), () => api("/v1/imports", {method: "POST", body: form}));
  } catch (e) {
    say("texts-error", "The import was refused: " + e.message);
    return;
  }
  $("texts-upload-status").hidden = false;
  $("texts-upload-failures").replaceChildren();
  for (;;) {
    const state = await api("/v1/imports/" + encodeURIComponent(job.id));
    const finished = (state.done || 0) + (state.failed || 0) + (state.skipped || 0);
    const bar = $("texts-upload-progress");
    bar.max = Math.max(1, state.total || 0);
    bar.value = Math.min(finished, bar.max);
    const percent = state.total > 0 ? Math.round((100 * finished) / state.total) : 0;
    $("texts-upload-state").textContent = "Import of " + file.name + ": " + state.status + " — " + percent + "%";
    $("texts-upload-counts").textContent = state.done + " done, " + state.failed + " failed, " + state.skipped
      + " skipped of " + state.total;
    if (state.status === "done" || state.status === "failed") {
      $("texts-upload-failures").replaceChildren(...(state.failures || []).map((f) =>
        el("li", {text: f.source + ": " + f.reason})));
      await loadTextCollections();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Called when the view is shown. */
export function showTexts() {
  loadTextCollections().catch((e) => say("texts-error", e.message));
  loadModels();
}

export function wireTexts() {
  $("texts-form").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  $("texts-create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    create();
  });
  $("texts-upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    upload().catch((e) => say("texts-error", e.message));
  });
}
