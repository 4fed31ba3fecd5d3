// Loupe's search page: plain DOM, no framework. Every text that comes from the API is set with
// textContent or attributes, never parsed as HTML.
"use strict";

(() => {
  const MAX_KNOWN_TAGS = 40; // chips shown at once; beyond this the tag input still works
  const RESULT_LIMIT = 24;
  const POLL_MS = 500;

  const $ = (id) => document.getElementById(id);

  const state = {
    query: null, // {kind: "text" | "image" | "similar", ...}
    tags: new Map(), // tag -> selected?
    importTimer: null,
  };

  /** An error answered by the API, carrying the problem+json title when there is one. */
  class ApiError extends Error {
    constructor(status, title) {
      super(title);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    let response;
    try {
      response = await fetch(path, {headers: {Accept: "application/json"}, ...options});
    } catch (e) {
      throw new ApiError(0, "The service cannot be reached: " + e.message);
    }
    if (response.ok) {
      return response.status === 204 ? null : response.json();
    }
    let title = "The service answered HTTP " + response.status;
    try {
      const problem = await response.json();
      if (problem && typeof problem.title === "string" && problem.title) {
        title = problem.title;
      }
    } catch (ignored) {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, title);
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(key, value);
      }
    }
    for (const child of children) {
      node.append(child);
    }
    return node;
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  // --- status -------------------------------------------------------------------------------

  async function loadStatus() {
    try {
      const status = await api("/v1/status");
      const model = status.model || {};
      $("model-banner").textContent = "Model " + model.id + " (" + model.dimensions + " dimensions, "
        + (model.modalities || []).join(" and ") + "); default collection " + status.defaultCollection + ".";
      const warning = $("model-warning");
      if (model.meaningful === false) {
        warning.textContent = "Warning: the model " + model.id + " has random weights, for tests only: search"
          + " results mean nothing. Fetch a real model with deploy/models/fetch-model.sh.";
        warning.hidden = false;
      } else {
        warning.hidden = true;
      }
      await loadCollections(status.defaultCollection);
    } catch (e) {
      $("model-banner").textContent = "Service status unavailable: " + e.message;
    }
  }

  async function loadCollections(defaultName) {
    const select = $("collection");
    const list = await api("/v1/collections");
    select.replaceChildren();
    for (const c of list.collections || []) {
      const option = el("option", {value: c.name, text: c.name + " (" + c.count + " photos)"});
      option.selected = c.name === defaultName;
      select.append(option);
    }
  }

  // --- searching ----------------------------------------------------------------------------

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

  function collection() {
    return $("collection").value || null;
  }

  async function run(query) {
    state.query = query;
    showError("");
    $("results-summary").textContent = "Searching…";
    try {
      const answer = await fetchHits(query);
      render(answer, query);
    } catch (e) {
      $("results-summary").textContent = "No results.";
      $("results").replaceChildren();
      showError(e.message);
    }
  }

  async function fetchHits(query) {
    const filter = tagFilter();
    const coll = collection();
    if (query.kind === "similar" && !filter) {
      const params = new URLSearchParams({limit: String(RESULT_LIMIT)});
      if (coll) {
        params.set("collection", coll);
      }
      return api("/v1/photos/" + encodeURIComponent(query.photoId) + "/similar?" + params);
    }
    if (query.kind === "image") {
      const form = new FormData();
      form.append("image", query.file, query.file.name);
      if (query.text) {
        form.append("text", query.text);
      }
      if (query.negativeText) {
        form.append("negativeText", query.negativeText);
      }
      if (filter) {
        form.append("filter", JSON.stringify(filter));
      }
      if (coll) {
        form.append("collection", coll);
      }
      form.append("limit", String(RESULT_LIMIT));
      return api("/v1/search", {method: "POST", body: form});
    }
    const body = {limit: RESULT_LIMIT};
    if (query.kind === "similar") {
      // a filter narrows "more like this" too; /similar takes none, so search by the photo instead
      body.photoId = query.photoId;
      body.limit = RESULT_LIMIT + 1;
    } else {
      body.text = query.text;
      if (query.negativeText) {
        body.negativeText = query.negativeText;
      }
    }
    if (filter) {
      body.filter = filter;
    }
    if (coll) {
      body.collection = coll;
    }
    const answer = await api("/v1/search", {
      method: "POST",
      headers: {"Content-Type": "application/json", Accept: "application/json"},
      body: JSON.stringify(body),
    });
    if (query.kind === "similar") {
      answer.hits = answer.hits.filter((hit) => hit.id !== query.photoId).slice(0, RESULT_LIMIT);
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

  function render(answer, query) {
    const hits = answer.hits || [];
    const tags = selectedTags().sort();
    $("results-summary").textContent = hits.length + (hits.length === 1 ? " photo" : " photos") + " for "
      + describe(query) + " in " + answer.collection + (tags.length ? ", tagged " + tags.join(" and ") : "") + ".";
    const list = $("results");
    list.replaceChildren(...hits.map(card));
    for (const hit of hits) {
      for (const tag of hit.tags || []) {
        if (!state.tags.has(tag) && state.tags.size < MAX_KNOWN_TAGS) {
          state.tags.set(tag, false);
        }
      }
    }
    renderChips();
  }

  /** A thumbnail URL safe to load: same-origin paths and http(s) only. */
  function thumbnailSource(url) {
    if (typeof url !== "string" || !url) {
      return null;
    }
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function placeholder() {
    return el("div", {class: "thumb placeholder", role: "img", "aria-label": "No thumbnail", text: "No thumbnail"});
  }

  function card(hit) {
    const title = hit.title || hit.id;
    const item = el("li", {class: "result", "data-id": hit.id});
    const src = thumbnailSource(hit.thumbnailUrl);
    if (src) {
      const img = el("img", {class: "thumb", alt: title, loading: "lazy"});
      img.addEventListener("error", () => img.replaceWith(placeholder()), {once: true});
      img.src = src;
      item.append(img);
    } else {
      item.append(placeholder());
    }
    item.append(el("h3", {class: "title", text: title}));
    if (typeof hit.score === "number") {
      item.append(el("p", {class: "score", title: "cosine similarity, -1 to 1", text: "score " + hit.score.toFixed(3)}));
    }
    const tagList = el("ul", {class: "tags", "aria-label": "Tags"});
    for (const tag of hit.tags || []) {
      tagList.append(el("li", {class: "tag", text: tag}));
    }
    item.append(tagList);
    const more = el("button", {type: "button", class: "more", text: "More like this"});
    more.setAttribute("aria-label", "More like " + title);
    more.addEventListener("click", () => run({kind: "similar", photoId: hit.id}));
    item.append(more);
    return item;
  }

  function renderChips() {
    const box = $("filter-chips");
    box.replaceChildren();
    for (const [tag, on] of state.tags) {
      const chip = el("button", {type: "button", class: "chip", "aria-pressed": String(on), "data-tag": tag, text: tag});
      chip.addEventListener("click", () => {
        state.tags.set(tag, !state.tags.get(tag));
        renderChips();
        if (state.query) {
          run(state.query);
        }
      });
      box.append(chip);
    }
  }

  function textQuery() {
    return {
      kind: "text",
      text: $("query").value.trim(),
      negativeText: $("negative").value.trim(),
    };
  }

  function searchImage(file) {
    if (!file) {
      return;
    }
    const words = $("combine-text").checked ? textQuery() : {text: "", negativeText: ""};
    run({kind: "image", file, text: words.text, negativeText: words.negativeText});
  }

  function wireSearch() {
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const query = textQuery();
      if (!query.text) {
        showError("Type what you are looking for, or drop an image.");
        return;
      }
      run(query);
    });
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
      if (state.query) {
        run(state.query);
      }
    });
  }

  // --- importing ----------------------------------------------------------------------------

  function sourceType() {
    return document.querySelector("input[name='source-type']:checked").value;
  }

  function importMessage(text) {
    const box = $("import-message");
    box.textContent = text;
    box.hidden = !text;
  }

  function importSource() {
    const type = sourceType();
    if (type === "urls") {
      const urls = $("import-urls").value.split(/\s+/).filter((u) => u);
      return urls.length ? {type, urls} : null;
    }
    const where = $("import-path").value.trim();
    if (!where) {
      return null;
    }
    // a TSV may be fetched from a URL; a folder is always a path on the server
    return type === "unsplash-tsv" && /^https?:\/\//i.test(where) ? {type, url: where} : {type, path: where};
  }

  function wireImport() {
    for (const radio of document.querySelectorAll("input[name='source-type']")) {
      radio.addEventListener("change", () => {
        const urls = sourceType() === "urls";
        $("import-urls-field").hidden = !urls;
        $("import-path-field").hidden = urls;
      });
    }
    $("import-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const source = importSource();
      if (!source) {
        importMessage("Give a folder path, a TSV path or URL, or at least one image URL.");
        return;
      }
      const body = {source};
      const coll = $("import-collection").value.trim();
      if (coll) {
        body.collection = coll;
      }
      importMessage("");
      $("import-button").disabled = true;
      try {
        const job = await api("/v1/imports", {
          method: "POST",
          headers: {"Content-Type": "application/json", Accept: "application/json"},
          body: JSON.stringify(body),
        });
        poll(job.id);
      } catch (e) {
        $("import-button").disabled = false;
        if (e.status === 404 || e.status === 405) {
          importMessage("Imports are not available on this server (HTTP " + e.status + ").");
        } else {
          importMessage("The import was refused: " + e.message);
        }
      }
    });
  }

  function poll(id) {
    $("import-status").hidden = false;
    $("import-failures").replaceChildren();
    const tick = async () => {
      try {
        const job = await api("/v1/imports/" + encodeURIComponent(id));
        showImport(job);
        if (job.status === "done" || job.status === "failed") {
          $("import-button").disabled = false;
          loadCollections(collection()).catch(() => {});
          return;
        }
      } catch (e) {
        $("import-button").disabled = false;
        importMessage("Lost track of the import: " + e.message);
        return;
      }
      state.importTimer = setTimeout(tick, POLL_MS);
    };
    clearTimeout(state.importTimer);
    tick();
  }

  function showImport(job) {
    const finished = (job.done || 0) + (job.failed || 0) + (job.skipped || 0);
    const bar = $("import-progress");
    if (job.total > 0) {
      bar.max = job.total;
      bar.value = Math.min(finished, job.total);
    } else if (job.status === "done") {
      bar.max = 1;
      bar.value = 1;
    } else {
      bar.removeAttribute("value"); // indeterminate while the total is unknown
    }
    const percent = job.total > 0 ? Math.round((100 * finished) / job.total) : job.status === "done" ? 100 : 0;
    $("import-state").textContent = "Import " + job.status + " — " + percent + "%";
    $("import-counts").textContent = (job.done || 0) + " done, " + (job.failed || 0) + " failed, "
      + (job.skipped || 0) + " skipped of " + (job.total || 0) + ".";
    $("import-failures").replaceChildren(...(job.failures || []).map((f) =>
      el("li", {}, el("span", {class: "source", text: f.source}), ": " + f.reason)));
  }

  document.addEventListener("DOMContentLoaded", () => {
    wireSearch();
    wireImport();
    loadStatus();
  });
})();
