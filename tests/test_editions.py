"""The two editions as built: same pages and anchors, switcher and hreflang per page, status in the HTML.

One real `mkdocs build --strict` on a copy of the project whose action-1 catalog is
put into a known state: one entry translated, one fuzzy, one untranslated.
"""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.translation.catalogs import read_catalog, render_catalog

TRANSLATED, FUZZY, PENDING = "action-1.task-1.s1", "action-1.task-1.s2", "action-1.task-1.s3"


class PageInfo(HTMLParser):
    """What a test needs from a page: lang, alternates, switcher links, spans by id."""

    def __init__(self):
        super().__init__()
        self.lang, self.alternates, self.switcher, self.spans, self._open = None, {}, {}, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "md-select__link" in (attrs.get("class") or ""):
            self.switcher[attrs["hreflang"]] = attrs["href"]
        if tag == "span" and attrs.get("id"):
            self.spans[attrs["id"]] = {"attrs": attrs, "text": ""}
            self._open.append(attrs["id"])
        elif tag == "span":
            self._open.append(None)

    def handle_endtag(self, tag):
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for ident in self._open:
            if ident:
                self.spans[ident]["text"] += data


def page(path: Path) -> PageInfo:
    info = PageInfo()
    info.feed(path.read_text(encoding="utf-8"))
    return info


def set_states(catalog_path: Path) -> None:
    catalog = read_catalog(catalog_path, "en")
    for message in catalog:
        if message.context == TRANSLATED:
            message.string, message.flags = "A translated sentence about the market.", set()
            message.user_comments = ["Translator's note: the print", "repeats a passage here."]  # wrapped
        elif message.context == FUZZY:
            message.string, message.flags = "A translation that needs review.", {"fuzzy"}
            message.previous_id = ["旧的中文。"]
        elif message.context == PENDING:
            message.string, message.flags = "", set()
    catalog_path.write_bytes(render_catalog(catalog))


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=project, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory, project_copier) -> Path:
    project = project_copier(tmp_path_factory.mktemp("editions") / "project")
    set_states(project / "translations" / "en" / "action-1.po")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def pages_of(site: Path, lang: str) -> set[str]:
    base = site if lang == "zh" else site / lang
    return {str(p.relative_to(base)) for p in base.rglob("index.html")
            if lang != "zh" or p.relative_to(site).parts[0] != "en"}


SITE_URL = "http://127.0.0.1:8000/"  # the default site_url: hreflang and the sitemaps are absolute from it


def url_of(rel: str, lang: str) -> str:
    path = rel.removesuffix("index.html")
    return SITE_URL + ("en/" if lang == "en" else "") + path


def relative_url(rel: str, lang: str, from_lang: str) -> str:
    """The page rel of an edition, from the same page of another (or the same) edition: relative."""
    path = rel.removesuffix("index.html")
    if lang == from_lang:
        return "../" * path.count("/") + path or "./"
    return "../" * (path.count("/") + (from_lang == "en")) + ("en/" if lang == "en" else "") + path


def article_ids(path: Path) -> set[str]:
    """The IDs inside a page's text (not Material's own). Not the notes (only the English has translator's
    notes) nor the glossary's letters (pinyin in Chinese, the alphabet in English)."""
    html = path.read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    return {i for i in re.findall(r'\sid="([^"]+)"', article) if not re.fullmatch(r"notes|note-(ref-)?\d+|letter-[a-z]", i)}


def test_every_page_exists_in_both_editions_with_the_same_anchors(site, report):
    zh, en = pages_of(site, "zh"), pages_of(site, "en")
    assert zh == en and len(zh) >= 8 + 10 + 6
    segments = set(report.segment_index())
    for rel in zh:
        zh_ids, en_ids = article_ids(site / rel), article_ids(site / "en" / rel)
        assert zh_ids == en_ids, (rel, sorted(zh_ids ^ en_ids)[:5])
    # Every sentence of the report has its anchor, the same in both editions.
    every = set().union(*(article_ids(site / rel) for rel in zh))
    sentences = {s for s in segments if re.search(r"\.s\d+$", s)}
    assert sentences <= every, sorted(sentences - every)[:5]


def test_switcher_and_hreflang_point_at_the_same_page(site):
    for lang, other in (("zh", "en"), ("en", "zh")):
        for rel in pages_of(site, lang):
            info = page((site if lang == "zh" else site / "en") / rel)
            assert info.lang == {"zh": "zh-Hans", "en": "en"}[lang]
            assert info.switcher == {"zh-Hans": relative_url(rel, "zh", lang), "en": relative_url(rel, "en", lang)}, rel
            expected = {"zh-Hans": url_of(rel, "zh"), "en": url_of(rel, "en")}
            assert info.alternates == {**expected, "x-default": url_of(rel, "zh")}, rel


def test_one_sitemap_per_edition_and_one_copy_of_the_theme(site):
    """Each edition's sitemap lists its pages with their alternates (absolute); none beside the pages.
    The English pages take the theme's files from the Chinese edition's copy; only the search worker,
    which finds the edition's index beside itself, is the edition's own."""
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml")) == ["en/sitemap.xml", "sitemap.xml"]
    sitemap = (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}en/action-3/</loc>" in sitemap
    assert f'hreflang="zh-Hans" href="{SITE_URL}action-3/"' in sitemap
    assert f'hreflang="x-default" href="{SITE_URL}action-3/"' in sitemap
    assert [p.relative_to(site / "en").as_posix() for p in (site / "en" / "assets").rglob("*") if p.is_file()] == [
        "assets/javascripts/gwr-search.js"]
    html = (site / "en" / "action-3" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/javascripts/gwr.js">' in html
    assert '"search": "../assets/javascripts/gwr-search.js"' in html
    assert (site / "assets" / "javascripts" / "gwr.js").is_file()


def test_english_page_shows_translated_pending_and_review(site):
    info = page(site / "en" / "action-1" / "index.html")
    html = (site / "en" / "action-1" / "index.html").read_text(encoding="utf-8")
    done, fuzzy, pending = info.spans[TRANSLATED], info.spans[FUZZY], info.spans[PENDING]
    assert done["text"] == "A translated sentence about the market." and "gwr-pending" not in done["attrs"]["class"]
    assert fuzzy["text"] == "A translation that needs review." and "gwr-fuzzy" in fuzzy["attrs"]["class"]
    assert re.search(rf'id="{re.escape(FUZZY)}"[^>]*>[^<]*</span><span class="gwr-badge gwr-badge--review">needs review<',
                     html)
    assert pending["attrs"]["lang"] == "zh-Hans" and "gwr-pending" in pending["attrs"]["class"]
    assert pending["text"].startswith("推动专业市场做大做强")
    assert re.search(rf'translation pending</span> <span class="gwr-seg gwr-pending" id="{re.escape(PENDING)}"', html)
    # Reader pages carry no production status (it is on the translation-status page), one notice only.
    assert "need review ·" not in html and html.count("the Chinese text is authoritative") == 1
    # A translator's note is a numbered marker after its sentence and a note at the end of the page.
    marker = re.search(rf'id="{re.escape(TRANSLATED)}">[^<]*</span><sup class="gwr-note-ref" id="note-ref-(\d+)">'
                       r'<a href="#note-(\d+)"', html)
    assert marker and marker.group(1) == marker.group(2)
    assert re.search(rf'<li id="note-{marker.group(1)}">Translator’s note: the print repeats a passage here\.', html)


def test_chinese_page_is_untouched_by_translations(site, report):
    info = page(site / "action-1" / "index.html")
    for ident in (TRANSLATED, FUZZY, PENDING):
        assert info.spans[ident]["text"] == report.segment_index()[ident].text


def test_translation_status_page_in_both_languages(site):
    en = (site / "en" / "translation-status" / "index.html").read_text(encoding="utf-8")
    zh = (site / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "Translation status" in en and "翻译进度" in zh
    for html in (en, zh):
        row = re.search(r'href="\.\./action-1/">[^<]+</a></td>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>', html)
        assert row and row.group(2) == "1", html[:200]


def index_texts(edition: Path) -> str:
    """Every document text of an edition's search index."""
    return "\n".join(text for chunk in sorted((edition / "search" / "gwr" / "d").glob("*.json"))
                     for _, _, text, *_names in json.loads(chunk.read_text(encoding="utf-8")))


def test_search_is_per_language(site):
    zh, en = index_texts(site), index_texts(site / "en")
    assert "A translated sentence about the market." in en
    assert "A translated sentence about the market." not in zh
    assert "推动专业市场做大做强" in zh  # the pending sentence is in both: English shows the Chinese in place
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []


def test_not_found_page_per_language(site):
    zh, en = page(site / "404.html"), page(site / "en" / "404.html")
    assert zh.lang == "zh-Hans" and en.lang == "en"
    assert "页面不存在" in (site / "404.html").read_text(encoding="utf-8")
    # Static hosts serve the root 404 for /en/… too: it says so in English and links the English home.
    assert '<p lang="en">Page not found.' in (site / "404.html").read_text(encoding="utf-8")
    assert 'href="en/" hreflang="en">' in (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (site / "en" / "404.html").read_text(encoding="utf-8")


def test_broken_catalog_fails_the_strict_build_and_not_the_preview(tmp_path, project_copier):
    project = project_copier(tmp_path / "project")
    path = project / "translations" / "en" / "action-2.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
    lines[bad] = 'msgstr "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    strict = mkdocs_build(project, "--strict")
    assert strict.returncode != 0 and f"translations/en/action-2.po:{bad + 1}:" in strict.stderr
    lenient = mkdocs_build(project, "--no-strict")  # as `make serve`: warn, show the Chinese
    assert lenient.returncode == 0 and f"translations/en/action-2.po:{bad + 1}:" in lenient.stderr
    info = page(project / "site" / "en" / "action-2" / "index.html")
    assert info.spans["action-2.task-1.s1"]["attrs"]["lang"] == "zh-Hans"
    assert "could not be read" in (project / "site" / "en" / "action-2" / "index.html").read_text(encoding="utf-8")


def glossary_anchors(html: str) -> list[str]:
    return re.findall(r'<div class="gwr-entry"[^>]*? id="(term-[^"]+)"', html)


def test_glossary_pages_sorted_by_pinyin_and_alphabet_with_back_links(site, report):
    from generator.enrich.glossary_scope import load_glossary
    from generator.enrich.terms import ChineseMatcher, occurrences

    from conftest import ROOT

    glossary = load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta)  # the terms it uses
    zh = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    expected_zh = [t.id for t in sorted(glossary.terms, key=lambda t: t.sort_key_zh)]
    expected_en = [t.id for t in sorted(glossary.terms, key=lambda t: t.sort_key_en)]
    # Entries are grouped by initial (digits first), so the page order is the sort order.
    assert glossary_anchors(zh) == expected_zh and glossary_anchors(en) == expected_en
    assert expected_zh != expected_en
    # Back-links: every exemplar or action page where the term occurs (longest match) is linked.
    for term in ("term-zhong-ou-ban-lie", "term-quan-qiu-shu-mao-zhong-xin"):
        entry = zh[zh.index(f'id="{term}"'):]
        entry = entry[: entry.index('class="gwr-entry"', 10)]
        sections = {o.section_id for o in occurrences(report, ChineseMatcher(glossary))[term]}
        items = {s for s in sections if s.startswith(("exemplar-", "action-"))}
        assert items and all(f'href="../{s}/#{s}.' in entry for s in items), (term, items)
    assert 'href="#letter-z"' in zh and 'id="letter-z"' in zh  # index bar


def test_first_occurrence_of_a_term_links_with_a_tooltip(site):
    for lang, page, expected_tip in (("zh", site / "action-3" / "index.html", "China-Europe Railway Express"),
                                     ("en", site / "en" / "action-3" / "index.html", "中欧班列")):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="gwr-term" href="\.\./glossary/#([^"]+)" title="([^"]*)">', html)
        ids = [i for i, _ in links]
        assert len(ids) == len(set(ids)) and len(ids) >= 5, lang  # each term once per page
        tip = dict(links)["term-zhong-ou-ban-lie"]
        assert expected_tip in tip and "Zhōng&#x27;ōu Bānliè" in tip, (lang, tip)  # pinyin as it is written


def test_glossary_downloads_in_both_editions(site):
    for base in (site, site / "en"):
        assert (base / "downloads" / "glossary.csv").read_bytes().startswith(b"\xef\xbb\xbfid,zh,")
        assert b"<martif" in (base / "downloads" / "glossary.tbx").read_bytes()


def test_every_link_to_a_paragraph_or_heading_resolves(site):
    """Links with an anchor (summaries, merchants, highlights, glossary back-links, notes) land on an element."""
    import posixpath
    from urllib.parse import unquote

    ids_of: dict[Path, set[str]] = {}
    checked = 0
    for page_path in site.rglob("index.html"):
        html = page_path.read_text(encoding="utf-8")
        base = "/" + str(page_path.parent.relative_to(site)).strip(".") + "/"
        for href in re.findall(r'href="([^"#:]*)#([^"]+)"', html):
            path, anchor = href
            if anchor.startswith("__") or path.startswith(("http", "//")):
                continue
            target_dir = posixpath.normpath(posixpath.join(base, path)) if path else base
            target = site / target_dir.strip("/") / "index.html"
            if target not in ids_of:
                ids_of[target] = set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8")))
            assert unquote(anchor) in ids_of[target], (str(page_path.relative_to(site)), href)
            checked += 1
    assert checked > 500


def test_key_points_on_every_report_page_of_both_editions_and_editorial_pages_in_both(site, report):
    """Each exemplar, action and part page shows its key points in the edition's language (要点 / Key points),
    each point linking to a sentence it cites; other pages show no box."""
    import html as html_module

    from generator.enrich.editorial import load_editorial, summary_pages

    from conftest import ROOT

    editorial = load_editorial(ROOT, report)
    pages = summary_pages(report)
    assert len(pages) == 21
    for lang, base, label in (("zh", site, "要点"), ("en", site / "en", "Key points")):
        for slug in pages:
            page = (base / slug / "index.html").read_text(encoding="utf-8")
            assert page.count('class="admonition abstract"') == 1, (lang, slug)
            block = page[page.index('class="admonition abstract"'):]
            block = html_module.unescape(block[: block.index("</div>")])
            points = editorial.summary(lang, slug)
            assert f">{label}</p>" in block and block.count("<li>") == len(points) >= 3, (lang, slug)
            assert "not part of the report or its translation" in block if lang == "en" else "不属于报告原文" in block
            for point in points:
                assert point.text[:12] in block.replace("’", "'") or point.text[:12] in block, (lang, slug, point.text)
                assert f'#{point.sources[0]}"' in block, (lang, slug)
        for slug in ("closing", "targets", "glossary", "index"):
            path = base / ("" if slug == "index" else slug) / "index.html"
            assert 'class="admonition abstract"' not in path.read_text(encoding="utf-8"), (lang, slug)
    for name, page in editorial.pages.items():
        en = (site / "en" / name / "index.html").read_text(encoding="utf-8")
        zh = (site / name / "index.html").read_text(encoding="utf-8")
        first = page.sections[0].points[0]
        assert page.title in en and page.title_zh in zh
        # English: the editors' sentence; Chinese: the cited official sentence itself, both linking to the source.
        assert first.text.replace("’", "&rsquo;")[:20] in en or first.text[:20] in en
        assert report.segment_index()[first.sources[0]].text[:15] in zh
        assert f'#{first.sources[0]}"' in en and f'#{first.sources[0]}"' in zh


def test_targets_pages_tables_charts_and_downloads(site):
    import csv
    import io

    for base, heading in ((site, "2026年主要预期目标"), (site / "en", "Main targets for 2026")):
        html = (base / "targets" / "index.html").read_text(encoding="utf-8")
        assert heading in html and html.count('class="gwr-card"') == 8  # the 7 main targets, the 1 goal for 2030
        # The chart is text and bars (no image a phone shrinks), its data table is folded beneath it.
        assert html.count('<figure class="gwr-chart" id="chart-achievements">') == 1 and 'role="img"' not in html
        assert html.count('<li><a class="gwr-bar-label"') >= 2 and 'class="gwr-data"' in html
        assert 'href="../action-1/#action-1.task-1.s1"' in html  # every figure links to its sentence
        action = (base / "action-1" / "index.html").read_text(encoding="utf-8")
        assert 'id="targets"' in action and 'href="#action-1.task-1.s1"' in action
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "targets.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) > 100 and rows[0].keys() >= {"id", "metric_zh", "metric_en", "base_value", "base_unit"}
    turnover = next(r for r in rows if r["segment_id"] == "action-1.task-1.s1" and r["unit"] == "亿元")
    assert turnover["base_value"] == "60000000000" and turnover["base_unit"] == "CNY"
    data = json.loads((site / "en" / "downloads" / "targets.json").read_text(encoding="utf-8"))
    assert data["fields"][0] == "id" and len(data["targets"]) == len(rows)
    assert json.loads((site / "downloads" / "report.json").read_text(encoding="utf-8"))["parts"]


# --- the plan, side by side, links to paragraphs -----------------------------------------------


class SideBySide(HTMLParser):
    """The segment IDs of a page on each side: the text's own (anchors of sentences and headings)
    and the other language's (data-seg inside .gwr-other), in document order."""

    HEADINGS = ("h1", "h2", "h3", "h4")

    def __init__(self):
        super().__init__()
        self.main: list[str] = []
        self.headings: list[str] = []
        self.other: list[str] = []
        self.badges: list[tuple[str, str]] = []  # (segment in the other side, badge class)
        self._stack: list[bool] = []  # per open element: inside .gwr-other?
        self._seg: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        inside = (self._stack[-1] if self._stack else False) or "gwr-other" in classes
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._stack.append(inside)
        if inside and attrs.get("data-seg"):
            self.other.append(attrs["data-seg"])
            self._seg = attrs["data-seg"]
        elif inside and "gwr-badge" in classes:
            self.badges.append((self._seg, " ".join(classes)))
        elif not inside and "gwr-seg" in classes and attrs.get("id"):
            self.main.append(attrs["id"])
        elif not inside and tag in self.HEADINGS and attrs.get("id"):
            self.headings.append(attrs["id"])

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()


def page_segments(report):
    """Per report page: its segments and, for each heading segment, the anchor of its heading."""
    from generator.enrich.pages import plan_pages
    from generator.source.model import SegmentRole

    for plan in plan_pages(report):
        if not plan.sections:
            continue
        segments = [plan.part.heading] if plan.kind.value == "part" and plan.part.heading else []
        segments += [s for section in plan.sections for s in section.segments()]
        heading_anchor = {plan.part.heading.id: plan.slug} if segments and segments[0].role is SegmentRole.PART_HEADING else {}
        for section in plan.sections:
            if section.heading:
                heading_anchor[section.heading.id] = section.id
            heading_anchor.update({b.title_segment.id: b.id for b in section.blocks if b.title_segment})
        yield plan.slug, segments, heading_anchor


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_side_by_side_shows_every_segment_once_on_each_side(site, report, lang):
    pages = 0
    for slug, segments, heading_anchor in page_segments(report):
        html = ((site if lang == "zh" else site / "en") / slug / "index.html").read_text(encoding="utf-8")
        sides = SideBySide()
        sides.feed(html)
        ids = [s.id for s in segments]
        assert sorted(sides.other) == sorted(ids), (slug, sorted(set(ids) ^ set(sides.other))[:5])
        body = [i for i in ids if i not in heading_anchor]
        assert sorted(sides.main) == sorted(body), (slug, sorted(set(body) ^ set(sides.main))[:5])
        assert all(sides.headings.count(anchor) == 1 for anchor in heading_anchor.values()), slug
        # Off by default, one box that works without script (CSS :has), and a pair per paragraph.
        assert html.count('<input type="checkbox" id="gwr-parallel"') == 1 and " checked" not in html.split('id="gwr-parallel"')[1][:20]
        paragraphs = {s.id.rsplit(".", 1)[0] for s in segments if s.id in body}
        assert html.count('<div class="gwr-pair">') == len(paragraphs), slug
        pages += 1
    assert pages >= 8 + 10 + 3


def test_side_by_side_marks_pending_and_review_in_the_other_language(site):
    """The Chinese edition's English side: a pending sentence is a badge, a fuzzy one its old English with one."""
    sides = SideBySide()
    sides.feed((site / "action-1" / "index.html").read_text(encoding="utf-8"))
    assert (PENDING, "gwr-badge gwr-badge--pending") in sides.badges
    assert (FUZZY, "gwr-badge gwr-badge--review") in sides.badges
    assert not [b for b in sides.badges if b[0] == TRANSLATED]
    html = (site / "action-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'data-seg="{re.escape(PENDING)}"><span class="gwr-badge gwr-badge--pending" lang="zh-Hans">待译<', html)
    assert f'data-seg="{TRANSLATED}">A translated sentence about the market.</span>' in html
    # The English edition's Chinese side is the official text, unchanged.
    en = (site / "en" / "action-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<p class="gwr-para gwr-other" lang="zh-Hans">(?:(?!</p>).)*data-seg="{re.escape(PENDING)}">推动专业市场做大做强', en)


def test_every_paragraph_has_a_copy_link_to_its_own_anchor(site):
    for base in (site, site / "en"):
        html = (base / "exemplar-2" / "index.html").read_text(encoding="utf-8")
        paragraphs = re.findall(r'<p class="gwr-para" id="([^"]+)">', html)
        links = re.findall(r'<a class="gwr-copy" href="#([^"]+)" aria-label="([^"]+)"', html)
        assert paragraphs and [ident for ident, _ in links] == paragraphs
        assert {label for _, label in links} == {"复制本段链接" if base == site else "Copy a link to this paragraph"}


def plan_section(html: str, start: str, end: str) -> str:
    article = html[html.index('<article class="md-content__inner'):]
    return article[article.index(start):][: article[article.index(start):].index(end)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_exemplar_links_an_action_and_every_action_an_exemplar(site, report, lang):
    from generator.source.model import SectionKind

    base = site if lang == "zh" else site / "en"
    reached: set[str] = set()
    for exemplar in report.sections_of_kind(SectionKind.EXEMPLAR):
        html = (base / exemplar.id / "index.html").read_text(encoding="utf-8")
        listed = plan_section(html, 'id="delivered-by"', "</ul>")
        actions = set(re.findall(r'href="\.\./(action-\d+)/', listed))
        assert actions, exemplar.id
        reached |= actions
    for action in report.sections_of_kind(SectionKind.ACTION):
        html = (base / action.id / "index.html").read_text(encoding="utf-8")
        served = plan_section(html, '<div class="admonition note">', "</div>")
        assert re.findall(r'href="\.\./(exemplar-\d+)/', served), action.id
    assert reached == {a.id for a in report.sections_of_kind(SectionKind.ACTION)}


@pytest.mark.parametrize("rel", ["plan/index.html", "index.html", "en/plan/index.html", "en/index.html"])
def test_matrix_cells_link_tasks_that_exist(site, rel):
    from generator.enrich.plan import load_plan
    from generator.source.load import load_report

    from conftest import ROOT

    plan = load_plan(ROOT, load_report(ROOT))
    html = (site / rel).read_text(encoding="utf-8")
    table = html[html.index('<table class="gwr-matrix">'):html.index("</table>")]
    assert table.count('<th scope="row">') == 8 and table.count('<th scope="col">') == 11
    cells = re.findall(r'<td><a href="([^"]+)"', table) + re.findall(r'</a> <a href="([^"]+)"', table)
    assert len(cells) == len(plan.links)
    page_dir = (site / rel).parent
    for href in cells:
        path, anchor = href.split("#")
        target = (page_dir / path / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    phone_list = html[html.index('<ul class="gwr-matrix-list">'):]
    phone_list = phone_list[: phone_list.index("</ul></li></ul>")]
    assert phone_list.count("<li><a") == 8 + len(plan.links)  # each exemplar, and under it its actions and tasks
