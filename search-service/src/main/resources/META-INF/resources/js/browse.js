// The browse view: the collection page by page (GET /v1/photos), optionally only one tag.
import {api, query} from "./api.js";
import {currentCollection} from "./collections.js";
import {$, photoCard, say} from "./dom.js";
import {moreLikeThis} from "./search.js";

const MAX_OFFSET = 10000; // GET /v1/photos walks to the page, so it goes no further (PhotoBrowser.MAX_OFFSET)

const state = {offset: 0, total: 0, loaded: false, run: 0};

function pageSize() {
  return Number.parseInt($("browse-size").value, 10);
}

function filter() {
  const tag = $("browse-tag").value.trim();
  return tag ? JSON.stringify({field: "tags", op: "contains", value: tag}) : null;
}

async function load(offset) {
  const ticket = ++state.run;
  say("browse-error", "");
  $("browse-position").textContent = "Loading…";
  try {
    const page = await api("/v1/photos" + query({collection: currentCollection(), offset, limit: pageSize(), filter: filter()}));
    if (ticket !== state.run) {
      return;
    }
    state.offset = page.offset;
    state.total = page.total;
    state.loaded = true;
    render(page);
  } catch (e) {
    if (ticket === state.run) {
      $("browse-position").textContent = "";
      say("browse-error", e.message);
    }
  }
}

function render(page) {
  const photos = page.photos || [];
  $("browse-grid").replaceChildren(...photos.map((photo) => photoCard(photo, {actions: [moreLikeThis(photo)]})));
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const number = Math.floor(page.offset / page.limit) + 1;
  $("browse-position").textContent = page.total === 0
    ? "No photos in " + page.collection + "."
    : "Photos " + (page.offset + 1) + "–" + (page.offset + photos.length) + " of " + page.total + " in "
      + page.collection + " (page " + number + " of " + pages + ")";
  $("browse-prev").disabled = page.offset === 0;
  $("browse-next").disabled = page.offset + page.limit >= page.total || page.offset + page.limit > MAX_OFFSET;
}

/** Loads the first page when the view is first shown; later showings keep the page. */
export function showBrowse() {
  if (!state.loaded) {
    load(0);
  }
}

/** The first page again (another collection was picked, or photos were imported). */
export function refreshBrowse() {
  if (state.loaded) {
    load(0);
  }
}

export function wireBrowse() {
  $("browse-form").addEventListener("submit", (event) => {
    event.preventDefault();
    load(0);
  });
  $("browse-prev").addEventListener("click", () => load(Math.max(0, state.offset - pageSize())));
  $("browse-next").addEventListener("click", () => load(state.offset + pageSize()));
}
