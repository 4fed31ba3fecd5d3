// The explorer's views as an ARIA tab list: arrow keys, Home and End move between tabs, the URL's
// hash names the view (#browse), and a view is told when it is shown.
import {$} from "./dom.js";

const shown = new Map(); // view -> function called each time it is shown

function tabs() {
  return [...document.querySelectorAll("#tabs [role=tab]")];
}

/** Registers what to do when a view is shown (load its data, focus nothing). */
export function onShow(view, fn) {
  shown.set(view, fn);
}

/** Shows a view; with focus, moves the keyboard focus to its tab. */
export function showView(view, {focus = false} = {}) {
  const all = tabs();
  const target = all.find((tab) => tab.dataset.view === view) || all[0];
  for (const tab of all) {
    const selected = tab === target;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) {
    target.focus();
  }
  if (window.location.hash !== "#" + target.dataset.view) {
    history.replaceState(null, "", "#" + target.dataset.view);
  }
  const fn = shown.get(target.dataset.view);
  if (fn) {
    fn();
  }
}

export function wireTabs() {
  const list = $("tabs");
  list.addEventListener("click", (event) => {
    const tab = event.target.closest("[role=tab]");
    if (tab) {
      showView(tab.dataset.view);
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = tabs();
    const index = all.indexOf(document.activeElement);
    if (index < 0) {
      return;
    }
    const next = {
      ArrowRight: (index + 1) % all.length,
      ArrowLeft: (index - 1 + all.length) % all.length,
      Home: 0,
      End: all.length - 1,
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      showView(all[next].dataset.view, {focus: true});
    }
  });
  window.addEventListener("hashchange", () => showView(window.location.hash.slice(1)));
}

/** The view the URL names, or the first. */
export function initialView() {
  const view = window.location.hash.slice(1);
  return tabs().some((tab) => tab.dataset.view === view) ? view : tabs()[0].dataset.view;
}
