"""One Chinese term, one English rendering across the edition, whether or not the glossary has it.

quality.inconsistent_terms holds a glossary term to one rendering per page; a reader of the whole edition
meets the term on every page. Three ways a term ends up with two renderings, each found here:

- a glossary term written with two of its accepted forms on two pages (新动能: “new momentum” in a title,
  “new drivers of growth” in the text); a short form of the other (Suxi for Suxi Town) or an abbreviation
  is one rendering, and terms whose English names what each sentence counts (人次) are listed in
  translations/style.yaml (`consistency: vary`);
- a glossary term under a modifier the glossary lacks, the modifier rendered two ways (省科技型中小企业:
  “provincially certified technology-based SMEs”, “technology-based SMEs recognized by the province”): the
  words right before the glossary rendering, or a “…ed by …” phrase right after it, must be the same;
- a repeated term the glossary lacks (four or more characters, a noun phrase by jieba's tagging) whose
  English texts share no distinctive word at all: two renderings, or a term left out.

The texts compared are the sentences, titles and target labels (and, for the modifier, the points citing
them). Findings are warnings at the later text, naming the first; the fix is one rendering, and a glossary
entry (local.yaml for a term of this report, shared.yaml for a term any report may use).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..enrich.glossary import Glossary, Term
from ..enrich.terms import ChineseMatcher, EnglishMatcher, Renderings
from ..errors import WARNING, Finding
from ..source.segmenter import tags, words
from ..util.cache import AnswerFile, code_version, content_key, installed_version, kept
from .english import LABEL, POINT, SENTENCE, EnglishText
from .style import Consistency

CHECK = "term-consistency"
MIN_CHARS = 4
MAX_CHARS = 12  # the longest term looked for
_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'][a-z]+)?")
_STOP = set("""a an the of and or to in on at for with by from as into over under than that this these those
it its their our we will be is are was were been has have had more most least new such other including which who
whose also all each every per s""".split())
_NOMINAL_END = {"n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "j", "l", "ng"}
_NOT_START = {"v", "vd", "d", "p", "c", "m", "f", "r", "u", "q", "ad", "uj", "ul", "zg", "y"}
_LIST_WORDS = re.compile(r"[等和及与、]")
_DISTINCT = 0.25  # a word in more than this share of the texts says nothing about one term


def consistency_findings(texts: list[EnglishText], glossary: Glossary | None, style: Consistency,
                         renderings: Renderings | None = None) -> list[Finding]:
    corpus = [t for t in texts if t.kind in (SENTENCE, LABEL) and t.chinese
              and not (t.ident or "").endswith(".short-title")]
    points = [t for t in texts if t.kind == POINT and t.chinese]
    found = []
    repeated = _repeated_terms(corpus)  # read by both checks below
    if glossary and glossary.terms:
        found += _glossary_forms(corpus + points, renderings or Renderings(glossary), style)
        found += _modifiers(repeated, points, glossary)
    found += _unshared(corpus, repeated, glossary, style)
    return found


def _finding(text: EnglishText, message: str, fix: str) -> Finding:
    return Finding(WARNING, CHECK, text.file, text.line, f"{text.ident}: {message}" if text.ident else message,
                   fix, text.ident)


def _where(text: EnglishText) -> str:
    return f"{text.file}:{text.line} ({text.ident})"


def _one_rendering(form: str, other: str, style: Consistency) -> bool:
    a, b = (re.sub(r"(?<=\w)e?s\b", "", _same_forms(f, style).casefold()) for f in (form, other))
    return a in b or b in a or any(re.fullmatch(r"[A-Z0-9&-]{2,10}", f) for f in (form, other))


def _same_forms(text: str, style: Consistency) -> str:
    for forms in style.same:
        for form in forms[1:]:
            text = re.sub(rf"\b{re.escape(form)}\b", forms[0], text, flags=re.IGNORECASE)
    return text


# --- a glossary term, two of its forms --------------------------------------------------------------

def _glossary_forms(texts: list[EnglishText], renderings: Renderings, style: Consistency) -> list[Finding]:
    first: dict[str, tuple[str, EnglishText]] = {}
    found = []
    for text in texts:
        for term, forms in renderings.of(text.chinese, text.text):
            if term.zh in style.vary:
                continue
            for form in forms:
                seen = first.setdefault(term.id, (form, text))
                if seen[1] is text or seen[1].group == text.group or _one_rendering(form, seen[0], style):
                    continue  # the same page: quality.inconsistent_terms reports it
                found.append(_finding(text, f"{term.zh} is “{form}” here but “{seen[0]}” at {_where(seen[1])}",
                                      f"use one rendering across the edition, and keep only it in {term.file} "
                                      f"(line {term.line}) unless the other is also right everywhere"))
    return found


# --- a glossary term under a modifier the glossary lacks ------------------------------------------

_FUNCTION = _STOP | set("about among between through within without across after before during".split())
_POST = re.compile(r"\s+([a-z]+ed\s+by\s+(?:the\s+)?[\w-]+)", re.IGNORECASE)


def _modifiers(repeated: dict[str, list[EnglishText]], points: list[EnglishText], glossary: Glossary) -> list[Finding]:
    english = EnglishMatcher(glossary)
    forms = {form: term for term in glossary.terms for form in term.zh_forms}
    found = []
    for term_zh, texts in repeated.items():
        base = _longest_suffix(term_zh, forms)
        if base is None or term_zh in forms or not _all_han(term_zh[:-len(base)]):
            continue
        signatures = [(sig, text) for text in texts
                      for sig in _signatures(text, term_zh, base, forms[base], english)[:1]]
        for point in points:  # a point follows no order of the Chinese: only where the base is always the term's
            if term_zh in point.chinese and point.chinese.count(base) == point.chinese.count(term_zh):
                signatures += [(sig, point) for sig in _signatures(point, term_zh, base, forms[base], english, True)]
        if not signatures:
            continue
        first, where = signatures[0]
        for signature, text in signatures[1:]:
            if not _one_modifier(signature, first):
                found.append(_finding(text, f"{term_zh} is “{signature}” + {forms[base].en} here but “{first}” at "
                                            f"{_where(where)}: its {term_zh[:-len(base)]} is rendered two ways",
                                      "render the term one way everywhere, and add it to the glossary "
                                      "(local.yaml for this report's terms, shared.yaml for others)"))
    return found


def _all_han(text: str) -> bool:
    """re.fullmatch(r"[\u4e00-\u9fff]+", text), without compiling a class of the Han range (milliseconds)."""
    return bool(text) and all("\u4e00" <= char <= "\u9fff" for char in text)


def _longest_suffix(term_zh: str, forms: dict[str, Term]) -> str | None:
    """The longest glossary form that the term ends with, other than the term itself."""
    return next((term_zh[-size:] for size in range(len(term_zh) - 1, 0, -1) if term_zh[-size:] in forms), None)


def _signatures(text: EnglishText, term_zh: str, base: str, term: Term, english: EnglishMatcher,
                every: bool = False) -> list[str]:
    """The English of the modifier: the words right before the glossary rendering (up to a function word or a
    figure), else a participle phrase right after it (“… recognized by the province”). Of the rendering that
    stands where the term stands in the Chinese (the nth base of the Chinese), or of `every` rendering."""
    spans = sorted({(m.start(), m.end()) for form in term.en_forms
                    for m in re.finditer(re.escape(form), text.text, re.IGNORECASE)})
    if not spans:
        return []
    if not every:
        bases = [m.start() for m in re.finditer(re.escape(base), text.chinese)]
        nth = bases.index(text.chinese.index(term_zh) + len(term_zh) - len(base))
        spans = [spans[min(nth, len(spans) - 1)]]
    return [sig for sig in (_modifier(text.text, start, end) for start, end in spans) if sig]


def _one_modifier(one: str, other: str) -> bool:
    """The same words, or one's words within the other's (“leading global” for 全球头部 beside “leading”)."""
    a, b = (set(re.findall(r"\w+", m)) for m in (one, other))
    return a <= b or b <= a


def _modifier(text: str, start: int, end: int) -> str | None:
    before = []
    for word in reversed(re.findall(r"[\w’'-]+|[^\w\s]", text[:start])[-3:]):
        if not re.fullmatch(r"[A-Za-z][\w’'-]*", word) or word.lower() in _FUNCTION or len(before) == 2:
            break
        before.insert(0, word.lower())
    if before:
        return " ".join(before)
    after = _POST.match(text, end)
    return after.group(1).lower() if after else None


# --- a repeated term the glossary lacks, no English in common ----------------------------------------

def _unshared(corpus: list[EnglishText], repeated: dict[str, list[EnglishText]], glossary: Glossary | None,
              style: Consistency) -> list[Finding]:
    matcher = ChineseMatcher(glossary) if glossary and glossary.terms else None
    words = {id(t): _content(t.text, style) for t in corpus}
    frequency = Counter(w for t in corpus for w in words[id(t)])
    common = {w for w, n in frequency.items() if len(corpus) >= 8 and n > _DISTINCT * len(corpus)}
    found = []
    for term_zh, texts in repeated.items():
        if matcher and matcher.find(term_zh):
            continue  # a glossary term, or one under a modifier: the checks above
        reference = texts[0]
        for text in texts[1:]:
            if not (words[id(reference)] & words[id(text)]) - common:
                found.append(_finding(text, f"{term_zh} has no English in common with its rendering at "
                                            f"{_where(reference)}: two renderings, or the term left out",
                                      "render the term one way everywhere, and add it to the glossary "
                                      "(local.yaml for this report's terms, shared.yaml for others)"))
    return found


def _content(text: str, style: Consistency) -> set[str]:
    found = set()
    for word in _WORD.findall(_same_forms(text, style)):
        lower = word.lower()
        if lower not in _STOP and not word.isdigit():
            found.add(_PLURAL_S.sub("", lower) if lower.endswith("s") else lower)
    return found


_PLURAL_S = re.compile(r"(?<=[a-z]{3})s$")


def _repeated_terms(corpus: list[EnglishText]) -> dict[str, list[EnglishText]]:
    """Noun phrases of MIN_CHARS+ characters that begin and end on word boundaries in at least two texts, the
    longest of those found in the same texts, in the order of the texts. Kept between runs by the texts'
    Chinese (and jieba's version, whose words bound the terms): an edit of the English leaves it as it is."""
    question = content_key(code_version(), installed_version("jieba"),
                           json.dumps([text.chinese for text in corpus], ensure_ascii=False))
    found = kept(_repeated_answers(), question, lambda: _find_repeated(corpus), list, list)
    return {term: [corpus[i] for i in indices] for term, indices in found}


REPEATED_ANSWERS = 4  # answers kept, the most recent


@lru_cache(maxsize=1)
def _repeated_answers() -> AnswerFile:
    return AnswerFile("repeated-terms", REPEATED_ANSWERS, lambda data: isinstance(data, list) and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)
        for item in data))


@lru_cache(maxsize=1)
def _han_runs() -> re.Pattern:
    # compiled when first needed: a class of the Han ranges takes re milliseconds to compile, and a run that finds
    # its answers kept (util/cache.py) needs none
    return re.compile(r"[\u4e00-\u9fff]{%d,}" % MIN_CHARS)


def _find_repeated(corpus: list[EnglishText]) -> list[list]:
    """_repeated_terms, as [term, [indices of its texts in the corpus]]."""
    runs = [(index, run) for index, text in enumerate(corpus) for run in _han_runs().findall(text.chinese)]
    shared = _shared_grams(runs)
    where: dict[str, list[int]] = defaultdict(list)
    for index, run in runs:
        reach = _reach(run, shared)
        starts = range(len(run))
        for size in range(MIN_CHARS, min(len(run), MAX_CHARS) + 1):
            # only where every MIN_CHARS characters of the piece are in another text too: the others are in one
            starts = [at for at in starts if reach[at] > size - MIN_CHARS and at + size <= len(run)]
            for at in starts:
                if not where[run[at:at + size]] or where[run[at:at + size]][-1] != index:
                    where[run[at:at + size]].append(index)
    repeated = {k: v for k, v in where.items() if len(v) > 1 and not _LIST_WORDS.search(k)}
    found = []
    found_in: dict[tuple[int, ...], list[str]] = defaultdict(list)  # the terms found by the texts they are in
    for term in sorted(repeated, key=len, reverse=True):
        texts = tuple(repeated[term])
        if any(term in longer for longer in found_in[texts]):
            continue
        bounded = [i for i in texts if _bounded(term, corpus[i].chinese)]
        if len(bounded) > 1 and _noun_phrase(term):
            found.append([term, bounded])
            found_in[texts].append(term)
    return found


def _shared_grams(runs: list[tuple[int, str]]) -> set[str]:
    """The pieces of MIN_CHARS characters that are in two texts or more."""
    texts_with: dict[str, int] = Counter()
    for grams in _grams_by_text(runs).values():
        texts_with.update(grams)
    return {gram for gram, count in texts_with.items() if count > 1}


def _grams_by_text(runs: list[tuple[int, str]]) -> dict[int, set[str]]:
    grams: dict[int, set[str]] = defaultdict(set)
    for index, run in runs:
        grams[index].update(run[at:at + MIN_CHARS] for at in range(len(run) - MIN_CHARS + 1))
    return grams


def _reach(run: str, shared: set[str]) -> list[int]:
    """For each place in the run, how many shared pieces of MIN_CHARS characters start there one after another."""
    reach = [0] * (len(run) + 1)
    for at in range(len(run) - MIN_CHARS, -1, -1):
        reach[at] = reach[at + 1] + 1 if run[at:at + MIN_CHARS] in shared else 0
    return reach


def _bounded(term: str, text: str) -> bool:
    """The term stands somewhere in the text as whole words (its places as re.finditer finds them)."""
    edges = _edges(text)
    at = text.find(term)
    while at >= 0:
        if at in edges and at + len(term) in edges:
            return True
        at = text.find(term, at + len(term))
    return False


@lru_cache(maxsize=2048)
def _edges(text: str) -> frozenset[int]:
    at, edges = 0, {0}
    for word in words(text):
        at += len(word)
        edges.add(at)
    return frozenset(edges)


@lru_cache(maxsize=4096)
def _noun_phrase(term: str) -> bool:
    flags = [flag for _, flag in tags(term)]
    return flags[-1] in _NOMINAL_END and flags[0] not in _NOT_START
