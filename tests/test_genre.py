"""Any report of the genre: the generator, its templates and the site's config name no report.

What is true of one report (its city, year, plan period and years, the names of its numbered lists,
its exemplars and actions) comes from seeds/report.yaml and the parsed text; examples in comments and
docstrings are neutral, and examples taken from the report live in tests only.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

CHECKED = [
    *sorted((ROOT / "generator").rglob("*.py")),
    *sorted((ROOT / "generator" / "site" / "templates").glob("*")),
    *sorted((ROOT / "generator" / "schema").glob("*")),
    *sorted(p for p in (ROOT / "overrides").rglob("*") if p.is_file()),
    *sorted(ROOT.glob("mkdocs*.yml")),
]


def _number(value: int) -> re.Pattern:
    """A year or an ordinal as a word of its own: 2026 but not \\u2026 (a character escape) or 20261."""
    return re.compile(rf"(?<![0-9A-Za-z]){value}(?![0-9])")


@pytest.fixture(scope="module")
def report_words(report) -> dict[str, re.Pattern]:
    """This report's own words, each with the pattern that finds it."""
    from generator.enrich.facts import report_facts
    from generator.site.target_view import ordinal

    meta, facts = report.meta, report_facts(report)
    assert facts.plan_years and facts.formulas and facts.plan_number, "the report's facts were not found"
    words = [meta.city, re.sub(r"[市县区]$", "", meta.city), meta.city_en, meta.city_en.split()[0],
             facts.plan_period, *facts.formulas.values()]
    words += [s.short_title for s in report.sections() if s.kind.value in ("exemplar", "action") and s.short_title]
    found = {word: re.compile(re.escape(word)) for word in words if word}
    for number in {meta.year, *facts.plan_years}:
        found[str(number)] = _number(number)
    found[ordinal(facts.plan_number)] = _number(ordinal(facts.plan_number))
    return found


def test_the_words_cover_what_the_site_names(report_words):
    assert {"义乌市", "义乌", "Yiwu City", "Yiwu", "2026", "2030", "十五五", "15th", "八个典范", "十大行动",
            "全球市场典范", "市场繁荣行动"} <= set(report_words)


def test_no_report_is_named_in_the_generator_templates_or_config(report_words):
    found = []
    for path in CHECKED:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # a binary file (an icon) names nothing
        for number, line in enumerate(lines, 1):
            found += [f"{path.relative_to(ROOT)}:{number}: {word}" for word, pattern in report_words.items()
                      if pattern.search(line)]
    assert not found, "say it in seeds/report.yaml or take it from the text:\n" + "\n".join(found)


def test_the_plan_and_the_review_come_from_the_text_when_report_yaml_is_silent(seed_project, seed_text):
    from generator.enrich.facts import report_facts

    seed_project.meta.pop("plan_period", None)
    seed_project.write_pages(seed_text)
    facts = report_facts(seed_project.load())
    assert (facts.plan_period, facts.plan_number, facts.plan_years) == ("十五五", 15, (2026, 2030))
    assert facts.review_years == 5  # 五年来 at the start of the review
    assert (facts.target_period, facts.goal_period) == ("target-2026", "goal-2030")


def test_report_yaml_overrides_what_the_text_suggests(seed_project, seed_text):
    from generator.enrich.facts import report_facts

    seed_project.meta.update(review_years=1, plan_period="十四五", plan_years=[2021, 2026])
    seed_project.write_pages(seed_text)
    facts = report_facts(seed_project.load())
    assert (facts.review_years, facts.plan_number, facts.plan_years, facts.goal_period) == (1, 14, (2021, 2026), "goal-2026")


@pytest.mark.parametrize("title, years", [("2024年工作回顾", 1), ("过去五年工作回顾", 5), ("2021—2025年工作回顾", 5),
                                          ("“十四五”时期工作回顾", 5)])
def test_the_review_span_from_its_heading(title, years):
    from generator.enrich.facts import _review_years
    from generator.source.model import Part, PartKind, Report

    class Meta:
        review_years = None

    report = Report("政府工作报告", Meta(), [Part("part-1", 1, PartKind.REVIEW, [], None, title)], [])
    assert _review_years(report) == years


def test_the_nth_plan_starts_five_years_after_the_one_before():
    from generator.enrich.facts import plan_years_of

    assert plan_years_of(3) == (1966, 1970) and plan_years_of(14) == (2021, 2025) and plan_years_of(15) == (2026, 2030)


@pytest.mark.parametrize("key, value, problem", [
    ("description", "one line", "key description"), ("introduction", {"zh": 3}, "key introduction.zh"),
    ("introduction", {"fr": "x"}, "key introduction.fr"), ("review_years", "five", "key review_years"),
    ("plan_period", "第十五个", "key plan_period"), ("plan_years", [2030, 2026], "key plan_years"),
])
def test_a_wrong_report_yaml_value_names_the_file_and_the_key(seed_project, seed_text, key, value, problem):
    from generator.errors import InputError

    seed_project.meta[key] = value
    seed_project.write_pages(seed_text)
    with pytest.raises(InputError) as caught:
        seed_project.load()
    assert "report.yaml" in str(caught.value) and problem in str(caught.value)


def test_without_report_yaml_texts_the_site_composes_them(site_project):
    """No description, no introduction: a generic description and opening, in both languages."""
    import yaml

    from generator.site.generate import render_all

    meta_path = site_project / "seeds" / "report.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    del meta["description"], meta["introduction"]
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    editions = render_all(site_project).editions
    zh, en = editions["zh"], editions["en"]
    assert zh.site_description == "义乌市2026年政府工作报告网络版：按“八个典范”“十大行动”分页阅读，可检索。"
    assert en.site_description.startswith("The 2026 Government Work Report of Yiwu City in English, page by page along "
                                          "the Eight Exemplars and the Ten Major Actions")
    assert "报告回顾过去五年的工作，提出“十五五”时期（2026—2030年）的八个典范和2026年的十大行动。" in zh.pages["index.md"]
    assert ("It reviews the work of the past five years and sets out the Eight Exemplars of the 15th Five-Year Plan "
            "period (2026–2030) and the Ten Major Actions for 2026.") in en.pages["index.md"]


@pytest.mark.parametrize("name, gone, lang", [
    ("highlights.en.yaml", "highlights.md", "zh"), ("merchants.en.yaml", "merchants.md", "zh"),
    ("summaries.zh.yaml", "!!! abstract", "zh"), ("summaries.en.yaml", "!!! abstract", "en"),
    ("plan-links.yaml", "gwr-matrix", "zh"),
])
def test_an_optional_file_removed_takes_its_page_or_block_along(site_project, name, gone, lang):
    """Pages and blocks exist only when their data does; removing an editors' file never breaks a build."""
    from generator.site.generate import render_all
    from generator.translation.checks import check_project

    (site_project / "translations" / name).unlink()
    assert not [f for f in check_project(site_project, run_msgfmt=False) if f.severity == "error"]
    pages = render_all(site_project).editions[lang].pages
    assert all(gone not in path and gone not in text for path, text in pages.items())


def test_without_exemplars_and_actions_there_is_no_matrix(report):
    """The matrix needs both lists, whatever the plan's file says."""
    from types import SimpleNamespace

    from generator.site.plan_view import PlanView
    from generator.source.model import SectionKind

    view = PlanView.__new__(PlanView)  # only what has_matrix reads
    view.plan = SimpleNamespace(links=["a link"])
    view.exemplars, view.actions = report.sections_of_kind(SectionKind.EXEMPLAR), []
    assert not view.has_matrix()
    view.actions = report.sections_of_kind(SectionKind.ACTION)
    assert view.has_matrix()


def test_the_site_is_named_and_described_from_report_yaml(report):
    from types import SimpleNamespace

    from markupsafe import Markup

    from generator.site.editions import EditionSite
    from generator.site.generate import render_all

    meta, editions = report.meta, render_all(ROOT).editions
    assert editions["zh"].site_name == f"{meta.city}{meta.year}年{meta.title}"
    assert editions["en"].site_name == f"{meta.city_en} {meta.year} {meta.title_en}"
    assert (editions["zh"].site_description, editions["en"].site_description) == (meta.description_zh, meta.description_en)
    config = SimpleNamespace()
    EditionSite.name_site(config, SimpleNamespace(site_name="A & B", site_description='"C"'))
    # Escaped once: Material's `| e` leaves Markup as it is, and its unescaped uses get the same text.
    assert isinstance(config.site_name, Markup) and (config.site_name, config.site_description) == ("A &amp; B", "&quot;C&quot;")
