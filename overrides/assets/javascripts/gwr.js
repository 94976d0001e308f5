/*
 * Small behaviours of the site, on top of Material; every page works without them.
 * - The language switcher keeps the reader's place: the same page, and the same #anchor.
 * - The search dialog has a name for screen readers.
 * - The glossary has a filter box.
 */
"use strict";

/* The switcher's links go to the same page in the other language; Material would take over the click
   and drop the #anchor, so the link gets the anchor and the browser follows it. */
document.addEventListener("click", event => {
  const link = event.target instanceof Element && event.target.closest(".md-select a[hreflang]");
  if (!link) return;
  event.stopPropagation();
  link.href = link.href.split("#")[0] + location.hash;
}, true);

/* Material's search is a dialog without a name: it takes the name of its input. */
for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
  const input = dialog.querySelector("input[aria-label]");
  if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
}

/* A link to something inside a closed <details> (a glossary letter, a term) opens it. */
function openTarget() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  for (let el = target; el; el = el.parentElement) if (el.tagName === "DETAILS") el.open = true;
  if (target) target.scrollIntoView();
}
window.addEventListener("hashchange", openTarget);
openTarget();

/* Glossary: typing filters the entries (by any of their words) and opens the letters that have some. */
for (const box of document.querySelectorAll("[data-gwr-filter]")) {
  box.hidden = false;
  const input = box.querySelector("input");
  const entries = [...document.querySelectorAll(".gwr-entry")];
  const count = box.querySelector("[data-gwr-count]");
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const entry of entries) {
      const text = entry.dataset.gwrText || (entry.dataset.gwrText = entry.textContent.toLowerCase());
      entry.hidden = !words.every(word => text.includes(word));
      if (!entry.hidden) shown++;
    }
    for (const group of document.querySelectorAll(".gwr-letter")) {
      group.hidden = !group.querySelector(".gwr-entry:not([hidden])");
      group.open = words.length > 0 && !group.hidden;
    }
    if (count) count.textContent = count.dataset.gwrCount.replace("{n}", shown);
  });
}
