"""Enrich: the report's quantified statements (targets, goals, achievements) as data.

Built by rules of the genre, from the text: a figure with a unit (600亿元, 120万人,
1000亩, 7.9%, 第7位), the comparator around it (超 >, 以上 >=, 以内 <=, 增长 growth …),
the metric (the words before it in its clause), the period (the part it is in: the
review of five years, the 2026–2030 plan, the 2026 work plan) and, where the text
says 从A增长至B, the starting value. Years, durations and numbers inside names
(“4+1”, 5A级, 235国道) are not quantities and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..source.model import PartKind, Report, SegmentRole

# Units as printed after the figure, longest first; (base unit, scale).
UNITS = {
    "万亿元": ("CNY", 10**12), "亿美元": ("USD", 10**8), "万美元": ("USD", 10**4), "亿元": ("CNY", 10**8),
    "万元": ("CNY", 10**4), "元": ("CNY", 1), "万人次": ("person-times", 10**4), "人次": ("person-times", 1),
    "万人": ("persons", 10**4), "人": ("persons", 1), "万名": ("persons", 10**4), "名": ("persons", 1), "平方公里": ("km²", 1),
    "万平方米": ("m²", 10**4), "平方米": ("m²", 1), "万标箱": ("TEU", 10**4), "标箱": ("TEU", 1),
    "万千瓦": ("kW", 10**4), "千瓦": ("kW", 1), "公里": ("km", 1), "万亩": ("mu", 10**4), "亩": ("mu", 1),
    "万户": ("households", 10**4), "户": ("households", 1), "万吨": ("t", 10**4), "吨": ("t", 1),
    "万单": ("orders", 10**4), "单": ("orders", 1), "万辆": ("vehicles", 10**4), "辆": ("vehicles", 1),
    "万件": ("items", 10**4), "件": ("items", 1), "%": ("percent", 1), "倍": ("times", 1), "位": ("rank", 1),
    "家": ("count", 1), "个": ("count", 1), "场": ("count", 1), "项": ("count", 1), "所": ("count", 1),
    "套": ("count", 1), "列": ("count", 1), "批": ("count", 1), "条": ("count", 1), "座": ("count", 1),
    "张": ("count", 1), "次": ("count", 1), "处": ("count", 1), "支": ("count", 1), "台": ("count", 1),
    "栋": ("count", 1), "块": ("count", 1), "款": ("count", 1),
    "万": ("count", 10**4),  # a bare 万 after a figure: 实有人口342万
    "": ("ratio", 1),  # a bare figure before 以内/以上/左右
}
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS if u), key=len, reverse=True))
# A figure with a unit, or a bare ratio right before its comparator (收入倍差缩小至1.74以内).
FIGURE = re.compile(rf"(第)?(\d+(?:\.\d+)?)({_UNIT}|(?=以内|以上|左右))")
# A figure glued to letters or other figures is part of a name or code: 5A级, S217, 4+1.
_NAME_BEFORE = re.compile(r"[A-Za-z+·\-]$")
_CLAUSE_BREAK = re.compile(r"[，；：。！？]")
AFTER = [("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~")]
BEFORE = [("不少于", ">="), ("不超过", "<="), ("控制在", "<="), ("超过", ">"), ("突破", ">"), ("超", ">"),
          ("增至", "="), ("提高到", "="), ("提升至", "="), ("达到", "="), ("达", "="), ("增长", "growth"),
          ("下降", "decline"), ("降低", "decline"), ("跃升至", "=")]
PERIODS = {PartKind.REVIEW: "achievement", PartKind.PLAN: "goal-2030", PartKind.WORK_PLAN: "target-2026"}
_FILLER = re.compile(r"^(推动|确保|实现|完成|力争|全年|其中|努力|累计|带动|预计)+")


@dataclass(frozen=True)
class Quantity:
    id: str  # the segment's ID and the figure's position in it: action-1.task-1.s1.q2
    segment_id: str
    value: str  # as printed: "600", "1.2"
    unit: str  # as printed: "亿元", "%", "位"
    comparator: str  # ">=", ">", "=", "<=", "~", "growth", "decline"
    period: str  # "target-2026", "goal-2030", "achievement"
    metric_zh: str
    base_value: float  # in base units: 600亿元 -> 60000000000
    base_unit: str  # CNY, USD, persons, mu, percent, rank, count …
    from_value: str = ""  # as printed, where the text says 从A…至B
    change: str = ""  # "growth" / "decline" when the figure is a rate of change (增长7%以上: change growth, >=)


def extract_quantities(report: Report) -> list[Quantity]:
    found = []
    for part in report.parts:
        period = PERIODS.get(part.kind, "other")
        for segment in part.segments():
            if segment.role is SegmentRole.SENTENCE:
                found.extend(_from_sentence(segment.id, segment.text, period))
    return found


def _from_sentence(segment_id: str, text: str, period: str) -> list[Quantity]:
    result: list[Quantity] = []
    matches = [m for m in FIGURE.finditer(text) if _is_quantity(text, m)]
    skip: set[int] = set()
    last_metric, previous_end = "", 0
    for index, match in enumerate(matches):
        if index in skip:
            continue
        start_value, first = "", match
        if _opens_range(text, match) and index + 1 < len(matches):
            start_value, skip = match.group(2), skip | {index, index + 1}
            match = matches[index + 1]
        metric = _metric(text, first, previous_end) or last_metric
        last_metric, previous_end = metric, match.end()
        unit = match.group(3)
        base_unit, scale = UNITS[unit]
        result.append(Quantity(f"{segment_id}.q{len(result) + 1}", segment_id, match.group(2), unit,
                               _comparator(text, match), period, metric, float(match.group(2)) * scale, base_unit,
                               start_value, _change(text, match)))
    return result


def _is_quantity(text: str, match: re.Match) -> bool:
    before = text[: match.start()]
    if _NAME_BEFORE.search(before):
        return False
    if match.group(3) == "位" and not match.group(1):
        return False  # 位 counts as a unit only in a rank (第7位)
    after = text[match.end(): match.end() + 1]
    if match.group(3) == "个" and text.startswith("月", match.end()):
        return False  # 6个月: a duration
    return not (after and re.match(r"[A-Za-z+]", after))


def _opens_range(text: str, match: re.Match) -> bool:
    """从A…至B / 从A到B: A is the starting value of B."""
    clause_start = max(text.rfind(c, 0, match.start()) for c in "，；。") + 1
    return "从" in text[clause_start: match.start()] and bool(re.match(r"[^，；。]{0,12}?(至|到)", text[match.end():]))


def _comparator(text: str, match: re.Match) -> str:
    after = text[match.end(): match.end() + 2]
    for word, sign in AFTER:
        if after.startswith(word):
            return sign
    before = text[max(0, match.start() - 4): match.start() - (1 if match.group(1) else 0) or None]
    for word, sign in BEFORE:
        if before.endswith(word):
            return sign
    return "="


def _change(text: str, match: re.Match) -> str:
    before = text[max(0, match.start() - 3): match.start()]
    if before.endswith("增长"):
        return "growth"
    if before.endswith(("下降", "降低")):
        return "decline"
    return ""


def _metric(text: str, match: re.Match, previous_end: int) -> str:
    """The words before the figure in its clause (after any earlier figure), without comparators and filler."""
    head = text[:match.start()]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
    phrase = head[max(breaks[-1] if breaks else 0, previous_end):]
    phrase = phrase.strip("、和及与")
    for word in ("第", "从", "超全国", *(w for w, _ in BEFORE), "从"):
        phrase = phrase.removesuffix(word)
    phrase = _FILLER.sub("", phrase)
    return phrase[-12:]
