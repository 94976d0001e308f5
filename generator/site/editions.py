"""The editions as MkDocs sees them: one config per language, built into one site.

The Chinese config (mkdocs.yml) is the default edition at the site's root; each
other edition has its own config (mkdocs.en.yml inherits mkdocs.yml) and its own
search index, built into a sub-folder (site/en/) right after the Chinese build,
so `mkdocs build` and `mkdocs serve` always produce and serve both.

Pages have the same slug in every edition, so each page links to itself in every
language (switcher, hreflang and x-default). Links are absolute: from site_url when
it is set (set it when the site is served below a sub-path), else from the host root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..errors import InputError
from ..util.files import write_if_changed
from .escape import html_text
from .render import Edition
from .sitemaps import robots_txt, url_entry, write_sitemaps
from ..translation.localise import HTML_LANG
from .build import build_timestamp
from .generate import CONFIG_FILES, LANGUAGES, SUBDIRS, Generator
from .serving import LivePreview, Scope
from .theme_env import keep_theme_environments

# The switcher's labels, each in its own language (Material writes them as HTML).
LANGUAGE_NAMES = {"zh": '<span lang="zh-Hans">中文</span>', "en": '<span lang="en">English</span>'}
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
OWN_WORKER = "assets/javascripts/gwr-search.js"
DEFAULT_LANG = LANGUAGES[0]


@dataclass
class PreparedEdition:
    nav: list
    problems: list[InputError] = field(default_factory=list)


# Shared by every load of the hooks file (MkDocs executes it once per config, and again on every
# rebuild of `mkdocs serve`): one Generator and, under `mkdocs serve`, one LivePreview per project.
_generators: dict[Path, Generator] = {}
_previews: dict[Path, LivePreview] = {}


def edition_lang(config) -> str:
    """zh-Hans -> zh: the edition a config builds, from its theme language."""
    language = config.theme["language"]
    for lang, html_lang in HTML_LANG.items():
        if language in (lang, html_lang):
            return lang
    return language.split("-")[0]


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


class EditionSite:
    def __init__(self) -> None:
        self._editions: dict[tuple[Path, str], Edition] = {}  # the edition a config builds

    def prepare(self, config) -> PreparedEdition:
        """Regenerate docs/ if an input changed; the nav and problems of this config's edition."""
        root = project_root(config)
        # Reproducible without the Makefile: dates in the site (sitemap, archives) are the report's year.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(build_timestamp(root)))
        # Both editions come from one generate; each config of a build (and an unchanged rebuild) reuses it.
        result = _generators.setdefault(root, Generator(root)).generate()
        # Jinja environments of the theme that compile and list it once per process, not per edition and build.
        keep_theme_environments(config.theme, root)
        lang = edition_lang(config)
        edition = self._editions[root, lang] = result.editions[lang]
        self.name_site(config, edition)
        # Until a page sets its own links (and on the 404 page), the switcher goes to the homes.
        config.extra["alternate"] = self.alternates(config, "index.md")
        config.extra["x_default"] = self.x_default(config, "index.md")
        config.extra["home"] = self.page_url(config, lang, "index.md")
        return PreparedEdition(result.editions[lang].nav, result.problems.get(lang, []))

    @staticmethod
    def name_site(config, edition: Edition) -> None:
        """The edition's site name and description, from the report (the configs name no report).

        Escaped once here; as Markup they pass Material's `| e` unchanged and are safe where it has none."""
        config.site_name = Markup(html_text(edition.site_name))
        config.site_description = Markup(html_text(edition.site_description))

    @staticmethod
    def use_own_search_worker(config_block: str) -> Markup:
        """Material's search box, answered by the site's own worker (gwr-search.js) instead of Lunr.

        Material documents a custom worker as the way to replace its search; its config names the
        worker's URL, which this filter swaps in the rendered config block."""
        return Markup(MATERIAL_WORKER.sub(OWN_WORKER, str(config_block)))

    def root_url(self, config) -> str:
        """The URL of the default edition's root, ending in '/'."""
        url = config.site_url or "/"
        url = url if url.endswith("/") else url + "/"
        subdir = SUBDIRS[edition_lang(config)]
        return url[: -len(subdir)] if subdir and url.endswith("/" + subdir) else url

    def page_url(self, config, lang: str, src_uri: str) -> str:
        path = "" if src_uri == "index.md" else src_uri.removesuffix(".md") + "/"
        return f"{self.root_url(config)}{SUBDIRS[lang]}{path}"

    def alternates(self, config, src_uri: str) -> list[dict]:
        return [{"name": LANGUAGE_NAMES[lang], "link": self.page_url(config, lang, src_uri), "lang": HTML_LANG[lang]}
                for lang in LANGUAGES]

    def editors_links(self, config) -> str:
        """The footer's links to the editors' pages, in the edition's language (HTML; labels escaped)."""
        edition = self._editions[project_root(config), edition_lang(config)]
        links = " · ".join(f'<a href="{html_text(self.page_url(config, edition_lang(config), slug + ".md"))}">'
                           f"{html_text(label)}</a>" for label, slug in edition.footer)
        return f'<span class="gwr-editors">{html_text(edition.footer_title)}{html_text("：" if edition.lang == "zh" else ": ")}{links}</span>'

    def x_default(self, config, src_uri: str) -> str:
        return self.page_url(config, DEFAULT_LANG, src_uri)

    def write_sitemaps(self, config) -> None:
        """The edition's sitemap with every page's alternates, one beside each page, and robots.txt."""
        lang = edition_lang(config)
        edition = self._editions[project_root(config), lang]
        entries, folders = {}, {}
        for src in (rel for rel in edition.pages if rel.endswith(".md")):
            alternates = [(a["lang"], a["link"]) for a in self.alternates(config, src)]
            entries[src] = url_entry(self.page_url(config, lang, src), [*alternates, ("x-default", self.x_default(config, src))])
            folders["" if src == "index.md" else src.removesuffix(".md")] = src
        write_sitemaps(Path(config.site_dir), folders, entries)
        if lang == DEFAULT_LANG:
            robots = robots_txt([self.page_url(config, other, "sitemap.xml").removesuffix("/") for other in LANGUAGES])
            write_if_changed(Path(config.site_dir) / "robots.txt", robots.encode("utf-8"))

    def live_preview(self, server, config, builder):
        """Under `mkdocs serve`: rebuild what a saved file changes, not everything (serving.py).
        Serving one other edition alone (`mkdocs serve -f mkdocs.en.yml`) stays as MkDocs does it."""
        if edition_lang(config) != DEFAULT_LANG:
            return server
        root = project_root(config)
        preview = _previews[root] = LivePreview(_generators[root], config, builder, self.build_editions)
        preview.watch(server, config)
        server.builder = preview
        return server

    def build_other_editions(self, config) -> None:
        """After the default edition: build the others into their sub-folders of the same site."""
        if edition_lang(config) == DEFAULT_LANG:
            preview = _previews.get(project_root(config))
            self.build_editions(config, {lang: preview.edition_scope(lang) if preview else Scope.WHOLE
                                         for lang in LANGUAGES})

    @staticmethod
    def build_editions(config, scopes: dict[str, Scope]) -> None:
        """The other editions, after the default one (config): whole, their changed pages only, or not at all."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        root = project_root(config)
        for lang in LANGUAGES[1:]:
            if scopes[lang] is Scope.NONE:
                continue
            site_url = config.site_url + SUBDIRS[lang] if config.site_url else None
            other = load_config(str(root / CONFIG_FILES[lang]), site_dir=str(Path(config.site_dir) / SUBDIRS[lang]),
                                strict=config.strict, site_url=site_url)
            build(other, dirty=scopes[lang] is Scope.PAGES)
