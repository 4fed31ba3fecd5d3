// Small DOM helpers and the photo card every view shows. Every text that comes from the API or the
// user is set with textContent or attributes, never parsed as HTML.
import {photoPath, query} from "./api.js";

export const $ = (id) => document.getElementById(id);

/** An element with attributes ("text" sets its text) and children (nodes or strings). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  node.append(...children);
  return node;
}

/** Shows a message in a box (error, notice), or hides the box for an empty message. */
export function say(id, text) {
  const box = $(id);
  box.textContent = text || "";
  box.hidden = !text;
}

/** "1 photo", "2 photos". */
export function count(n, one, many = one + "s") {
  return n + " " + (n === 1 ? one : many);
}

/** A form control's number, or the fallback when it is empty or not a number. */
export function numberOf(id, fallback) {
  const value = Number.parseFloat($(id).value);
  return Number.isFinite(value) ? value : fallback;
}

/** Runs an async action with a button disabled, so that a double click sends one request. */
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}

/** A thumbnail URL safe to load: same-origin paths and http(s) only. */
export function thumbnailSource(url) {
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

/** Where a stored photo's thumbnail is served, for answers that carry only its id. */
export function thumbnailOf(id, collection) {
  return photoPath(id, "/thumbnail") + query({collection});
}

function placeholder() {
  return el("div", {class: "thumb placeholder", role: "img", "aria-label": "No thumbnail", text: "No thumbnail"});
}

function thumbnail(url, alt) {
  const src = thumbnailSource(url);
  if (!src) {
    return placeholder();
  }
  const img = el("img", {class: "thumb", alt, loading: "lazy"});
  img.addEventListener("error", () => img.replaceWith(placeholder()), {once: true});
  img.src = src;
  return img;
}

/**
 * A photo as a grid card: thumbnail, title, score (when it has one), further lines, tags, actions.
 *
 * @param photo an API photo ({id, title?, thumbnailUrl?, score?, tags?})
 * @param lines extra nodes under the score
 * @param actions buttons at the bottom
 */
export function photoCard(photo, {lines = [], actions = []} = {}) {
  const title = photo.title || photo.id;
  const item = el("li", {class: "card", "data-id": photo.id});
  item.append(thumbnail(photo.thumbnailUrl, title), el("p", {class: "title", text: title}));
  if (typeof photo.score === "number") {
    item.append(el("p", {class: "score", title: "cosine similarity, -1 to 1", text: "score " + photo.score.toFixed(3)}));
  }
  item.append(...lines);
  if (photo.tags && photo.tags.length) {
    item.append(el("ul", {class: "tags", "aria-label": "Tags"}, ...photo.tags.map((tag) => el("li", {class: "tag", text: tag}))));
  }
  if (actions.length) {
    item.append(el("div", {class: "card-actions"}, ...actions));
  }
  return item;
}

/** A card button with a visible text and a label naming the photo. */
export function cardButton(text, label, onClick, className = "secondary") {
  const button = el("button", {type: "button", class: className, "aria-label": label, text});
  button.addEventListener("click", onClick);
  return button;
}
