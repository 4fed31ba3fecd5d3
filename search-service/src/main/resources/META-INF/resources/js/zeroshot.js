// The zero-shot view: classify the whole collection against labels (POST /v1/classify), draw the
// label histogram as bars, and show the most confident photos of a label.
import {post} from "./api.js";
import {currentCollection} from "./collections.js";
import {$, busy, count, el, photoCard, say, thumbnailOf} from "./dom.js";

const PHOTOS_LISTED = 1000; // per-photo answers requested; the histogram counts every photo anyway
const PHOTOS_SHOWN = 24; // per label

const state = {answer: null, label: null};

function labels() {
  return [...new Set($("zeroshot-labels").value.split(",").map((label) => label.trim()).filter((label) => label))];
}

async function classify() {
  const wanted = labels();
  say("zeroshot-error", "");
  if (wanted.length < 2) {
    say("zeroshot-error", "Give at least two labels, separated by commas.");
    return;
  }
  $("zeroshot-summary").textContent = "Classifying…";
  try {
    const answer = await post("/v1/classify", {labels: wanted, collection: currentCollection(), limit: PHOTOS_LISTED});
    state.answer = answer;
    state.label = largest(answer);
    render();
  } catch (e) {
    $("zeroshot-summary").textContent = "";
    say("zeroshot-error", e.message);
  }
}

function largest(answer) {
  return answer.labels.reduce((best, label) => (answer.histogram[label] > answer.histogram[best] ? label : best));
}

function render() {
  const answer = state.answer;
  $("zeroshot-summary").textContent = count(answer.total, "photo") + " of " + answer.collection + " classified into "
    + answer.labels.length + " labels by " + answer.model + " (" + answer.templates + " prompt templates each).";
  const most = Math.max(1, ...answer.labels.map((label) => answer.histogram[label]));
  const bars = answer.labels.map((label) => {
    const n = answer.histogram[label];
    const share = answer.total ? Math.round((100 * n) / answer.total) : 0;
    const bar = el("span", {class: "bar", "aria-hidden": "true"});
    bar.style.width = ((100 * n) / most).toFixed(1) + "%";
    const button = el("button", {
      type: "button",
      class: "bar-button",
      "data-label": label,
      "aria-pressed": String(label === state.label),
    },
    el("span", {class: "bar-label", text: label}),
    el("span", {class: "bar-track"}, bar),
    el("span", {class: "bar-count", text: n + " (" + share + "%)"}));
    button.addEventListener("click", () => {
      state.label = label;
      render();
      $("zeroshot-histogram").querySelector("[data-label='" + CSS.escape(label) + "']").focus();
    });
    return el("li", {}, button);
  });
  $("zeroshot-histogram").replaceChildren(...bars);
  $("zeroshot-chart").hidden = false;
  renderPhotos();
}

function renderPhotos() {
  const answer = state.answer;
  const photos = answer.photos.filter((photo) => photo.label === state.label).slice(0, PHOTOS_SHOWN);
  const heading = $("zeroshot-photos-heading");
  heading.hidden = false;
  heading.textContent = "Most confident “" + state.label + "” photos"
    + (photos.length ? "" : ": none among the " + answer.photos.length + " most confident overall");
  $("zeroshot-photos").replaceChildren(...photos.map((photo) => photoCard(
    {id: photo.id, title: photo.id, thumbnailUrl: thumbnailOf(photo.id, answer.collection)},
    {lines: [el("p", {class: "probability", text: photo.label + " " + (100 * photo.probability).toFixed(1) + "%"})]})));
}

/** Forgets the answer (another collection was picked). */
export function clearZeroShot() {
  state.answer = null;
  $("zeroshot-chart").hidden = true;
  $("zeroshot-photos-heading").hidden = true;
  $("zeroshot-photos").replaceChildren();
  $("zeroshot-summary").textContent = "";
}

export function wireZeroShot() {
  $("zeroshot-form").addEventListener("submit", (event) => {
    event.preventDefault();
    busy($("zeroshot-button"), classify);
  });
}
