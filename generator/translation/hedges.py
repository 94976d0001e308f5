"""Aims stay aims: a clause the Chinese words as an aim reads as one in every English text that renders it.

力争规上工业企业研发费用占营业收入比重3%以上 says the city will strive for a ratio over all industrial
enterprises above designated size; "industrial enterprises are to spend at least 3%" drops the hedge and
makes an aggregate a rule for each firm. The words that make an aim (力争, 争取, 力求, 努力, 预计, 目标 …) and the
English that says so (aims, strives, seeks, expects, target …) are house style: translations/style.yaml,
`hedges`. A hedge governs the rest of its clause, up to the next ；or 。: the Chinese runs parallel clauses after
力争 with commas (力争农产品进口超100亿元，消费品进口超200亿元).

- a sentence says it as often as the Chinese has hedged clauses;
- a key point or page point that states a figure of a hedged clause of a sentence it cites says it in the
  English sentence that states the figure, or under a heading that says it (“Main targets for the year”), unless
  the figure also stands unhedged in those sentences;
- a target label of a figure in a hedged clause says it ("… (aim)"), except after words that name what
  follows as targets (预期目标为：…): the targets tables show those as targets already.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..errors import WARNING, Finding
from .english import LABEL, POINT, SENTENCE, EnglishText
from .numbers import chinese_figures, english_figures
from .style import Hedges

_CLAUSE_END = re.compile(r"[；;。！？!?\n]")
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")
CHECK = "hedge"


@dataclass(frozen=True)
class Scope:
    start: int  # the hedge word
    end: int  # the end of its clause
    words: str  # the hedge word as printed
    target: bool  # the hedge names targets (预期目标为：)


def hedged_scopes(chinese: str, hedges: Hedges) -> list[Scope]:
    """The clauses of a Chinese text that are aims, in order; one per hedge word."""
    scopes = []
    for hedge in hedges.chinese:
        for match in hedge.pattern.finditer(chinese):
            end = _CLAUSE_END.search(chinese, match.end())
            scopes.append(Scope(match.start(), end.start() if end else len(chinese), match.group(0), hedge.target))
    return sorted(scopes, key=lambda s: s.start)


def hedge_findings(texts: list[EnglishText], hedges: Hedges) -> list[Finding]:
    if not hedges.chinese or hedges.english is None:
        return []
    chinese_of = {t.ident: t.chinese for t in texts if t.kind == SENTENCE and t.ident}
    found = []
    for text in texts:
        if not text.chinese:
            continue
        if text.kind == SENTENCE:
            found += _sentence(text, hedges)
        elif text.kind == POINT:
            found += _point(text, hedges)
    found += _labels([t for t in texts if t.kind == LABEL and t.figure], chinese_of, hedges)
    return found


def _finding(text: EnglishText, message: str, hedges: Hedges, fix: str = "") -> Finding:
    return Finding(WARNING, CHECK, text.file, text.line, f"{text.ident}: {message}" if text.ident else message,
                   fix or f"say it is an aim ({hedges.say}; translations/style.yaml:{hedges.line})", text.ident)


def _sentence(text: EnglishText, hedges: Hedges) -> list[Finding]:
    clauses = {scope.end: scope.words for scope in hedged_scopes(text.chinese, hedges)}  # one per clause
    said = len(hedges.english.findall(text.text))
    if len(clauses) <= said:
        return []
    words = "、".join(dict.fromkeys(clauses.values()))
    what = "states it as a commitment" if not said else f"says so {said} time(s) for {len(clauses)} clauses"
    return [_finding(text, f"the Chinese words {len(clauses)} clause(s) as an aim ({words}) but the English {what}",
                     hedges)]


def _point(text: EnglishText, hedges: Hedges) -> list[Finding]:
    scopes = hedged_scopes(text.chinese, hedges)
    if not scopes:
        return []
    hedged, plain = {}, set()
    for figure in chinese_figures(text.chinese):
        scope = next((s for s in scopes if s.start < figure.at < s.end), None)
        if scope:
            hedged.setdefault((figure.value, figure.kind), scope)
        else:
            plain.add((figure.value, figure.kind))
    stated = {}
    for figure in english_figures(text.text):
        key = (figure.value, figure.kind)
        if key not in hedged or key in plain or hedges.english.search(_sentence_around(text.text, figure.at)) \
                or hedges.english.search(text.heading):
            continue
        stated.setdefault(str(figure), hedged[key])
    if not stated:
        return []
    scope, verb = next(iter(stated.values())), "is" if len(stated) == 1 else "are"
    return [_finding(text, f"{', '.join(stated)} {verb} in a clause the Chinese words as an aim ({scope.words}: "
                           f"“{text.chinese[scope.start:scope.end][:30]}”) but the point states it as a commitment",
                     hedges)]


def _sentence_around(text: str, at: int) -> str:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end = _SENTENCE_END.search(text, at)
    return text[start:end.end() if end else len(text)]


def _labels(labels: list[EnglishText], chinese_of: dict[str, str], hedges: Hedges) -> list[Finding]:
    """A label names the nth figure printed so in its sentence: the nth occurrence of that figure there."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    found = []
    for label in sorted(labels, key=lambda t: (t.figure.split()[-1], _index(t.ident))):
        printed, segment = label.figure.rsplit(" ", 1)
        nth, seen[(segment, printed)] = seen[(segment, printed)], seen[(segment, printed)] + 1
        chinese = chinese_of.get(segment, "")
        places = [m.start() for m in re.finditer(re.escape(printed), chinese)]
        if nth >= len(places):
            continue
        scope = next((s for s in hedged_scopes(chinese, hedges) if s.start < places[nth] < s.end), None)
        if scope and not scope.target and not hedges.english.search(label.text):
            found.append(_finding(label, f"{printed} is in a clause {segment} words as an aim ({scope.words}) but the "
                                         "label reads as a commitment", hedges,
                                  "say it is an aim, e.g. end the label with “(aim)” "
                                  f"(translations/style.yaml:{hedges.line})"))
    return found


def _index(ident: str | None) -> int:
    tail = (ident or "").rsplit(".q", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 0
