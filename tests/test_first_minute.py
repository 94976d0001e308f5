"""A reader's first minute on a phone (390 × 844): the home page's first screen says what the report is,
shows its main figures (from the targets data) and the reader's tasks; the targets page is short, each
row once, no empty column, its tables accessible."""

from __future__ import annotations

import json
from collections import Counter

import pytest


PHONE = {"width": 390, "height": 844}
EDITIONS = ["", "en/"]
TARGETS_PAGE_MAX = 6000  # px at 390 wide


@pytest.fixture(scope="module")
def first_minute_site(served_site):
    return served_site


def phone_page(browser, url: str):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def boxes(page, selector: str) -> list[dict]:
    return page.evaluate("""s => [...document.querySelectorAll(s)].map(e => {
        const r = e.getBoundingClientRect();
        return {top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height,
                text: e.innerText.trim(), href: e.getAttribute('href') || ''};
    })""", selector)


@pytest.mark.parametrize("edition", EDITIONS)
def test_home_first_screen_says_what_the_report_is_its_figures_and_the_tasks(browser, first_minute_site, edition):
    site, base = first_minute_site
    page = phone_page(browser, base + edition)
    fold = PHONE["height"]
    lead = boxes(page, ".gwr-lead")
    assert len(lead) == 1 and len(lead[0]["text"]) > 20 and lead[0]["bottom"] <= fold

    # The figures: each card is a figure of the targets data (its sentence and label), on the first screen.
    data = json.loads((site / "downloads" / "targets.json").read_text(encoding="utf-8"))["targets"]
    label_field = "metric_en" if edition else "metric_zh"
    cards = boxes(page, ".gwr-key .gwr-card")
    periods = set()
    for card in cards:
        segment = card["href"].split("#", 1)[1]
        matches = [q for q in data if q["segment_id"] == segment and q[label_field] and q[label_field] in card["text"]]
        assert matches, card
        periods.add(matches[0]["period"].split("-")[0])
        assert card["bottom"] <= fold, card
    assert {"target", "achievement"} <= periods  # the year's headline targets and an achievement of the review

    # The tasks: large targets, every one on the first screen, and search.
    tasks = boxes(page, ".gwr-tasks a, .gwr-tasks input, .gwr-tasks button")
    hrefs = {t["href"] for t in tasks}
    assert {"highlights/", "merchants/", "targets/", "glossary/"} <= hrefs and hrefs & {"#plan", "#contents"}
    for task in tasks:
        assert task["bottom"] <= fold, task
        assert task["height"] >= 24 and task["width"] >= 24, task
    assert all(t["height"] >= 44 for t in boxes(page, ".gwr-tasks a"))
    page.context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_from_the_home_page_opens_the_results(browser, first_minute_site, edition):
    _, base = first_minute_site
    page = phone_page(browser, base + edition)
    label = page.locator(".gwr-key .gwr-card-label").first.inner_text()  # a word the report uses
    query = label if not edition else max(label.split(), key=len)
    page.fill("#gwr-home-search", query)
    page.click(".gwr-task-search button")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.input_value(".md-search__input") == query
    page.context.close()


ROWS = """() => [...document.querySelectorAll('table.gwr-figures')].map(table => ({
    caption: table.caption ? table.caption.textContent.trim() : '',
    columns: [...table.querySelectorAll('thead th')].map(th => th.getAttribute('scope')),
    rows: [...table.querySelectorAll('tbody tr')].filter(tr => !tr.querySelector('[colspan]')).map(tr =>
        [...tr.children].map(cell => cell.textContent.trim()).concat([tr.querySelector('a').getAttribute('href')])),
    groups: [...table.querySelectorAll('tbody th[scope=rowgroup]')].map(th => th.textContent.trim()),
}))"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_targets_page_fits_a_phone_each_row_once_no_empty_column(browser, first_minute_site, edition):
    _, base = first_minute_site
    page = phone_page(browser, base + edition + "targets/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= TARGETS_PAGE_MAX, f"{height}px at 390 wide"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    tables = page.evaluate(ROWS)
    assert len(tables) > 2
    every_row = Counter()
    for table in tables:
        assert table["caption"] and table["columns"] and set(table["columns"]) == {"col"}, table["caption"]
        assert table["rows"], table["caption"]
        for column in range(len(table["columns"])):
            assert any(row[column] for row in table["rows"]), (table["caption"], column)  # no empty column
        assert len(table["groups"]) == len(set(table["groups"])), table["caption"]  # a task's title once
        every_row.update(tuple(row) for row in table["rows"])
    assert [row for row, n in every_row.items() if n > 1] == []  # the same metric, value and sentence once
    page.context.close()


def test_one_row_per_metric_of_a_sentence_and_each_task_title_once(root, report):
    """连跨1500亿、2000亿、2500亿元三个台阶: one metric, three figures, one row; the rows of a task under its title."""
    from dataclasses import replace

    from generator.enrich.enriched import enrich
    from generator.site.language import EditionLanguage
    from generator.site.links import Links
    from generator.site.target_view import TargetView
    from generator.translation.localise import load_localiser

    enriched = enrich(root, report)
    first = enriched.quantities[0]
    series = [replace(first, id=f"{first.segment_id}.q{n}", value=str(n), base_value=n * 1e8) for n in (1500, 2000, 2000)]
    for lang in ("zh", "en"):
        view = TargetView(report, enriched.quantities, EditionLanguage(load_localiser(root, lang)), Links(enriched.plans))
        rows = view.rows(series, "targets")
        assert len(rows) == 1 and len(rows[0].value.split(view.language.list_separator)) == 2  # 2000 once
        every = view.rows(enriched.quantities, "targets")
        assert len({(row.label, row.href) for row in every}) == len(every)
        for section_id, quantities in view.by_action():
            groups = view.tasks(section_id, "targets")
            headings = [group.heading for group in groups]
            assert len(headings) == len(set(headings))
            assert sum(len(group.rows) for group in groups) <= len(quantities)
