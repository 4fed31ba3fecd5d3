// The collection every view works on: the header's selector, and who to tell when it changes.
import {api} from "./api.js";
import {$, el} from "./dom.js";

const listeners = [];

/** The selected collection's name, or null before the list has loaded (the service's default then). */
export function currentCollection() {
  return $("collection").value || null;
}

/** Calls fn(name) whenever the user picks another collection. */
export function onCollectionChange(fn) {
  listeners.push(fn);
}

/**
 * Reloads the collections and their sizes, keeping the selection (or selecting `preferred`).
 *
 * @returns the collection list answered by the API
 */
export async function loadCollections(preferred) {
  const select = $("collection");
  const keep = preferred || select.value;
  const list = await api("/v1/collections");
  // the photo views work on photo collections; text collections have the texts view
  const photos = (list.collections || []).filter((c) => (c.kind || "photos") === "photos");
  const options = photos.map((c) =>
    el("option", {value: c.name, text: c.name + " (" + c.count + " photos)"}));
  select.replaceChildren(...options);
  const wanted = photos.find((c) => c.name === keep) || photos.find((c) => c.default);
  if (wanted) {
    select.value = wanted.name;
  }
  return list;
}

export function wireCollections() {
  $("collection").addEventListener("change", () => {
    for (const fn of listeners) {
      fn(currentCollection());
    }
  });
}
