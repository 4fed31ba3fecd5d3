// Loupe's explorer: plain ES modules, no framework, no build step. Each view lives in js/<view>.js;
// this module loads the service status and wires the views together.
import {api} from "./js/api.js";
import {refreshBrowse, showBrowse, wireBrowse} from "./js/browse.js";
import {showClassifier, wireClassifier} from "./js/classifier.js";
import {loadCollections, onCollectionChange, wireCollections} from "./js/collections.js";
import {$} from "./js/dom.js";
import {onImportFinished, watchImports, wireImports} from "./js/imports.js";
import {beforeSimilar, refreshSearch, wireSearch} from "./js/search.js";
import {initialView, onShow, showView, wireTabs} from "./js/tabs.js";
import {loadTextCollections, showTexts, wireTexts} from "./js/texts.js";
import {clearZeroShot, wireZeroShot} from "./js/zeroshot.js";

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

document.addEventListener("DOMContentLoaded", () => {
  wireTabs();
  wireCollections();
  wireSearch();
  wireBrowse();
  wireZeroShot();
  wireClassifier();
  wireImports();
  wireTexts();

  onShow("browse", showBrowse);
  onShow("classifier", showClassifier);
  onShow("imports", watchImports);
  onShow("texts", showTexts);
  beforeSimilar(() => showView("search"));
  onCollectionChange(() => {
    refreshSearch();
    refreshBrowse();
    clearZeroShot();
  });
  onImportFinished(() => {
    loadCollections().then((list) => {
      refreshBrowse();
      return loadTextCollections(list);
    }, () => {});
  });

  loadStatus().then(() => {
    showView(initialView());
    watchImports();
  });
});
