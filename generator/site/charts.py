"""Charts as HTML, no script and no image: a list of labelled groups of horizontal bars.

Text stays text at the page's font size (readable on a phone, found by search, read by screen
readers), the bars are empty SVG boxes whose width is the value's share of the largest, and on narrow
screens each label stands above its bars (gwr.css). The same data is in a table beside the chart.
The width is the SVG's own width attribute, not a style attribute: a strict Content-Security-Policy
(csp.py, style-src 'self') ignores style attributes, never an element's presentational attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .escape import html_text

BAR_SPACE = 0.7  # the longest bar takes this share of the row; its value is written after it


@dataclass(frozen=True)
class Bar:
    caption: str  # what the bar is: then / now
    value: float
    text: str  # the value as shown


@dataclass(frozen=True)
class ChartGroup:
    label: str
    href: str  # the sentence the figures come from
    bars: tuple[Bar, ...]


def bar_chart(ident: str, title: str, groups: list[ChartGroup]) -> str:
    peak = max((bar.value for group in groups for bar in group.bars), default=1) or 1
    items = []
    for group in groups:
        rows = "".join(
            f'<span class="gwr-bar-row"><span class="gwr-bar-caption">{html_text(bar.caption)}</span>'
            f'<span class="gwr-bar-track"><svg class="gwr-bar" width="{100 * BAR_SPACE * bar.value / peak:.1f}%" '
            f'aria-hidden="true" focusable="false"></svg>'
            f'<span class="gwr-bar-value">{html_text(bar.text)}</span></span></span>' for bar in group.bars)
        items.append(f'<li><a class="gwr-bar-label" href="{html_text(group.href)}">{html_text(group.label)}</a>{rows}</li>')
    return (f'<figure class="gwr-chart" id="{ident}"><figcaption>{html_text(title)}</figcaption>'
            f'<ul class="gwr-bars">{"".join(items)}</ul></figure>')
