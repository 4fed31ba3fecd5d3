// The search view: text, an example image or both, words to leave out, weights, tag chips, "more
// like this", and further pages of results.
import {api, photoPath, post, query as queryString} from "./api.js";
import {currentCollection} from "./collections.js";
import {$, cardButton, count, el, numberOf, photoCard, say} from "./dom.js";

const MAX_KNOWN_TAGS = 40; // chips shown at once; beyond this the tag input still works
const PAGE = 24;
const DEFAULT_WEIGHTS = {text: 1, image: 1, negativeText: 0.5};

const state = {
  query: null, // {kind: "text" | "image" | "similar", ...}
  offset: 0,
  tags: new Map(), // tag -> selected?
  run: 0, // the latest search; answers to older ones are dropped
};

function selectedTags() {
  return [...state.tags].filter(([, on]) => on).map(([tag]) => tag);
}

/** The JSON filter (dev.loupe.vectorstore.FilterJson) of the toggled chips, or null for none. */
function tagFilter() {
  const parts = selectedTags().map((tag) => ({field: "tags", op: "contains", value: tag}));
  if (parts.length === 0) {
    return null;
  }
  return parts.length === 1 ? parts[0] : {and: parts};
}

/** The weights the user changed from their defaults, or null when none. */
function weights() {
  const chosen = {
    text: numberOf("weight-text", DEFAULT_WEIGHTS.text),
    image: numberOf("weight-image", DEFAULT_WEIGHTS.image),
    negativeText: numberOf("weight-negative", DEFAULT_WEIGHTS.negativeText),
  };
  const changed = Object.entries(chosen).filter(([key, value]) => value !== DEFAULT_WEIGHTS[key]);
  return changed.length ? Object.fromEntries(changed) : null;
}

/** Runs a new search (offset 0), or the next page of the current one with more. */
async function run(query, {more = false} = {}) {
  const ticket = ++state.run;
  state.query = query;
  state.offset = more ? state.offset + PAGE : 0;
  say("error", "");
  if (!more) {
    $("results-summary").textContent = "Searching…";
  }
  try {
    const answer = await fetchHits(query, state.offset);
    if (ticket === state.run) {
      render(answer, query, more);
    }
  } catch (e) {
    if (ticket === state.run) {
      $("results-summary").textContent = "No results.";
      $("results").replaceChildren();
      $("results-more").hidden = true;
      say("error", e.message);
    }
  }
}

async function fetchHits(query, offset) {
  const filter = tagFilter();
  const collection = currentCollection();
  if (query.kind === "similar" && !filter) {
    return api(photoPath(query.photoId, "/similar") + queryString({limit: PAGE, offset, collection}));
  }
  const body = {limit: PAGE, offset, collection, filter, weights: weights()};
  if (query.kind === "similar") {
    // a filter narrows "more like this" too; /similar takes none, so search by the photo instead
    Object.assign(body, {photoId: query.photoId, limit: PAGE + 1});
  } else {
    Object.assign(body, {text: query.text || null, negativeText: query.negativeText || null});
  }
  if (query.kind === "image") {
    const form = new FormData();
    form.append("image", query.file, query.file.name);
    for (const [key, value] of Object.entries(body)) {
      if (value !== null && value !== undefined) {
        form.append(key, typeof value === "object" ? JSON.stringify(value) : String(value));
      }
    }
    return api("/v1/search", {method: "POST", body: form});
  }
  const answer = await post("/v1/search", Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)));
  if (query.kind === "similar") {
    answer.hits = answer.hits.filter((hit) => hit.id !== query.photoId).slice(0, PAGE);
  }
  return answer;
}

function describe(query) {
  switch (query.kind) {
    case "similar":
      return "photos like " + query.photoId;
    case "image":
      return "the image " + query.file.name + (query.text ? " and “" + query.text + "”" : "");
    default:
      return "“" + query.text + "”";
  }
}

function render(answer, query, more) {
  const hits = answer.hits || [];
  const list = $("results");
  if (more) {
    // a further page may repeat the last photo of the one before (see fetchHits): show it once
    const shown = new Set([...list.children].map((card) => card.dataset.id));
    list.append(...hits.filter((hit) => !shown.has(hit.id)).map(card));
  } else {
    list.replaceChildren(...hits.map(card));
  }
  const shown = list.children.length;
  const tags = selectedTags().sort();
  $("results-summary").textContent = count(shown, "photo") + " for " + describe(query) + " in "
    + answer.collection + (tags.length ? ", tagged " + tags.join(" and ") : "") + ".";
  $("results-more").hidden = hits.length < PAGE;
  for (const hit of hits) {
    for (const tag of hit.tags || []) {
      if (!state.tags.has(tag) && state.tags.size < MAX_KNOWN_TAGS) {
        state.tags.set(tag, false);
      }
    }
  }
  renderChips();
}

function card(hit) {
  return photoCard(hit, {actions: [moreLikeThis(hit)]});
}

/** The "More like this" button of a photo card: searches for photos like it in the search view. */
export function moreLikeThis(photo) {
  return cardButton("More like this", "More like " + (photo.title || photo.id), () => similar(photo.id));
}

const listeners = [];

/** Calls fn() before "more like this" runs, so that the app can show the search view. */
export function beforeSimilar(fn) {
  listeners.push(fn);
}

/** Shows the photos like a stored one. */
export function similar(photoId) {
  for (const fn of listeners) {
    fn();
  }
  $("results-heading").focus();
  return run({kind: "similar", photoId});
}

function renderChips() {
  const box = $("filter-chips");
  box.replaceChildren();
  for (const [tag, on] of state.tags) {
    const chip = el("button", {type: "button", class: "chip", "aria-pressed": String(on), "data-tag": tag, text: tag});
    chip.addEventListener("click", () => {
      state.tags.set(tag, !state.tags.get(tag));
      renderChips();
      box.querySelector(".chip[data-tag='" + CSS.escape(tag) + "']").focus();
      rerun();
    });
    box.append(chip);
  }
}

function rerun() {
  if (state.query) {
    run(state.query);
  }
}

function textQuery() {
  return {kind: "text", text: $("query").value.trim(), negativeText: $("negative").value.trim()};
}

function searchImage(file) {
  if (!file) {
    return;
  }
  const words = $("combine-text").checked ? textQuery() : {text: "", negativeText: ""};
  run({kind: "image", file, text: words.text, negativeText: words.negativeText});
}

export function wireSearch() {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = textQuery();
    if (!query.text) {
      say("error", "Type what you are looking for, or drop an image.");
      return;
    }
    run(query);
  });
  $("results-more").addEventListener("click", () => run(state.query, {more: true}));
  $("image-file").addEventListener("change", (event) => searchImage(event.target.files[0]));
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    searchImage(event.dataTransfer.files[0]);
  });
  $("tag-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const tag = $("tag-input").value.trim();
    if (!tag) {
      return;
    }
    state.tags.set(tag, true);
    $("tag-input").value = "";
    renderChips();
    rerun();
  });
}

/** Runs the current search again (another collection was picked). */
export const refreshSearch = rerun;
