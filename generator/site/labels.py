"""The site's own words in Chinese, marked for extraction into translations/<lang>/interface.po.

Each edition shows them through its localiser (EditionLanguage.gettext); the Chinese is the msgid.
Words that name the report's own facts are placeholders ({year}, {span}, {plan} …), filled by
wording.py (every other brace of a translation is text, shown as its editor wrote it); a tuple gives a
label and then the same label without facts a report may lack.
"""

from __future__ import annotations

from ..enrich.pages import PageKind
from ..source.model import PartKind, SectionKind


def N_(text: str) -> str:
    """Marks an interface string for extraction (see translation/messages.py); translated when rendered."""
    return text


# Titles of the pages that have no title in the report.
FIXED_TITLES = {
    PageKind.HOME: N_("首页"), PageKind.HIGHLIGHTS: N_("报告要点"), PageKind.MERCHANTS: N_("外商关注"),
    PageKind.TARGETS: N_("目标与数据"),
    PageKind.CLOSING: N_("结语"), PageKind.GLOSSARY: N_("术语表"), PageKind.NOTES: N_("来源说明"),
    PageKind.STATUS: N_("翻译进度"), PageKind.CONTRIBUTING: N_("参与翻译"),
}
# Labels for parts whose heading is not in the available text.
MISSING_PART_LABELS = {PartKind.OPENING: N_("开头"), PartKind.REVIEW: N_("过去{span}工作回顾"),
                       PartKind.OTHER: N_("第{n}部分")}
OVERVIEW_LABEL = N_("概述")  # nav label of a part's own page inside the part's group
SECTION_LABELS = {
    SectionKind.GUIDING_THOUGHT: N_("指导思想"),
    SectionKind.MAIN_GOALS: N_("主要目标"),
    SectionKind.PRINCIPLES: N_("基本遵循"),
    SectionKind.TARGETS: N_("主要预期目标"),
}
LIST_LABELS = {SectionKind.EXEMPLAR: N_("典范"), SectionKind.ACTION: N_("行动"), SectionKind.ITEM: N_("主要任务")}
ANOMALY_LABELS = {
    "column-break": N_("分栏断句"), "latin-word": N_("英文单词"), "doubled-text": N_("重复字词"),
    "repeated-passage": N_("重复段落"), "unbalanced": N_("引号括号不成对"), "missing-stop": N_("缺句末标点"),
    "heading-line": N_("单独成行的标题"),
}
# What the reader finds on the pages the home page points to.
PURPOSES = {
    PageKind.HIGHLIGHTS: N_("报告的要点，每条链接到原文"),
    PageKind.MERCHANTS: N_("为外国客商整理：市场、展会、物流、贸易政策和外籍人士服务"),
    PageKind.TARGETS: (N_("报告中的数字：{year}年目标、{span}成就和{plan_end}年目标，附图表和数据下载"),
                       N_("报告中的数字：{year}年目标和{span}成就，附图表和数据下载"),
                       N_("报告中的数字：{year}年目标，附图表和数据下载")),
    PageKind.GLOSSARY: N_("政策口号、工程、地名和术语的中英文对照、拼音和解释"),
}
# What is not yet in the source, by where the missing newspaper page stands in the report.
MISSING_PARTS = {"opening": N_("开头（报纸第{page}版）"), "end": N_("结尾（报纸第{page}版）"),
                 "middle": N_("中间部分（报纸第{page}版）")}
# What a page without report text of its own is about (its meta description).
DESCRIPTIONS = {
    PageKind.HOME: (N_("{report}全文，按{lists}分页，附英文版、术语表和目标数据。"),
                    N_("{report}全文，按报告结构分页，附英文版、术语表和目标数据。")),
    PageKind.TARGETS: (N_("{city_report}中的数字目标：{year}年主要预期目标、{actions}的量化目标、{span}成就和{plan_end}年目标。"),
                       N_("{city_report}中的数字目标：{year}年主要预期目标、{actions}的量化目标和{span}成就。"),
                       N_("{city_report}中的数字目标：{year}年主要预期目标和{span}成就。"),
                       N_("{city_report}中的数字目标：{year}年主要预期目标。")),
    PageKind.GLOSSARY: N_("{city_report}术语表：政策口号、工程、地名、平台和术语的中英文对照、拼音和解释。"),
    PageKind.NOTES: N_("报纸印刷文本中的排版问题和版面衔接，供编辑核对。"),
    PageKind.STATUS: N_("英文版各页的翻译进度和复核记录。"),
    PageKind.CONTRIBUTING: N_("如何通过拉取请求改进英文版译文、术语表和编者要点。"),
}
# The site's description (meta tags of pages without their own) unless report.yaml gives one.
SITE_DESCRIPTION = (N_("{report}网络版：按{lists}分页阅读，可检索。"), N_("{report}网络版：按报告结构分页阅读，可检索。"))
# The home page's opening unless report.yaml gives one: what the report is, (when it was delivered,) what it holds.
REPORT_IS = N_("《{title}》是{city}人民政府每年向{city}人民代表大会所作的施政报告。")
REPORT_HOLDS = (
    N_("报告回顾过去{span}的工作，提出“{plan}”时期（{plan_start}—{plan_end}年）的{exemplars}和{year}年的{actions}。"),
    N_("报告回顾过去{span}的工作，提出{year}年的{actions}。"),
    N_("报告回顾过去{span}的工作，部署{year}年的工作。"),
    N_("报告部署{year}年的工作。"),
)
# The caption of the plan's matrix (plan_view.py).
MATRIX_CAPTION = (N_("典范与行动：每个“{plan}”典范由哪些{year}年行动落实"), N_("典范与行动：每个典范由哪些{year}年行动落实"))
