/*
 * Small behaviours of the site, on top of Material; every page works without them.
 * - The language switcher keeps the reader's place: the same page, and the same #anchor.
 * - The search dialog has a name for screen readers; a search the report is silent on lists the
 *   glossary's nearest terms.
 * - The glossary has a filter box.
 * - Side-by-side reading stays on (or off) from page to page.
 * - A paragraph's or heading's link copies its address; in side-by-side reading, pointing at a
 *   sentence marks the same sentence in the other language.
 * - On touch, a glossary term tapped shows its definition in place (a small dialog with a link to its entry).
 */
"use strict";

/* The switcher's links and "Read the Chinese original" go to the same page in the other language
   (relative links, written by the build): the link gets the reader's #anchor and the browser follows it. */
document.addEventListener("click", event => {
  const link = event.target instanceof Element &&
    event.target.closest(".md-select a[hreflang], .gwr-notice a[hreflang]");
  if (!link) return;
  event.stopPropagation();  // not Material's switcher (below): the link is the page already
  link.href = link.href.split("#")[0] + location.hash;
}, true);

/* Material's own switcher fetches, when the page is ready, a sitemap beside each alternate link of the
   head (its URL + "sitemap.xml") to find the same page in another language. Those links are absolute, as
   hreflang wants: served anywhere else the fetches fail, and the site has one sitemap per edition, not one
   per page. The switcher's links name the page already, so Material looks while the alternate links are
   out of the head; they are back as soon as it has looked. */
const alternates = [...document.head.querySelectorAll("link[rel=alternate][hreflang]")];
for (const link of alternates) link.remove();
document.addEventListener("DOMContentLoaded", () => document.head.append(...alternates), {once: true});

/* Material's search is a dialog without a name: it takes the name of its input. */
for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
  const input = dialog.querySelector("input[aria-label]");
  if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
}

/* Search: the site's worker (gwr-search.js) answers Material's search box. Its answer names the query
   it answers (the list's data-gwr-query), and when no page holds every word of the query, Material says
   there is no result and the worker names the glossary's terms nearest to it: listed under that line,
   each a search of its own (the box keeps open) with a link to its entry. Text only, no markup. */
const searchResult = document.querySelector("[data-md-component=search-result]");
const searchQuery = document.querySelector("[data-md-component=search-query]");
if (searchResult && searchQuery && window.component$) {
  let nearestBox = null;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base, location.href);
  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  };
  window.component$.subscribe(component => {
    if (component.ref !== searchResult || !component.gwr) return;
    const {query, nearest, labels} = component.gwr;
    if (nearestBox) nearestBox.remove();
    nearestBox = null;
    if (nearest && nearest.length) {
      nearestBox = element("div", "gwr-nearest");
      const list = element("ul");
      for (const term of nearest) {
        const item = element("li");
        const search = element("a", "", term.name);
        search.href = `?q=${encodeURIComponent(term.name)}`;
        search.dataset.gwrQuery = term.name;
        const other = element("span", "gwr-nearest-other", term.other);
        other.lang = labels.otherLang;
        const entry = element("a", "gwr-nearest-entry", labels.entry);
        entry.href = new URL(term.location, root).href;
        entry.setAttribute("aria-label", labels.entryOf.replace("{term}", term.name));
        item.append(search, " ", other, " ", entry);
        list.append(item);
      }
      nearestBox.append(element("p", "", labels.nearest), list);
      searchResult.firstElementChild.after(nearestBox);  // under Material's "no result" line
    }
    searchResult.dataset.gwrQuery = query;
  });
  searchResult.addEventListener("click", event => {
    const link = event.target instanceof Element && event.target.closest(".gwr-nearest a[data-gwr-query]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();  // Material would close the search
    searchQuery.value = link.dataset.gwrQuery;
    searchQuery.focus();
    searchQuery.dispatchEvent(new KeyboardEvent("keyup"));  // Material asks the worker at every key released
  });
}

/* A link to something inside a closed <details> (a glossary letter, a term) opens it. */
function openTarget() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  for (let el = target; el; el = el.parentElement) if (el.tagName === "DETAILS") el.open = true;
  if (target) target.scrollIntoView();
}
window.addEventListener("hashchange", openTarget);
openTarget();

/* Glossary: the filter matches what the terms themselves say. The build writes each entry's words into
   data-gwr-find: its Chinese forms, then the words of its English forms and the syllables of its pinyin,
   lower case, without tone marks (ü as v). A query is folded alike. Chinese matches anywhere in a Chinese
   form; Latin letters and digits where a word starts, running on into the words after it (ecommerce finds
   e-commerce, shichang finds shi chang), so "port" finds Port but not report. v and u count as one
   (lv, lu and lü for 绿). Every typed word must match; the letters with entries open, the others hide.
   Nothing is read before the first key. */
const FILTER_WORDS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
const foldQuery = text => text.toLowerCase().replace(/ü/g, "v").normalize("NFKD").replace(/\p{M}/gu, "")
  .replace(/[’'`ʼ]/g, "");

function filterEntry(el) {
  const find = el.dataset.gwrFind, starts = [];
  let joined = "";
  for (const word of find.match(/[a-z0-9]+/g) || []) {
    starts.push(joined.length);
    joined += word.replace(/v/g, "u");
  }
  return {el, find, joined, starts, letter: el.closest(".gwr-letter")};
}

function entryMatches(entry, word) {
  if (!/^[a-z0-9]/.test(word)) return entry.find.includes(word);
  return entry.starts.some(start => entry.joined.startsWith(word, start));
}

for (const box of document.querySelectorAll("[data-gwr-filter]")) {
  const input = box.querySelector("input");
  const count = box.querySelector("[data-gwr-count]");
  let entries = null, letters = null;
  input.addEventListener("input", () => {
    entries = entries || [...document.querySelectorAll(".gwr-entry[data-gwr-find]")].map(filterEntry);
    letters = letters || [...document.querySelectorAll("details.gwr-letter")];
    const wanted = (foldQuery(input.value).match(FILTER_WORDS) || []).map(word => word.replace(/v/g, "u"));
    const open = new Set();
    let shown = 0;
    for (const entry of entries) {
      entry.el.hidden = !wanted.every(word => entryMatches(entry, word));
      if (!entry.el.hidden) { shown++; open.add(entry.letter); }
    }
    for (const letter of letters) {
      letter.hidden = !open.has(letter);
      letter.open = wanted.length > 0 && !letter.hidden;
    }
    if (count) count.textContent = wanted.length ? count.dataset.gwrCount.replace("{n}", shown) : "";
  });
}

/* Printing the glossary: the letters open on the screen (by the reader or the filter), or, with none
   open, every term as a compact list (names only). Material opens every <details> of a page to print
   it: the state before that is noted first (this listener comes before Material's, which it adds when
   the document is loaded) and put back after it. */
const glossaryLetters = [...document.querySelectorAll("details.gwr-letter")];
if (glossaryLetters.length) {
  let before = [];
  window.addEventListener("beforeprint", () => { before = glossaryLetters.map(letter => letter.open); });
  const afterMaterial = () => {
    window.addEventListener("beforeprint", () => {
      const compact = !before.some(Boolean);
      document.body.classList.toggle("gwr-print-compact", compact);
      glossaryLetters.forEach((letter, i) => { letter.open = compact || before[i]; });
    });
    window.addEventListener("afterprint", () => {
      document.body.classList.remove("gwr-print-compact");
      glossaryLetters.forEach((letter, i) => { letter.open = before[i]; });
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterMaterial, {once: true});
  else afterMaterial();
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

/* Touch: a glossary term tapped shows its definition in place instead of leaving the page: a small
   non-modal dialog under the term (the term, its explanation from the link's title, a link to its
   entry, a close button). Escape, the close button, the term again or a tap elsewhere closes it, and
   focus goes back to the term. A mouse keeps Material's tooltip and follows the link; where nothing
   hovers (a phone) every activation opens the definition, a keyboard's and a screen reader's too.
   The words come from the page (.gwr-tools, in its language); without them a term stays a link. */
const termWords = document.querySelector(".gwr-tools[data-gwr-entry]");
const noHover = matchMedia("(hover: none)");
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e“”‘’…—]*/g;
let lastPointer = "";
let termPop = null;
let termOpen = null;
document.addEventListener("pointerdown", event => { lastPointer = event.pointerType; }, true);
document.addEventListener("keydown", () => { lastPointer = ""; }, true);
if (termWords) {
  for (const term of document.querySelectorAll(".md-content a.gwr-term[title]")) {
    term.dataset.gwrDefinition = term.title;
    if (noHover.matches) {  // Material's tooltip would show on the tap's focus as well: one explanation
      term.removeAttribute("title");
      term.setAttribute("aria-haspopup", "dialog");
      term.setAttribute("aria-expanded", "false");
    }
  }
}

function termPart(className, id) {
  const part = document.createElement("span");
  part.className = className;
  part.id = id;
  return part;
}

function buildTermPop() {
  const pop = termPart("gwr-term-pop", "gwr-term-pop");
  pop.lang = document.documentElement.lang;  // its words are the page's, wherever the term stands
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-labelledby", "gwr-term-pop-name");
  pop.setAttribute("aria-describedby", "gwr-term-pop-text");
  pop.tabIndex = -1;
  const link = document.createElement("a");
  link.className = "gwr-term-pop-link";
  link.textContent = termWords.dataset.gwrEntry;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "gwr-term-pop-close";
  close.setAttribute("aria-label", termWords.dataset.gwrClose);
  close.textContent = "×";
  close.addEventListener("click", () => closeTerm(true));
  pop.append(termPart("gwr-term-pop-name", "gwr-term-pop-name"), termPart("gwr-term-pop-text", "gwr-term-pop-text"),
             link, close);
  pop.addEventListener("focusout", event => {
    if (termOpen && !pop.contains(event.relatedTarget) && event.relatedTarget !== termOpen) closeTerm(false);
  });
  return pop;
}

/* The definition as text, the other language in it marked as such (screen readers switch voice). */
function fillDefinition(element, text) {
  element.replaceChildren();
  const add = (piece, lang) => {
    if (!piece) return;
    if (!lang) { element.append(piece); return; }
    const span = document.createElement("span");
    span.lang = lang;
    span.textContent = piece;
    element.append(span);
  };
  if (document.documentElement.lang.startsWith("zh")) {  // "English（pinyin）：explanation"
    const rendering = text.split("（", 1)[0];
    const english = rendering.length < text.length && !/[\u3400-\u9fff\uf900-\ufaff]/.test(rendering);
    add(english ? rendering : "", "en");
    add(english ? text.slice(rendering.length) : text);
    return;
  }
  let at = 0;
  for (const run of text.matchAll(HAN_RUN)) {
    add(text.slice(at, run.index));
    add(run[0], "zh-Hans");
    at = run.index + run[0].length;
  }
  add(text.slice(at));
}

function placeTermPop() {
  const box = termOpen.getClientRects()[0] || termOpen.getBoundingClientRect();
  termPop.style.left = "0px";
  termPop.style.top = "0px";
  const origin = termPop.getBoundingClientRect();  // where left 0, top 0 lands, whatever holds the popover
  const room = document.documentElement.clientWidth - origin.width - 8;
  termPop.style.left = `${Math.max(8, Math.min(box.left, room)) - origin.left}px`;
  termPop.style.top = `${box.bottom + 6 - origin.top}px`;
}

function openTerm(term) {
  closeTerm(false);
  termPop = termPop || buildTermPop();
  const name = termPop.querySelector(".gwr-term-pop-name");
  name.textContent = term.textContent.trim();
  name.lang = term.closest("[lang]").lang;
  fillDefinition(termPop.querySelector(".gwr-term-pop-text"), term.dataset.gwrDefinition);
  termPop.querySelector("a").setAttribute("href", term.getAttribute("href"));
  term.after(termPop);
  termOpen = term;
  term.setAttribute("aria-expanded", "true");
  term.setAttribute("aria-controls", termPop.id);
  document.body.classList.add("gwr-term-pop-open");
  placeTermPop();
  termPop.focus();
}

function closeTerm(returnFocus) {
  if (!termOpen) return;
  const term = termOpen;
  termOpen = null;
  termPop.remove();
  document.body.classList.remove("gwr-term-pop-open");
  term.removeAttribute("aria-controls");
  if (noHover.matches) term.setAttribute("aria-expanded", "false");
  else term.removeAttribute("aria-expanded");
  if (returnFocus) term.focus();
}

document.addEventListener("click", event => {
  const term = termWords && event.target instanceof Element && event.target.closest(".md-content a.gwr-term");
  if (!term || !term.dataset.gwrDefinition || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const pointer = event.pointerType || lastPointer;
  if (pointer !== "touch" && pointer !== "pen" && !noHover.matches) return;  // a mouse, a keyboard: the entry
  event.preventDefault();
  if (termOpen === term) closeTerm(false);
  else openTerm(term);
});
document.addEventListener("pointerdown", event => {
  if (termOpen && !termPop.contains(event.target) && !termOpen.contains(event.target)) closeTerm(false);
});
document.addEventListener("keydown", event => {
  if (event.key === "Escape" && termOpen) {
    event.preventDefault();
    closeTerm(true);
  }
});
window.addEventListener("resize", () => { if (termOpen) placeTermPop(); });

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
