// The imports view: start an import (a folder, image URLs, an Unsplash TSV, or a JSONL or CSV file of
// texts) and follow it, and
// every recent import, with progress bars.
import {api, post} from "./api.js";
import {$, el, say} from "./dom.js";

const POLL_MS = 500;

const state = {watched: null, active: new Set(), timer: null, finished: [], run: 0};

/** Calls fn(job) when an import seen running finishes (to reload collections and pages). */
export function onImportFinished(fn) {
  state.finished.push(fn);
}

function sourceType() {
  return document.querySelector("input[name='source-type']:checked").value;
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

async function submit() {
  const source = importSource();
  if (!source) {
    say("import-message", "Give a folder path, a TSV, JSONL or CSV path (or a TSV URL), or at least one image URL.");
    return;
  }
  const body = {source};
  const collection = $("import-collection").value.trim();
  if (collection) {
    body.collection = collection;
  }
  say("import-message", "");
  $("import-button").disabled = true;
  try {
    const job = await post("/v1/imports", body);
    state.watched = job.id;
    state.active.add(job.id);
    $("import-status").hidden = false;
    $("import-failures").replaceChildren();
    await refresh();
  } catch (e) {
    $("import-button").disabled = false;
    if (e.status === 404 || e.status === 405) {
      say("import-message", "Imports are not available on this server (HTTP " + e.status + ").");
    } else {
      say("import-message", "The import was refused: " + e.message);
    }
  }
}

function active(job) {
  return job.status === "expanding" || job.status === "running";
}

function progress(job) {
  const finished = (job.done || 0) + (job.failed || 0) + (job.skipped || 0);
  const percent = job.total > 0 ? Math.round((100 * finished) / job.total) : job.status === "done" ? 100 : 0;
  return {finished, percent};
}

/** Sets a progress bar from a job: indeterminate while the total is unknown. */
function setBar(bar, job) {
  const {finished} = progress(job);
  if (job.total > 0) {
    bar.max = job.total;
    bar.value = Math.min(finished, job.total);
  } else if (job.status === "done") {
    bar.max = 1;
    bar.value = 1;
  } else {
    bar.removeAttribute("value");
  }
}

function counts(job) {
  return (job.done || 0) + " done, " + (job.failed || 0) + " failed, " + (job.skipped || 0) + " skipped of "
    + (job.total || 0) + ".";
}

function showWatched(job) {
  setBar($("import-progress"), job);
  $("import-state").textContent = "Import " + job.status + " — " + progress(job).percent + "%";
  $("import-counts").textContent = counts(job);
  $("import-failures").replaceChildren(...(job.failures || []).map((f) =>
    el("li", {}, el("span", {class: "source", text: f.source}), ": " + f.reason)));
}

function jobItem(job) {
  const id = "job-" + job.id;
  const bar = el("progress", {id: id + "-bar", "aria-labelledby": id + "-label"});
  setBar(bar, job);
  return el("li", {class: "job", "data-id": job.id, "data-status": job.status},
    el("span", {id: id + "-label", class: "job-label",
      text: job.collection + " ← " + (job.source || job.sourceType) + ": " + job.status + " — " + progress(job).percent + "%"}),
    bar,
    el("span", {class: "job-counts", text: counts(job) + (job.reason ? " " + job.reason : "")}));
}

/** Reloads the recent imports (and the watched one's details); polls again while any is running. */
async function refresh() {
  clearTimeout(state.timer);
  const run = ++state.run; // a newer refresh takes over the polling
  let jobs;
  let watched = null;
  try {
    jobs = (await api("/v1/imports")).jobs || [];
    if (state.watched) {
      watched = await api("/v1/imports/" + encodeURIComponent(state.watched));
    }
  } catch (e) {
    if (run === state.run) {
      $("import-button").disabled = false;
      say("import-message", "Lost track of the imports: " + e.message);
    }
    return;
  }
  if (run !== state.run) {
    return;
  }
  $("import-jobs").replaceChildren(...jobs.map(jobItem));
  if (!jobs.length) {
    $("import-jobs").append(el("li", {class: "hint", text: "No imports yet."}));
  }
  if (watched) {
    showWatched(watched);
    if (!active(watched)) {
      state.watched = null;
      $("import-button").disabled = false;
    }
  }
  const running = new Set(jobs.filter(active).map((job) => job.id));
  const ended = jobs.filter((job) => state.active.has(job.id) && !running.has(job.id));
  state.active = running;
  for (const job of ended) {
    for (const fn of state.finished) {
      fn(job);
    }
  }
  if (state.watched || running.size) {
    state.timer = setTimeout(refresh, POLL_MS);
  }
}

/** Reloads the recent imports, following the running ones until they end (at start, and when shown). */
export function watchImports() {
  refresh();
}

export function wireImports() {
  for (const radio of document.querySelectorAll("input[name='source-type']")) {
    radio.addEventListener("change", () => {
      const urls = sourceType() === "urls";
      $("import-urls-field").hidden = !urls;
      $("import-path-field").hidden = urls;
    });
  }
  $("import-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
}
