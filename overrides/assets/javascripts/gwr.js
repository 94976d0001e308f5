/*
 * Small behaviours of the site, on top of Material; every page works without them.
 * - The language switcher keeps the reader's place: the same page, and the same #anchor.
 * - The search dialog has a name for screen readers.
 * - The glossary has a filter box.
 * - Side-by-side reading stays on (or off) from page to page.
 * - A paragraph's or heading's link copies its address; in side-by-side reading, pointing at a
 *   sentence marks the same sentence in the other language.
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

/* Side-by-side reading: the checkbox works alone (CSS); the choice is remembered across pages. */
const PARALLEL = "gwr-parallel";
const parallelBox = document.getElementById(PARALLEL);
if (parallelBox) {
  try {
    parallelBox.checked = localStorage.getItem(PARALLEL) === "1";
    parallelBox.addEventListener("change", () => localStorage.setItem(PARALLEL, parallelBox.checked ? "1" : "0"));
  } catch (error) { /* storage blocked: the box still works on this page */ }
}

/* A link to a paragraph or heading: the browser follows it (the address bar shows it) and the
   address is copied, which the page says in its status line. */
document.addEventListener("click", event => {
  const link = event.target instanceof Element && event.target.closest(".md-content a.gwr-copy, .md-content a.headerlink");
  if (!link || !navigator.clipboard) return;
  const url = link.href;
  const status = document.querySelector(".gwr-copied");
  navigator.clipboard.writeText(url).then(() => {
    if (!status) return;
    status.textContent = status.dataset.copied;
    setTimeout(() => { status.textContent = ""; }, 2500);
  }, () => {});
});

/* Side-by-side: the sentence under the pointer and its counterpart are marked together. */
function markPair(event, on) {
  const seg = event.target instanceof Element && event.target.closest(".gwr-pair .gwr-seg");
  if (!seg) return;
  const id = seg.id || seg.dataset.seg;
  const pair = seg.closest(".gwr-pair");
  pair.classList.toggle("gwr-hover", on);
  for (const el of pair.querySelectorAll(".gwr-seg")) {
    if ((el.id || el.dataset.seg) === id) el.classList.toggle("gwr-hover", on);
  }
}
document.addEventListener("mouseover", event => markPair(event, true));
document.addEventListener("mouseout", event => markPair(event, false));
