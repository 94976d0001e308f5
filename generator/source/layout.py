"""What a printed line is, by its form: the report's opening, a heading, or body text.

Government work reports share a layout: an opening (the title, a date and session line,
the speaker, 各位代表), part headings numbered 一、 or printed alone on a line, headings
alone on a line inside a part, then paragraphs. Newspapers add column breaks that end a
line mid-sentence. A short line without punctuation is either a heading or the first half
of a broken sentence; `heading_evidence` weighs what tells them apart, and the decision is
kept so that `gwr notes` can show it (an editor overrides it in report.yaml).
"""

from __future__ import annotations

import re

# 一、… as a heading: a numeral, 、, and no sentence-final punctuation.
NUMBERED_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(?!.*[。！？!?]).+$")
NUMBERED_START = re.compile(r"^([一二三四五六七八九十]+)、")
# —— 2025年1月20日在金华市第八届人民代表大会第五次会议上 / （2003年3月3日在…会议上）, maybe with the speaker
# after it on the same line; a session line broken in print ends without 会议上 and goes on in the next line.
SPEAKER = r"[\u4e00-\u9fff]{0,12}?(?:代理)?代?(?:省长|市长|县长|区长|州长|旗长)(?:\s*[\u4e00-\u9fff·](?:\s*[\u4e00-\u9fff·]){1,4})?"
DATE = r"[\d〇○零一二三四五六七八九十]{1,4}年[\d〇○零一二三四五六七八九十]{1,2}月[\d〇○零一二三四五六七八九十]{1,3}日"
SESSION_LINE = re.compile(rf"^[—\-－\s（(]*(?:{DATE})?在\S*(?:会议|大会)上[）)]?(?:\s+{SPEAKER})?$")
SESSION_START = re.compile(rf"^[—\-－\s（(]*{DATE}(?:在\S*)?$")
SESSION_END = re.compile(r"^\S*会议上[）)]?$")
# 金华市市长 张健 / 金华市代市长 / 浙江省省长
SPEAKER_LINE = re.compile(rf"^{SPEAKER}$")
SALUTATION_LINE = re.compile(r"^各位代表[：:!！]?$")
REPORT_TITLE = re.compile(r"^[\u4e00-\u9fff\d〇○]{0,20}政府工作报告(?:[（(]\d{4}[）)])?$")
SPACES = re.compile(r"\s+")

# A heading alone on a line: short, with no clause or sentence punctuation inside or at its end.
HEADING_MAX_CHARS = 32
ITEM_HEADING_MAX_CHARS = 40
ITEM_START = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
CLAUSE_MARKS = set("，,。；;：:！!？?")
# A line that starts with one of these continues the line before it.
CONTINUES = set("，,、；;：:。！？!?）)】”’》")
# A line that ends with one of these goes on in the next line.
GOES_ON = set("、“‘（(《【—-")
# Unnumbered part headings name the part's role: 2024年工作回顾, 2025年工作安排, 加强政府自身建设.
PART_ROLE_WORDS = ("回顾", "工作安排", "重点工作", "目标任务", "主要任务", "自身建设", "发展成就", "主要成就")


def opening_role(line: str, title: str, previous: str | None = None) -> str | None:
    """title, session, speaker or salutation, for a line of the report's opening; else None.
    `previous`: the opening role of the line before, so that a session line broken in print is joined."""
    compact = SPACES.sub("", line)
    if compact == title or REPORT_TITLE.match(compact):
        return "title"
    if SALUTATION_LINE.match(compact):
        return "salutation"
    if previous == "session-start" and SESSION_END.match(compact):
        return "session-end"
    if SESSION_LINE.match(line.strip()):
        return "session"
    if SESSION_START.match(compact):
        return "session-start"
    if SPEAKER_LINE.match(line.strip()) and len(compact) <= 20:
        return "speaker"
    return None


def is_numbered_heading(line: str) -> bool:
    return bool(NUMBERED_HEADING.match(line))


def could_be_heading(line: str) -> bool:
    """Short, and nothing in it or at its end that a heading does not have. An item's heading （一）… may
    hold a comma: （一）突出率先发展，国民经济持续增长."""
    text = line.strip()
    marks = CLAUSE_MARKS - set("，,") if ITEM_START.match(text) else CLAUSE_MARKS
    limit = ITEM_HEADING_MAX_CHARS if ITEM_START.match(text) else HEADING_MAX_CHARS
    return 0 < len(text) <= limit and not marks.intersection(text) and text[-1] not in GOES_ON


def heading_evidence(line: str, previous_open: bool, next_line: str | None) -> tuple[bool, str]:
    """Whether a short unpunctuated line is a heading (True) or the first half of a broken sentence."""
    if previous_open:
        return False, "the line before it ends mid-sentence, so this line continues it"
    if next_line is None:
        return False, "it ends the page, where a column break is likelier than a heading"
    if next_line[:1] in CONTINUES:
        return False, f"the next line opens with “{next_line[:1]}”, which continues a sentence"
    if is_numbered_heading(next_line):
        return True, "a numbered heading follows it"
    return True, "a short line without punctuation between complete paragraphs"


def names_part_role(line: str) -> bool:
    """An unnumbered heading that names a part of the report (its review, its plan, its year's work)."""
    return any(word in line for word in PART_ROLE_WORDS)
