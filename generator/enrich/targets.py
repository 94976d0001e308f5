"""Enrich: the report's quantified statements (targets, goals, achievements) as data.

Built by rules of the genre, from the text: a figure with a unit (600亿元, 120万人,
1000亩, 7.9%, 第7位), the comparator around it (超 >, 以上 >=, 以内 <=, 增长 growth …),
the metric (the words before it in its clause), the period (the role of the part it is
in: the review, the five-year plan, the year's work; facts.py) and, where the text
says 从A增长至B, the starting value. Years, durations and numbers inside names
(“4+1”, 5A级, 235国道) are not quantities and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..source.model import Report, SegmentRole
from .facts import report_facts

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
    "个百分点": ("percentage points", 1), "微克/立方米": ("µg/m³", 1), "‰": ("per mille", 1),
    "万个": ("count", 10**4), "万家": ("count", 10**4), "万套": ("count", 10**4),
    "家": ("count", 1), "个": ("count", 1), "场": ("count", 1), "项": ("count", 1), "所": ("count", 1),
    "套": ("count", 1), "列": ("count", 1), "批": ("count", 1), "条": ("count", 1), "座": ("count", 1),
    "张": ("count", 1), "次": ("count", 1), "处": ("count", 1), "支": ("count", 1), "台": ("count", 1),
    "栋": ("count", 1), "块": ("count", 1), "款": ("count", 1),
    "万": ("count", 10**4),  # a bare 万 after a figure: 实有人口342万
    "": ("ratio", 1),  # a bare figure before 以内/以上/左右
}
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS if u), key=len, reverse=True))
# A figure with a unit (40余家: more than 40), or a bare figure: a ratio before its comparator (收入倍差缩小至1.74以内),
# the first of a series that prints its unit once (46324和26682元), a decimal ratio a clause ends on (缩小至1.95).
FIGURE = re.compile(rf"(第)?(\d+(?:\.\d+)?)余?({_UNIT}|(?=以内|以上|左右|[和、]\d[\d.]*(?:{_UNIT}))|(?=[，；。]|$))")
# Between two figures of a series: 0.8个、1.3个百分点; 分别增长5.8%和7%.
SERIES_JOIN = ("和", "、")
# Two metrics written as one word: 城乡居民人均可支配收入分别增长x%和y%.
CONTRACTIONS = {"城乡": ("城镇", "农村"), "存贷款": ("存款", "贷款"), "进出口": ("进口", "出口")}
# A figure glued to letters or other figures is part of a name or code: 5A级, S217, 4+1.
_NAME_BEFORE = re.compile(r"[A-Za-z+·\-]$")
_CLAUSE_BREAK = re.compile(r"[，；：。！？]")
AFTER = [("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~")]
BEFORE = [("不少于", ">="), ("不超过", "<="), ("控制在", "<="), ("超过", ">"), ("突破", ">"), ("超", ">"),
          ("增至", "="), ("提高到", "="), ("提升至", "="), ("达到", "="), ("达", "="), ("增长", "growth"),
          ("下降", "decline"), ("降低", "decline"), ("跃升至", "=")]


@dataclass(frozen=True)
class Quantity:
    id: str  # the segment's ID and the figure's position in it: action-1.task-1.s1.q2
    segment_id: str
    value: str  # as printed: "600", "1.2"
    unit: str  # as printed: "亿元", "%", "位"
    comparator: str  # ">=", ">", "=", "<=", "~", "growth", "decline"
    period: str  # "target-<the report's year>", "goal-<the plan's last year>", "achievement", "other"
    metric_zh: str
    base_value: float  # in base units: 600亿元 -> 60000000000
    base_unit: str  # CNY, USD, persons, mu, percent, rank, count …
    from_value: str = ""  # as printed, where the text says 从A…至B
    change: str = ""  # "growth" / "decline" when the figure is a rate of change (增长7%以上: change growth, >=)


def extract_quantities(report: Report) -> list[Quantity]:
    found = []
    facts = report_facts(report)
    for part in report.parts:
        period = facts.period(part.kind)
        for segment in part.segments():
            if segment.role is SegmentRole.SENTENCE:
                found.extend(_from_sentence(segment.id, segment.text, period))
    return found


def _from_sentence(segment_id: str, text: str, period: str) -> list[Quantity]:
    result: list[Quantity] = []
    matches = [m for m in FIGURE.finditer(text) if _is_quantity(text, m)]
    skip: set[int] = set()
    last_metric, previous = "", None
    kept: list[re.Match] = []  # the match of each quantity, in order
    for index, match in enumerate(matches):
        if index in skip:
            continue
        start_value, first = "", match
        if _opens_range(text, match) and index + 1 < len(matches):
            start_value, skip = match.group(2), skip | {index, index + 1}
            match = matches[index + 1]
        metric = _BRACKETED.sub("", _metric(text, first, match, previous, last_metric))
        last_metric, previous = metric, match
        unit = match.group(3)
        base_unit, scale = UNITS[unit]
        kept.append(match)
        result.append(Quantity(f"{segment_id}.q{len(result) + 1}", segment_id, match.group(2), unit,
                               _comparator(text, match), period, metric, float(match.group(2)) * scale, base_unit,
                               start_value, _change(text, match)))
    for members in _series(text, kept):
        _share_in_series(result, members, text, kept)
    return result


def _series(text: str, matches: list[re.Match]) -> list[list[int]]:
    """Runs of figures printed as a series (0.8个、1.3个百分点; 46324和26682元): indexes into matches."""
    runs: list[list[int]] = []
    for index in range(1, len(matches)):
        if text[matches[index - 1].end(): matches[index].start()] in SERIES_JOIN:
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index - 1, index])
    return runs


def _share_in_series(found: list[Quantity], members: list[int], text: str, matches: list[re.Match]) -> None:
    """What a series prints once holds for each of its figures: the unit (printed after the last), the change
    and comparator (增长 before the first), and the metrics, one each: 城镇和农村居民…分别为x元和y元, or,
    after 分别 alone, those of the figures before (总收入x亿元，其中地方财政收入y亿元，分别增长a%和b%)."""
    last, head = found[members[-1]], found[members[0]]
    metrics = _distribute(head.metric_zh, len(members))
    if metrics is None and _MODIFIERS_ONLY.match(_clause_head(text, matches[members[0]])) and members[0] >= len(members):
        metrics = [found[i].metric_zh for i in range(members[0] - len(members), members[0])]
    for position, index in enumerate(members):
        q = found[index]
        unit = last.unit if last.unit.startswith(q.unit) else q.unit
        base_unit, scale = UNITS[unit]
        comparator = head.comparator if q.comparator == "=" and head.comparator in ("growth", "decline") else q.comparator
        found[index] = replace(q, unit=unit, base_unit=base_unit, base_value=float(q.value) * scale,
                               comparator=comparator, change=q.change or head.change,
                               metric_zh=metrics[position] if metrics else head.metric_zh)


def _clause_head(text: str, match: re.Match) -> str:
    """The words of a figure's clause before it: 分别增长 in …，分别增长4.6%和8%."""
    head = text[:match.start()]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
    return _TRAILING_WORDS.sub("", head[breaks[-1] if breaks else 0:])


def _distribute(metric: str, count: int) -> list[str] | None:
    """One metric per figure of a series: 城镇和农村居民人均可支配收入 -> 城镇…, 农村…; 存款和贷款余额 ->
    存款余额, 贷款余额 (the alternatives are taken to be of one length); 城乡居民… -> 城镇居民…, 农村居民…."""
    for short, pair in CONTRACTIONS.items():
        if count == 2 and short in metric:
            return [metric.replace(short, word, 1) for word in pair]
    pieces = re.split("[和、]", metric)
    if len(pieces) != count or not all(pieces):
        return None
    first, last = pieces[0], pieces[-1]
    width = len(first) if len(first) <= len(last) else 2
    prefix, suffix = first[:-width] if len(first) > width else "", last[width:]
    return [prefix + piece[-width:] + suffix for piece in pieces[:-1]] + [prefix + last[:width] + suffix]


def _is_quantity(text: str, match: re.Match) -> bool:
    before = text[: match.start()]
    if _NAME_BEFORE.search(before):
        return False
    if match.group(3) == "位" and not match.group(1):
        return False  # 位 counts as a unit only in a rank (第7位)
    if re.match(r"(?:以上|以内)[\u4e00-\u9fff]{1,8}?\d", text[match.end():]):
        return False  # 10亿元以上项目24个: a threshold naming what the next figure counts, not a target
    after = text[match.end(): match.end() + 1]
    if match.group(3) == "个" and text.startswith(("月", "季度", "年", "周", "小时", "工作日"), match.end()):
        return False  # 6个月, 10个季度: a duration
    if not match.group(3) and not re.match(r"以内|以上|左右|[和、]", text[match.end():]) \
            and not ("." in match.group(2) and text[:match.start()].endswith(("至", "到", "为"))):
        return False  # a bare figure ending a clause is a ratio only as a decimal after 缩小至, 降到, 为
    return not (after and re.match(r"[A-Za-z+]", after))


def _opens_range(text: str, match: re.Match) -> bool:
    """从A…至B / 由A增加到B: A is the starting value of B."""
    clause_start = max(text.rfind(c, 0, match.start()) for c in "，；。") + 1
    opens = re.search("从|由", text[clause_start: match.start()])
    return bool(opens) and bool(re.match(r"[^，；。]{0,12}?(至|到)", text[match.end():]))


def _comparator(text: str, match: re.Match) -> str:
    after = text[match.end(): match.end() + 2]
    for word, sign in AFTER:
        if after.startswith(word):
            return sign
    if "余" in match.group(0):
        return ">"  # 40余家
    before = text[max(0, match.start() - 4): match.start() - (1 if match.group(1) else 0) or None]
    for word, sign in BEFORE:
        if before.endswith(word):
            return sign
    return "="


def _change(text: str, match: re.Match) -> str:
    before = text[max(0, match.start() - 3): match.start()]
    if before.endswith(("增长", "涨幅", "增幅")):
        return "growth"
    if before.endswith(("下降", "降低")):
        return "decline"
    return ""


# What the name of a metric is not: verbs that lead up to it, words that tie it to the figure.
_LEADING_VERBS = re.compile(  # 新增, 投用, 建设 and 拓展 stay: they say what is counted (additions, space)
    r"^(?:推动|加快|全力争取|争取|确保|实现|力争|招引|举办|培育|引育|完成|启动|打造|谋划实施|实施|提供|"
    r"免费开展|开展|引进|聚焦|努力|全年|其中|累计|带动|预计)+")
_TRAILING_WORDS = re.compile(
    r"(?:连续跨越|跨越|年均|均|保持在|缩小到|缩小至|达到|达|超过|超|突破|增长|增至|提高到|提升至|完成总工程量的|分别为|分别|各|的|预计|为)+$")
# Where a rank or a range begins: 稳居全省…, 连续19年居全国…, 从3006亿元…; not the 居 of 居民 or 居住.
_RANK_START = re.compile(r"(?:连续)?(?:\d+年|[一二两三四五六七八九十]+年)?(?:稳居|位居|居(?![民住家])|从)")
_AFTER_FIGURE = re.compile(r"[\u4e00-\u9fff“”A-Za-z0-9.]+?(?=[，；：。！？、（）]|以上|以内|左右|获|$)")
_MODIFIERS_ONLY = re.compile(r"^(?:年均|全年|分别|同比|其中|均|增长|下降)*$")
_COUNTED = re.compile(r"[一二两三四五六七八九十]+[个项家大]")  # 三个大台阶: a count, not a metric
_BRACKETED = re.compile(r"（[^（）]*）")  # 地区生产总值（GDP）: an aside, not the name
_GENERIC = ("总量", "数量", "规模", "总数")  # of what the figure before measured: 三甲医院…总量


def _metric(text: str, first: re.Match, match: re.Match, previous: re.Match | None, last_metric: str) -> str:
    """The name of what a figure measures: the noun right after it (33项授权赋能事项), else the words
    before it in its clause, without the verbs that lead up to it and the words that tie it to the
    figure (招引采购商超120万人 -> 采购商), else the metric of the figure before (年均增长7.9%)."""
    after = _AFTER_FIGURE.match(text, match.end())
    if after and not _COUNTED.match(after.group(0)) and not re.match(r"以上|以内|以下|左右|等|[和、]\d", text[match.end():]):
        if match.group(3) == "%":  # 确保新建项目100%开工建设: the rate of what follows, for what precedes
            return _before(text, first, previous, last_metric) + after.group(0)
        noun = _LEADING_VERBS.sub("", after.group(0)) or after.group(0)
        listed = re.search(r"([^，；：。、]*?等)$", text[:first.start()])  # 启动X等14个项目: X等项目
        return _LEADING_VERBS.sub("", listed.group(1)) + noun if listed and len(noun) <= 2 else noun
    return _before(text, first, previous, last_metric)


def _before(text: str, first: re.Match, previous: re.Match | None, last_metric: str) -> str:
    """The words before the figure in its clause, cut to what names the metric."""
    head = text[:first.start()]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
    start = max(breaks[-1] if breaks else 0, previous.end() if previous else 0)
    phrase = head[start:]
    if previous and start == previous.end() and re.match(r"(?:以上|以内)[^、，]", phrase):  # 10亿元以上项目24个
        return text[previous.start():first.start()]
    phrase = re.sub(r"^(?:以上|以内|左右)?、*", "", phrase)
    if first.group(3) == "位" or _RANK_START.search(phrase):
        subject, *ranking = _RANK_START.split(phrase, maxsplit=1)
        # 社零…，稳居全省第1位: the sentence's subject; 连续两年居百强县第1位: the ranking it is in
        phrase = subject or last_metric or "".join(ranking)
    for word in ("第", *(w for w, _ in BEFORE)):
        phrase = phrase.removesuffix(word)
    phrase = _TRAILING_WORDS.sub("", _LEADING_VERBS.sub("", phrase))
    if phrase in _GENERIC and last_metric:  # 新增三甲医院4家，总量居全省第1位: 三甲医院总量
        return last_metric.removeprefix("新增") + phrase
    return last_metric if _MODIFIERS_ONLY.match(phrase) else phrase
