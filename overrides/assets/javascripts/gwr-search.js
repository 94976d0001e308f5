/*
 * The site's search: a web worker for Material for MkDocs' search box (its custom worker protocol:
 * SETUP -> READY, QUERY -> RESULT). Nothing is downloaded before the first query; then only the
 * index files the query needs, written by generator/site/search/index.py next to this edition, each
 * once a page (and from the browser's cache on later pages: their URLs carry the index's stamp).
 *
 * Tokens follow generator/site/search/tokens.py exactly (tests/test_search.py runs both on the
 * same texts): Chinese characters, numbers and Porter-stemmed Latin words are units; a document
 * is indexed under every unit and every pair of neighbouring units of which one is Chinese; a
 * query needs all its pairs, so what is typed is found as typed. Hyphen, spacing and case variants
 * are one word (e-commerce, ecommerce, E-Commerce, e commerce). Pages match when they hold every
 * token of the query; report pages come first, then editorial pages, then the glossary's entries
 * as one group. When no page holds every token, the answer is no result, with the glossary's terms
 * nearest to the query for gwr.js to list. A query runs once the typing pauses. Results are HTML
 * for Material's list, so every text is escaped here.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const IN_BROWSER = typeof self !== "undefined" && typeof self.postMessage === "function";
const INDEX = IN_BROWSER ? new URL("../../search/gwr/", self.location.href) : null;  // beside this edition
const K1 = 1.2, B = 0.75;
const PREFIX_WEIGHT = 0.6;  // a word still being typed: stems it begins count a little less
const PAGE_DECAY = [1, 0.3, 0.1];  // a page's score: its best document, then a little of the next two
const LIMITS = [10, 3, 1];  // result items per group: report pages, editorial pages, the glossary
const DOCS_PER_ITEM = [3, 2, 6];
const EXCERPT = {zh: 90, en: 220};
const NEAREST = 5;  // glossary terms offered when the report is silent on a query
const PAUSE = 150;  // ms without a key before a query typed in Latin letters or digits runs

/* --- tokens (as tokens.py) ------------------------------------------------------------------- */

const UNIT = /[\u3400-\u9fff\uf900-\ufaff]|[0-9]+(?:[.,][0-9]+)*%?|[a-z]+/g;
const CHINESE = /^[\u3400-\u9fff\uf900-\ufaff]/;
const HYPHEN = /[-\u2010\u2011]/g;
const HYPHENATED = /[a-z]+(?:[-\u2010\u2011][a-z]+)+/g;  // e-commerce, sea-rail-road
const SPACED = /(?<=[a-z])[\t\n\r ]+(?=[a-z])/g;  // between two words of a query
const MAX_VARIANTS = 4;
const STOP_WORDS = new Set(("a an and are as at be by for from has have in into is it its of on or such that " +
  "the their this to was were which will with").split(" "));

const normalise = text => text.normalize("NFKC").toLowerCase();

function unitOf(raw) {
  if (raw[0] >= "0" && raw[0] <= "9") return raw.replace(/,/g, "");
  if (CHINESE.test(raw)) return raw;
  return STOP_WORDS.has(raw) ? "" : stem(raw);
}

function chains(text) {
  const result = [];
  let current = [], end = 0;
  for (const match of normalise(text).matchAll(UNIT)) {
    if (current.length && match.index !== end) {
      result.push(current);
      current = [];
    }
    const unit = unitOf(match[0]);
    if (unit) current.push(unit);
    else { result.push(current); current = []; }
    end = match.index + match[0].length;
  }
  if (current.length) result.push(current);
  return result.filter(chain => chain.length);
}

/* Every run of two or more hyphen-joined words written as one and stemmed (e-commerce -> ecommerc). */
function compounds(text) {
  const result = [];
  for (const match of normalise(text).matchAll(HYPHENATED)) {
    const words = match[0].split(HYPHEN);
    for (let start = 0; start + 1 < words.length; start++)
      for (let end = start + 2; end <= words.length; end++) {
        const joined = words.slice(start, end).join("");
        if (!STOP_WORDS.has(joined)) result.push(stem(joined));
      }
  }
  return result;
}

/* The text normalised, hyphen-joined words written as one (what a query asks for). */
function joinHyphens(text) {
  return normalise(text).replace(HYPHENATED, match => match.replace(HYPHEN, ""));
}

/* The query with two neighbouring words written as one, a pair at a time (live streaming -> livestreaming). */
function queryVariants(text) {
  const joined = joinHyphens(text), result = [];
  for (const match of joined.matchAll(SPACED)) {
    const before = joined.slice(0, match.index), after = joined.slice(match.index + match[0].length);
    const left = /[a-z]+$/.exec(before)[0], right = /^[a-z]+/.exec(after)[0];
    if (!STOP_WORDS.has(left) && !STOP_WORDS.has(right)) result.push(before + after);
  }
  return result.slice(0, MAX_VARIANTS);
}

function isPair(a, b) { return CHINESE.test(a) || CHINESE.test(b); }

function queryTokens(text) {
  const needed = [];
  for (const chain of chains(joinHyphens(text))) {
    const covered = new Set();
    for (let i = 0; i + 1 < chain.length; i++)
      if (isPair(chain[i], chain[i + 1])) {
        needed.push(chain[i] + chain[i + 1]);
        covered.add(i).add(i + 1);
      }
    chain.forEach((unit, i) => { if (!covered.has(i)) needed.push(unit); });
  }
  return [...new Set(needed)];
}

/* --- the Porter stemmer (as porter.py) ---------------------------------------------------------- */

function consonant(w, i) {
  if ("aeiou".includes(w[i])) return false;
  if (w[i] === "y") return i === 0 || !consonant(w, i - 1);
  return true;
}

function measure(s) {
  let m = 0, i = 0;
  const n = s.length;
  while (i < n && consonant(s, i)) i++;
  while (i < n) {
    while (i < n && !consonant(s, i)) i++;
    if (i >= n) break;
    while (i < n && consonant(s, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(s) { for (let i = 0; i < s.length; i++) if (!consonant(s, i)) return true; return false; }
function doubleConsonant(w) { return w.length >= 2 && w.at(-1) === w.at(-2) && consonant(w, w.length - 1); }
function cvc(w) {
  const n = w.length;
  return n >= 3 && consonant(w, n - 3) && !consonant(w, n - 2) && consonant(w, n - 1) && !"wxy".includes(w.at(-1));
}

const STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
  ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"],
  ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"],
  ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]];
const STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""],
  ["ness", ""]];
const STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
  "ate", "iti", "ous", "ive", "ize"];
const longestFirst = rules => [...rules].sort((a, b) => b[0].length - a[0].length);
const STEP2_SORTED = longestFirst(STEP2), STEP3_SORTED = longestFirst(STEP3);
const STEP4_SORTED = [...STEP4].sort((a, b) => b.length - a.length);

function replaceLongest(word, rules) {
  for (const [suffix, replacement] of rules)
    if (word.endsWith(suffix)) {
      const s = word.slice(0, -suffix.length);
      return measure(s) > 0 ? s + replacement : word;
    }
  return word;
}

function stem(word) {
  if (word.length <= 2) return word;
  if (word.endsWith("sses") || word.endsWith("ies")) word = word.slice(0, -2);
  else if (!word.endsWith("ss") && word.endsWith("s")) word = word.slice(0, -1);
  let removed = false;
  if (word.endsWith("eed")) {
    if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
  } else if (word.endsWith("ed") && hasVowel(word.slice(0, -2))) {
    word = word.slice(0, -2); removed = true;
  } else if (word.endsWith("ing") && hasVowel(word.slice(0, -3))) {
    word = word.slice(0, -3); removed = true;
  }
  if (removed) {
    if (word.endsWith("at") || word.endsWith("bl") || word.endsWith("iz")) word += "e";
    else if (doubleConsonant(word) && !"lsz".includes(word.at(-1))) word = word.slice(0, -1);
    else if (measure(word) === 1 && cvc(word)) word += "e";
  }
  if (word.endsWith("y") && hasVowel(word.slice(0, -1))) word = word.slice(0, -1) + "i";
  word = replaceLongest(word, STEP2_SORTED);
  word = replaceLongest(word, STEP3_SORTED);
  for (const suffix of STEP4_SORTED)
    if (word.endsWith(suffix)) {
      const s = word.slice(0, -suffix.length);
      if (measure(s) > 1 && (suffix !== "ion" || s.endsWith("s") || s.endsWith("t"))) word = s;
      break;
    }
  if (word.endsWith("e")) {
    const s = word.slice(0, -1);
    if (measure(s) > 1 || (measure(s) === 1 && !cvc(s))) word = s;
  }
  if (measure(word) > 1 && doubleConsonant(word) && word.endsWith("l")) word = word.slice(0, -1);
  return word;
}

/* --- index files, fetched when needed and kept ------------------------------------------------- */

/* Each file is fetched once per page and kept. meta.json is revalidated on every page (it names the
   index's stamp); every other file is asked for with ?v=<stamp>, so the browser's cache may serve it
   without asking again for as long as it keeps it: a new build has a new stamp. */
const cache = new Map();
function load(path, meta) {
  if (!cache.has(path)) {
    const url = new URL(path, INDEX);
    if (meta) url.searchParams.set("v", meta.stamp);
    cache.set(path, fetch(url, {cache: meta ? "force-cache" : "no-cache"}).then(r => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    }));
    cache.get(path).catch(() => cache.delete(path));  // a failed fetch is tried again by the next query
  }
  return cache.get(path);
}

const loadMeta = () => load("meta.json");

function fnv1a(text) {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0), 16777619) >>> 0;
  return h;
}

function shardOf(token, meta) {
  const key = token.charCodeAt(0) < 128 ? token.slice(0, 3) : token;
  return fnv1a(key) % meta.shards;
}

/* --- search ------------------------------------------------------------------------------------ */

async function postings(meta, needed, prefix) {
  const shards = await Promise.all(needed.map(t => load(`t/${shardOf(t, meta)}.json`, meta)));
  return needed.map((token, i) => {
    if (token !== prefix) return [[shards[i][token] || [], 1]];
    return Object.keys(shards[i]).filter(key => key.startsWith(token))
      .map(key => [shards[i][key], key === token ? 1 : PREFIX_WEIGHT]);
  });
}

function scoreDocuments(meta, lists) {
  const total = meta.docPage.length, docs = new Map();
  lists.forEach((variants, i) => {
    const seen = new Set();
    variants.forEach(([list]) => { for (let j = 0; j < list.length; j += 2) seen.add(list[j]); });
    const idf = Math.log(1 + (total - seen.size + 0.5) / (seen.size + 0.5));
    for (const [list, weight] of variants)
      for (let j = 0; j < list.length; j += 2) {
        const doc = list[j], tf = list[j + 1] * weight;
        const norm = 1 - B + B * meta.docLength[doc] / meta.averageLength;
        const score = idf * tf * (K1 + 1) / (tf + K1 * norm) * meta.boost[meta.docKind[doc]];
        const entry = docs.get(doc) || {doc, score: 0, matched: new Set()};
        entry.score += score;
        entry.matched.add(i);
        docs.set(doc, entry);
      }
  });
  return docs;
}

/* Pages that hold every token of the query (in any of their documents), best first per group. */
function rankPages(meta, docs, count) {
  const pages = new Map();
  for (const entry of docs.values()) {
    const page = meta.docPage[entry.doc];
    const item = pages.get(page) || {page, matched: new Set(), docs: []};
    entry.matched.forEach(i => item.matched.add(i));
    item.docs.push(entry);
    pages.set(page, item);
  }
  const kept = [...pages.values()].filter(p => p.matched.size === count);
  for (const item of kept) {
    item.docs.sort((a, b) => b.matched.size - a.matched.size || b.score - a.score || a.doc - b.doc);
    item.coverage = item.docs[0].matched.size;  // how much of the query one sentence holds
    item.score = item.docs.slice(0, PAGE_DECAY.length).reduce((sum, d, k) => sum + d.score * PAGE_DECAY[k], 0);
    item.group = meta.pages[item.page][2];
  }
  kept.sort((a, b) => a.group - b.group || b.coverage - a.coverage || b.score - a.score || a.page - b.page);
  const shown = [];
  meta.groups.forEach((_, group) => shown.push(...kept.filter(p => p.group === group).slice(0, LIMITS[group])));
  return shown;
}

/* The stem of the word being typed (the text ends in it), which the stems it begins also match. */
function prefixOf(text) {
  const last = /([a-z]{3,})$/.exec(joinHyphens(text));
  return last && !STOP_WORDS.has(last[1]) ? stem(last[1]) : null;
}

async function find(meta, text) {
  const tokens = queryTokens(text), prefix = prefixOf(text);
  const pages = rankPages(meta, scoreDocuments(meta, await postings(meta, tokens, prefix)), tokens.length);
  return {tokens, prefix, pages};
}

async function chunksOf(meta, docs) {
  const chunks = new Map();
  await Promise.all([...new Set(docs.map(d => Math.floor(d / meta.chunk)))].map(async n =>
    chunks.set(n, await load(`d/${n}.json`, meta))));
  return doc => chunks.get(Math.floor(doc / meta.chunk))[doc % meta.chunk];
}

/* The answer to a query: Material's result items, and for gwr.js the query it answers and, when no
   page holds every word of it, the glossary's terms nearest to it. */
async function search(text) {
  const query = text.trim();
  if (!queryTokens(text).length) return {items: [], gwr: {query}};  // Material asks with the empty box at once
  const meta = await loadMeta();
  let found = await find(meta, text);
  for (const variant of found.pages.length ? [] : queryVariants(text)) {  // live streaming -> livestreaming
    const joined = await find(meta, variant);
    if (joined.pages.length) { found = joined; break; }
  }
  if (!found.pages.length) return {items: [], gwr: {query, nearest: await nearest(meta, text), labels: meta.labels}};
  const {pages, tokens, prefix} = found;
  const doc = await chunksOf(meta, pages.flatMap(p => p.docs.slice(0, DOCS_PER_ITEM[p.group]).map(d => d.doc)));
  const marker = new Marker(text, tokens, prefix);
  return {items: pages.map(p => item(meta, p, doc, query, marker)), gwr: {query}};
}

/* The report is silent on the query: the glossary's entries that share most of its words (stems,
   and for Chinese its pairs of characters) with it, their names counting double. */
async function nearest(meta, text) {
  const glossary = meta.groups.indexOf("glossary"), term = meta.kinds.indexOf("term");
  const docs = scoreDocuments(meta, await postings(meta, queryTokens(text), prefixOf(text)));
  const found = [...docs.values()].filter(d =>
    meta.docKind[d.doc] === term && meta.pages[meta.docPage[d.doc]][2] === glossary);
  found.sort((a, b) => b.matched.size - a.matched.size || b.score - a.score || a.doc - b.doc);
  const chosen = found.slice(0, NEAREST);
  const doc = await chunksOf(meta, chosen.map(d => d.doc));
  const slug = meta.pages.find(p => p[2] === glossary)?.[0] || "glossary";
  return chosen.map(d => {
    const [anchor, , , name, other] = doc(d.doc);
    return {name, other, location: `${slug}/#${anchor}`};
  });
}

function item(meta, page, doc, query, marker) {
  const [slug, title] = meta.pages[page.page];
  // Material lists a query term marked false as missing: here, when the page has only related words.
  const terms = {[query]: meta.kinds[meta.docKind[page.docs[0].doc]] !== "related"};
  const base = slug === "index" ? "" : `${slug}/`;
  const docs = page.docs.slice(0, DOCS_PER_ITEM[page.group]).map((d, k) => {
    const [anchor, heading, text] = doc(d.doc);
    return {
      location: anchor ? `${base}#${anchor}` : base, title: escapeHTML(heading),
      text: marker.excerpt(text, EXCERPT[meta.lang] || 160), terms,
      score: k === 0 ? page.score : Math.min(page.score, d.score) * 0.99 ** (k + 1),
    };
  });
  return [{location: base, title: escapeHTML(title), text: "", terms, score: page.score}, ...docs];
}

/* --- the query marked in a result's text ----------------------------------------------------- */

class Marker {
  constructor(text, tokens, prefix) {
    this.runs = chains(text).filter(chain => chain.length > 1);  // what was typed, run by run
    this.tokens = new Set(tokens);
    this.prefix = prefix;
  }

  /* Spans of the text to mark: whole runs of the query where the text has them; else its tokens. */
  spans(text) {
    const units = [...text.toLowerCase().matchAll(UNIT)].map(m => ({
      start: m.index, end: m.index + m[0].length, unit: unitOf(m[0])}));
    const marked = units.map(() => false);
    let whole = false;
    for (const run of this.runs)
      for (let i = 0; i + run.length <= units.length; i++)
        if (run.every((unit, k) => units[i + k].unit === unit && (k === 0 || units[i + k].start === units[i + k - 1].end))) {
          for (let k = 0; k < run.length; k++) marked[i + k] = true;
          whole = true;
        }
    const wanted = unit => this.tokens.has(unit) || (this.prefix && unit.startsWith(this.prefix));
    if (!whole) units.forEach((u, i) => {
      if (!u.unit) return;
      if (wanted(u.unit)) marked[i] = true;
      const next = units[i + 1];
      if (next && next.start === u.end && next.unit && this.tokens.has(u.unit + next.unit))
        marked[i] = marked[i + 1] = true;
    });
    const found = [...units.filter((u, i) => marked[i]).map(u => [u.start, u.end]),
      ...this.compoundSpans(text, wanted)].sort((a, b) => a[0] - b[0] || a[1] - b[1]);  // e-commerce for ecommerce
    const spans = [];
    for (const [start, end] of found) {
      const previous = spans.at(-1);
      if (previous && previous[1] >= start) previous[1] = Math.max(previous[1], end);
      else spans.push([start, end]);
    }
    return spans;
  }

  /* Spans of hyphen-joined words in the text whose joined stem the query asks for. */
  compoundSpans(text, wanted) {
    const spans = [];
    for (const match of text.toLowerCase().matchAll(HYPHENATED)) {
      const words = [];
      for (const word of match[0].matchAll(/[a-z]+/g))
        words.push({word: word[0], start: match.index + word.index, end: match.index + word.index + word[0].length});
      for (let start = 0; start + 1 < words.length; start++)
        for (let end = start + 2; end <= words.length; end++)
          if (wanted(stem(words.slice(start, end).map(w => w.word).join(""))))
            spans.push([words[start].start, words[end - 1].end]);
    }
    return spans;
  }

  excerpt(text, length) {
    const spans = this.spans(text);
    let from = 0, to = text.length;
    if (text.length > length) {
      const first = spans.length ? spans[0][0] : 0;
      from = Math.max(0, Math.min(first - Math.floor(length / 4), text.length - length));
      to = from + length;
    }
    let html = from > 0 ? "…" : "", at = from;
    for (const [start, end] of spans) {
      if (end <= from || start >= to) continue;
      html += escapeHTML(text.slice(at, Math.max(at, start))) + "<mark>" +
        escapeHTML(text.slice(Math.max(start, from), Math.min(end, to))) + "</mark>";
      at = Math.min(end, to);
    }
    return html + escapeHTML(text.slice(at, to)) + (to < text.length ? "…" : "");
  }
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
}

/* --- Material's worker protocol ---------------------------------------------------------------- */

/* Material asks at every key released: the search runs once the reader pauses (PAUSE after the last
   key), and at once after text that ends in Chinese (an input method commits whole words) or an empty
   box. The index's meta.json is fetched with the first key, while the reader goes on typing. */
let latest = 0, timer = 0;
function answer(text) {
  const query = ++latest;
  clearTimeout(timer);
  const run = () => search(text)
    .catch(() => ({items: [], gwr: {query: text.trim()}}))
    .then(data => { if (query === latest) self.postMessage({type: RESULT, data}); });
  const now = !text.trim() || CHINESE.test([...text.trim()].at(-1));
  if (now) run();
  else {
    loadMeta().catch(() => {});
    timer = setTimeout(run, PAUSE);
  }
}

if (IN_BROWSER) self.addEventListener("message", ({data}) => {
  if (data.type === SETUP) self.postMessage({type: READY});
  else if (data.type === QUERY) answer(data.data);
});

/* Tests run this file in Node to compare its tokens with the Python ones. */
if (typeof module !== "undefined") module.exports = {chains, queryTokens, compounds, queryVariants, stem, fnv1a, Marker, PAUSE};
