// The classifier view: sessions (/v1/classifiers) created from a prompt or imported from JSON; the
// candidates Loupe proposes, labelled right or wrong by click or key (Y, N, U, arrows); training
// rounds with their metrics; applying the classifier to the collection; exporting it as JSON.
import {api, post, query} from "./api.js";
import {currentCollection} from "./collections.js";
import {$, busy, cardButton, count, el, numberOf, photoCard, say} from "./dom.js";

const CANDIDATES = 12; // one screenful to label between trainings

const state = {
  session: null, // the open session's view
  undo: [], // ids labelled in this visit, last last
  confirmingDelete: false,
};

function path(suffix = "") {
  return "/v1/classifiers/" + encodeURIComponent(state.session.id) + suffix;
}

function fail(e) {
  if (e.status === 404 && !state.session) {
    say("classifier-error", "Classifier sessions are not available on this server (HTTP 404).");
  } else {
    say("classifier-error", e.message);
  }
}

function percent(p) {
  return (100 * p).toFixed(1) + "%";
}

// --- sessions -------------------------------------------------------------------------------

function sessionTitle(session) {
  return session.name || session.prompt || "classifier " + session.id;
}

async function loadSessions() {
  try {
    const list = await api("/v1/classifiers");
    const items = (list.classifiers || []).map((session) => {
      const labels = session.labels || {};
      const open = el("button", {
        type: "button",
        class: "session-link",
        "data-id": session.id,
        "aria-current": state.session && state.session.id === session.id ? "true" : null,
        text: sessionTitle(session) + " — " + session.collection + ", round " + session.round + ", "
          + count((labels.positive || 0) + (labels.negative || 0), "label"),
      });
      open.addEventListener("click", () => openSession(session.id));
      return el("li", {}, open);
    });
    $("classifier-sessions").replaceChildren(...items);
    if (!items.length) {
      $("classifier-sessions").append(el("li", {class: "hint", text: "No sessions yet."}));
    }
  } catch (e) {
    fail(e);
  }
}

async function create() {
  const prompt = $("classifier-prompt").value.trim();
  if (!prompt) {
    say("classifier-error", "Describe what the classifier should find, e.g. “a photo of a sunflower”.");
    return;
  }
  say("classifier-error", "");
  try {
    const name = $("classifier-name").value.trim();
    const session = await post("/v1/classifiers", {prompt, collection: currentCollection(), ...(name ? {name} : {})});
    $("classifier-prompt").value = "";
    $("classifier-name").value = "";
    await show(session);
  } catch (e) {
    fail(e);
  }
}

async function openSession(id) {
  say("classifier-error", "");
  try {
    await show(await api("/v1/classifiers/" + encodeURIComponent(id)));
  } catch (e) {
    fail(e);
  }
}

/** Shows a session afresh: its counts, its last training, new candidates, no apply results. */
async function show(session) {
  state.session = session;
  state.undo = [];
  state.confirmingDelete = false;
  $("classifier-delete").textContent = "Delete session";
  $("classifier-session").hidden = false;
  $("train-history").querySelector("tbody").replaceChildren();
  $("train-history").hidden = true;
  $("train-metrics").hidden = true;
  $("apply-summary").textContent = "";
  $("apply-hits").replaceChildren();
  if (session.lastTraining) {
    showTraining(session.lastTraining);
  }
  showSession(session);
  $("session-title").focus();
  await Promise.all([loadSessions(), loadCandidates()]);
}

function showSession(session) {
  state.session = session;
  const labels = session.labels || {};
  $("session-title").textContent = sessionTitle(session);
  $("session-details").textContent = (session.prompt ? "Prompt “" + session.prompt + "”; " : "") + "collection "
    + session.collection + ", model " + session.modelId + ".";
  $("session-counts").textContent = (labels.positive || 0) + " right, " + (labels.negative || 0) + " wrong; round "
    + session.round + (typeof session.threshold === "number" ? ", threshold " + session.threshold.toFixed(3) : "") + ".";
  $("classifier-undo").disabled = state.undo.length === 0;
}

// --- candidates and labels ------------------------------------------------------------------

/** Proposes candidates afresh; with focus, the keyboard focus goes to the first one. */
async function loadCandidates({focus = false} = {}) {
  $("candidates-status").textContent = "Finding candidates…";
  try {
    const answer = await api(path("/candidates") + query({limit: CANDIDATES}));
    const candidates = answer.candidates || [];
    $("candidates").replaceChildren(...candidates.map(candidateCard));
    const first = $("candidates").firstElementChild;
    if (first) {
      focusCard(first, {focus});
    }
    $("candidates-status").textContent = candidates.length
      ? count(candidates.length, "candidate") + " to label."
      : "No more candidates: every photo is labelled.";
  } catch (e) {
    $("candidates-status").textContent = "";
    fail(e);
  }
}

function candidateCard(candidate) {
  const title = candidate.title || candidate.id;
  const lines = [];
  if (typeof candidate.probability === "number") {
    lines.push(el("p", {class: "probability", text: "probability " + percent(candidate.probability)}));
  }
  if (candidate.boundary) {
    lines.push(el("p", {class: "badge", text: "near the boundary"}));
  }
  const right = cardButton("Right", "Mark " + title + " right", () => label(candidate.id, true), "right");
  const wrong = cardButton("Wrong", "Mark " + title + " wrong", () => label(candidate.id, false), "wrong");
  right.tabIndex = -1; // the card takes the focus; Y and N do what these do
  wrong.tabIndex = -1;
  const card = photoCard(candidate, {lines, actions: [right, wrong]});
  card.classList.add("candidate");
  card.tabIndex = -1;
  card.setAttribute("aria-label", title + (typeof candidate.probability === "number"
    ? ", probability " + percent(candidate.probability) : "") + ". Y: right, N: wrong");
  card.setAttribute("aria-keyshortcuts", "Y N U");
  return card;
}

/** Moves the roving focus (one candidate in the tab order) to a card. */
function focusCard(card, {focus = true} = {}) {
  for (const other of $("candidates").children) {
    other.tabIndex = -1;
  }
  card.tabIndex = 0;
  if (focus) {
    card.focus();
  }
}

async function label(id, positive) {
  const card = [...$("candidates").children].find((c) => c.dataset.id === id);
  if (!card || card.getAttribute("aria-busy") === "true") {
    return;
  }
  card.setAttribute("aria-busy", "true");
  const hadFocus = card.contains(document.activeElement);
  say("classifier-error", "");
  try {
    const session = await post(path("/labels"), positive ? {positive: [id], negative: []} : {positive: [], negative: [id]});
    state.undo.push(id);
    const next = card.nextElementSibling || card.previousElementSibling;
    card.remove();
    if (next) {
      focusCard(next, {focus: hadFocus});
    }
    showSession(session);
    $("candidates-status").textContent = "Marked " + (card.querySelector(".title").textContent) + " "
      + (positive ? "right" : "wrong") + "; " + count($("candidates").children.length, "candidate") + " left.";
    if (!next) {
      await loadCandidates({focus: hadFocus}); // all labelled: the next ones, where the focus was
    }
  } catch (e) {
    card.removeAttribute("aria-busy");
    fail(e);
  }
}

/** Removes the last label of this visit; the photo may be proposed again. */
async function undo({focus = false} = {}) {
  const id = state.undo.pop();
  if (id === undefined) {
    return;
  }
  try {
    showSession(await post(path("/labels"), {positive: [], negative: [], remove: [id]}));
    await loadCandidates({focus});
  } catch (e) {
    state.undo.push(id);
    fail(e);
  }
}

function onCandidateKey(event) {
  const card = event.target.closest("li.candidate");
  if (!card || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const cards = [...$("candidates").children];
  const index = cards.indexOf(card);
  const move = {
    ArrowRight: index + 1,
    ArrowDown: index + 1,
    ArrowLeft: index - 1,
    ArrowUp: index - 1,
    Home: 0,
    End: cards.length - 1,
  }[event.key];
  if (move !== undefined) {
    event.preventDefault();
    focusCard(cards[Math.max(0, Math.min(cards.length - 1, move))]);
    return;
  }
  const key = event.key.toLowerCase();
  if (key === "y" || key === "n") {
    event.preventDefault();
    label(card.dataset.id, key === "y");
  } else if (key === "u") {
    event.preventDefault();
    undo({focus: true});
  }
}

// --- training, applying, exporting ----------------------------------------------------------

async function train() {
  say("classifier-error", "");
  try {
    const round = await post(path("/train"));
    showTraining(round);
    showSession(await api(path()));
    await Promise.all([loadSessions(), loadCandidates()]);
  } catch (e) {
    fail(e);
  }
}

function showTraining(round) {
  const changed = round.topChanged || {};
  const moved = typeof changed.k === "number"
    ? changed.entered + " of the top " + changed.k + " entered, " + changed.left + " left"
    : "—";
  const metrics = [
    ["Round", String(round.round)],
    ["Labels", round.positives + " right, " + round.negatives + " wrong"],
    ["Loss", round.loss.toFixed(4)],
    ["Accuracy on the labels", percent(round.accuracy)],
    ["Steps", String(round.steps)],
    ["Threshold", round.threshold.toFixed(3)],
    ["Top results", moved],
  ];
  const list = $("train-metrics");
  list.replaceChildren(...metrics.flatMap(([term, value]) => [
    el("dt", {text: term}),
    el("dd", {"data-metric": term.split(" ")[0].toLowerCase(), text: value}),
  ]));
  list.hidden = false;
  const row = el("tr", {},
    el("td", {text: String(round.round)}),
    el("td", {text: round.positives + " / " + round.negatives}),
    el("td", {text: round.loss.toFixed(4)}),
    el("td", {text: percent(round.accuracy)}),
    el("td", {text: round.threshold.toFixed(3)}),
    el("td", {text: moved}));
  $("train-history").querySelector("tbody").append(row);
  $("train-history").hidden = false;
}

async function apply() {
  say("classifier-error", "");
  const tag = $("apply-tag").value.trim();
  const body = {threshold: numberOf("apply-threshold", 0.5), limit: Math.round(numberOf("apply-limit", 48))};
  if (tag) {
    body.tag = tag;
  }
  $("apply-summary").textContent = "Scoring the collection…";
  try {
    const answer = await post(path("/apply"), body);
    const hits = answer.hits || [];
    $("apply-summary").textContent = answer.positives + " of " + count(answer.scanned, "photo") + " are positive"
      + " (probability at least " + body.threshold + ")" + (tag ? "; " + answer.tagged + " tagged “" + tag + "”" : "")
      + (hits.length < answer.positives ? "; the " + hits.length + " most probable shown." : ".");
    $("apply-hits").replaceChildren(...hits.map((hit) => photoCard(hit, {
      lines: [el("p", {class: "probability", text: "probability " + percent(hit.probability)})],
    })));
  } catch (e) {
    $("apply-summary").textContent = "";
    fail(e);
  }
}

async function exportJson() {
  try {
    const json = await api(path("/export"));
    const blob = new Blob([JSON.stringify(json, null, 2)], {type: "application/json"});
    const link = el("a", {href: URL.createObjectURL(blob), download: fileName(sessionTitle(state.session)) + ".json"});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  } catch (e) {
    fail(e);
  }
}

function fileName(title) {
  return "loupe-classifier-" + (title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export");
}

async function importJson(file) {
  if (!file) {
    return;
  }
  say("classifier-error", "");
  let json;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    say("classifier-error", file.name + " is not JSON: " + e.message);
    return;
  }
  try {
    await show(await post("/v1/classifiers/import", json));
  } catch (e) {
    fail(e);
  } finally {
    $("classifier-import").value = "";
  }
}

async function remove() {
  if (!state.confirmingDelete) {
    state.confirmingDelete = true;
    $("classifier-delete").textContent = "Delete for good?";
    return;
  }
  try {
    await api(path(), {method: "DELETE"});
    state.session = null;
    $("classifier-session").hidden = true;
    await loadSessions();
    $("classifier-prompt").focus();
  } catch (e) {
    fail(e);
  }
}

/** Lists the sessions each time the view is shown. */
export function showClassifier() {
  loadSessions();
}

export function wireClassifier() {
  $("classifier-form").addEventListener("submit", (event) => {
    event.preventDefault();
    busy($("classifier-create"), create);
  });
  $("candidates").addEventListener("keydown", onCandidateKey);
  $("candidates").addEventListener("focusin", (event) => {
    const card = event.target.closest("li.candidate");
    if (card && card.tabIndex !== 0) {
      focusCard(card, {focus: false}); // a click or focus() moves the roving tab stop too
    }
  });
  $("candidates-more").addEventListener("click", () => loadCandidates());
  $("classifier-train").addEventListener("click", () => busy($("classifier-train"), train));
  $("classifier-undo").addEventListener("click", () => undo());
  $("classifier-export").addEventListener("click", exportJson);
  $("classifier-delete").addEventListener("click", remove);
  $("classifier-delete").addEventListener("blur", () => {
    state.confirmingDelete = false;
    $("classifier-delete").textContent = "Delete session";
  });
  $("classifier-import").addEventListener("change", (event) => importJson(event.target.files[0]));
  $("apply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    busy($("apply-button"), apply);
  });
}
