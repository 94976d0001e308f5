"""The MkDocs nav of an edition: home, then one group per part (overview first), then the site's own pages.

The editors' pages (translation status, source notes, contributing) are not in the readers' nav: the
footer of every page links them (editions.py puts footer_links there).
"""

from __future__ import annotations

from ..enrich.pages import PageKind, PagePlan
from .escape import nav_label
from .titles import Titles

EDITORS_PAGES = (PageKind.STATUS, PageKind.NOTES, PageKind.CONTRIBUTING)


def footer_links(plans: list[PagePlan], titles: Titles) -> list[tuple[str, str]]:
    """(label, slug) of the editors' pages."""
    return [(titles.page(plan), plan.slug) for plan in plans if plan.kind in EDITORS_PAGES]


def build_nav(plans: list[PagePlan], titles: Titles) -> list:
    nav: list = []
    groups: dict[str, list] = {}
    for plan in (p for p in plans if p.kind not in EDITORS_PAGES):
        entry = {nav_label(titles.nav(plan)): plan.path}
        if plan.part is None:
            nav.append(entry)
            continue
        if plan.part.id not in groups:
            groups[plan.part.id] = []
            nav.append({nav_label(titles.part(plan.part)): groups[plan.part.id]})
        groups[plan.part.id].append(entry)
    return [_flatten_single(item) for item in nav]


def _flatten_single(item: dict) -> dict:
    """A group with one page becomes that page, under the group's title."""
    (title, value), = item.items()
    if isinstance(value, list) and len(value) == 1:
        return {title: next(iter(value[0].values()))}
    return item
