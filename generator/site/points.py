"""Editorial points (key points, merchants, highlights) as an edition shows them, linked to their sources.

Each edition shows the key points written in its language (summaries.<lang>.yaml): the editors'
sentence and a link to each page it cites. The merchants and highlights points are written in English;
in Chinese, the cited official sentences themselves stand for them.
"""

from __future__ import annotations

from ..enrich.editorial import Editorial, Point
from ..source.model import Report
from .escape import Safe, link, markdown_text, marked_chinese
from .labels import N_
from .language import EditionLanguage
from .links import Links
from .titles import Titles


class PointsView:
    def __init__(self, report: Report, editorial: Editorial, language: EditionLanguage, titles: Titles,
                 links: Links) -> None:
        self.editorial = editorial
        self.language = language
        self.zh = language.zh
        self.titles = titles
        self.links = links
        self.index = report.segment_index()

    def summary(self, slug: str) -> tuple[Point, ...]:
        """The key points of a report page in the edition's language; none: the page shows no box."""
        return self.editorial.summary(self.language.lang, slug)

    def point_md(self, point: Point, from_slug: str) -> Safe:
        """A point, then links to the sentences it cites (one per page cited)."""
        first_on_page: dict[str, str] = {}
        for source in point.sources:
            first_on_page.setdefault(self.links.page_of(source).slug, source)
        links = [self.source_link(source, from_slug) for source in first_on_page.values()]
        if self.zh and point.lang == "zh":  # written in Chinese by the editors
            return Safe(f"{markdown_text(point.text)}（{'、'.join(links)}）")
        if self.zh:
            quoted = "".join(self.index[s].text for s in point.sources)
            return Safe(f"{markdown_text(quoted)}（{'、'.join(links)}）")
        return Safe(f"{marked_chinese(point.text, markdown_text)} ({', '.join(links)})")

    def source_link(self, segment_id: str, from_slug: str) -> Safe:
        """A Markdown link to a sentence, labelled by its page (the current page as "原文")."""
        plan = self.links.page_of(segment_id)
        label = self.language.gettext(N_("原文")) if plan.slug == from_slug else self.titles.link_label(plan)
        return link(label, self.links.link(segment_id, from_slug))
