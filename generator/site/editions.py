"""The editions as MkDocs sees them: one config per language, built into one site.

The Chinese config (mkdocs.yml) is the default edition at the site's root; each
other edition has its own config (mkdocs.en.yml inherits mkdocs.yml) and its own
search index, built into a sub-folder (site/en/) by the same build, so `mkdocs build`
and `mkdocs serve` always produce and serve both. A whole build (not `mkdocs serve`)
reads the inputs once, then generates and builds the other editions in a child process
while this one generates and builds the default edition (util/forked.py): the child
writes into the site folder only once the default edition has emptied it (a Gate).

Pages have the same slug in every edition, so each page links to itself in every
language (switcher, hreflang and x-default). Links a reader follows (the switcher, the
footer's editors' links, the not-found page's) are relative, so the built site works at any
address and in any sub-folder; only what a standard wants absolute (hreflang, x-default, the
sitemaps; MkDocs writes canonical and Open Graph URLs) is, from site_url. The other editions
take the theme's files (Material's, overrides/assets) from the default edition's copy.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup

from ..errors import InputError
from ..util.files import write_if_changed
from ..util.forked import Forked, Gate
from .escape import html_text
from .render import Edition
from .sitemaps import robots_txt, url_entry, write_sitemap
from ..translation.localise import HTML_LANG
from .build import build_timestamp
from .generate import CONFIG_FILES, LANGUAGES, SUBDIRS, GenerateResult, Generator
from .serving import LivePreview, Scope
from .theme_env import keep_theme_environments

# The switcher's labels, each in its own language (Material writes them as HTML).
LANGUAGE_NAMES = {"zh": '<span lang="zh-Hans">中文</span>', "en": '<span lang="en">English</span>'}
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
OWN_WORKER = "assets/javascripts/gwr-search.js"
DEFAULT_LANG = LANGUAGES[0]
NOT_FOUND = "404.html"
SHARED_THEME = "gwr_shared_theme"  # config.extra: this edition is built into the default one's site


def page_path(src_uri: str) -> str:
    """A page's URL in its edition: "" for the home, "action-3/" (directory URLs)."""
    return "" if src_uri == "index.md" else src_uri.removesuffix(".md") + "/"


def up_to_site_root(from_url: str, lang: str) -> str:
    """From a page of an edition (its URL there: "", "action-3/", "404.html") up to the site's root."""
    return "../" * (from_url.count("/") + SUBDIRS[lang].count("/"))


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
        self._shared: set[str] = set()  # URLs of the theme's files taken from the default edition (share_theme)
        self._meanwhile: dict[Path, tuple[Forked, Gate]] = {}  # the other editions, in a child process

    def prepare(self, config, apart: bool = False) -> PreparedEdition:
        """Regenerate docs/ if an input changed; the nav and problems of this config's edition.

        apart: a whole build that no live preview follows (not `mkdocs serve`): once the inputs are read, the
        other editions are generated and built in a child process meanwhile (_generate_apart)."""
        root = project_root(config)
        # Reproducible without the Makefile: dates in the site (sitemap, archives) are the report's year.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(build_timestamp(root)))
        generator = _generators.setdefault(root, Generator(root))
        lang = edition_lang(config)
        if apart and lang == DEFAULT_LANG and root not in _previews:
            result = self._generate_apart(generator, config)
        else:  # both editions from one generate; each config of a build (and an unchanged rebuild) reuses it
            result = generator.generate()
        # Jinja environments of the theme that compile and list it once per process, not per edition and build.
        keep_theme_environments(config.theme, root)
        edition = self._editions[root, lang] = result.editions[lang]
        self.name_site(config, edition)
        # Until a page sets its own links, the switcher goes to the homes (as on the not-found page).
        self.set_page_links(config, "index.md", "")
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

    def share_theme_files(self, config, files):
        """An edition built into the default one's site (site/en/) copies none of the theme's files (Material's,
        overrides/assets): its pages take the default edition's (share_theme). Its search worker stays, as it
        finds the edition's index beside itself. Built alone (`mkdocs serve -f mkdocs.en.yml`), as MkDocs does."""
        if not config.extra.get(SHARED_THEME):
            return files
        docs = Path(config.docs_dir).resolve()
        for file in [f for f in files if f.abs_src_path and f.src_uri != OWN_WORKER
                     and not Path(f.abs_src_path).resolve().is_relative_to(docs)]:
            files.remove(file)
            if not MATERIAL_WORKER.fullmatch(file.url):  # Material's config names the edition's own worker instead
                self._shared.add(file.url)
        return files

    def share_theme(self, env, config):
        """The theme's links to its files (`| url`, `| script_tag`) go to the default edition's copy, relative."""
        if not self._shared:
            return env
        up, shared = "../" * SUBDIRS[edition_lang(config)].count("/"), self._shared
        url, script_tag = env.filters["url"], env.filters["script_tag"]

        @pass_context
        def shared_url(context, value):
            return url(context, up + value if str(value) in shared else value)

        @pass_context
        def shared_script_tag(context, script):  # config.extra_javascript: a path, or one with attributes
            if str(script) in shared and isinstance(script, str):
                script = up + script
            elif str(script) in shared:
                script = copy.copy(script)
                script.path = up + script.path
            return script_tag(context, script)

        env.filters["url"], env.filters["script_tag"] = shared_url, shared_script_tag
        return env

    def root_url(self, config) -> str:
        """The URL of the default edition's root, ending in '/'."""
        url = config.site_url or "/"
        url = url if url.endswith("/") else url + "/"
        subdir = SUBDIRS[edition_lang(config)]
        return url[: -len(subdir)] if subdir and url.endswith("/" + subdir) else url

    def page_url(self, config, lang: str, src_uri: str) -> str:
        """The page's absolute URL, as published (site_url): for hreflang, x-default and the sitemaps."""
        return f"{self.root_url(config)}{SUBDIRS[lang]}{page_path(src_uri)}"

    @staticmethod
    def relative_url(config, lang: str, src_uri: str, from_url: str) -> str:
        """The page of an edition (lang), relative to a page of this config's edition (its URL there)."""
        own = edition_lang(config)
        if lang == own:
            return "../" * from_url.count("/") + page_path(src_uri) or "./"
        return up_to_site_root(from_url, own) + SUBDIRS[lang] + page_path(src_uri) or "./"

    def alternates(self, config, src_uri: str, from_url: str) -> list[dict]:
        """The page in every language: `link` absolute (Material's hreflang links in the head), `href`
        relative to the page shown (the switcher, overrides/partials/alternate.html)."""
        return [{"name": LANGUAGE_NAMES[lang], "lang": HTML_LANG[lang], "link": self.page_url(config, lang, src_uri),
                 "href": self.relative_url(config, lang, src_uri, from_url)} for lang in LANGUAGES]

    def set_page_links(self, config, src_uri: str, from_url: str) -> None:
        """What the templates link from the page shown (its URL in the edition): switcher, hreflang, footer."""
        config.extra["alternate"] = self.alternates(config, src_uri, from_url)
        config.extra["x_default"] = self.x_default(config, src_uri)
        # Material stores the colour scheme under its scope (extra.scope, read by its own inline script); an
        # edition with storage_scope (mkdocs.en.yml) names the Chinese root, so one choice holds in both.
        if config.extra.get("storage_scope"):
            config.extra["scope"] = "../" * from_url.count("/") + config.extra["storage_scope"].rstrip("/") + "/"
        config.copyright = self.editors_links(config, from_url)  # the footer links the editors' pages

    def editors_links(self, config, from_url: str) -> str:
        """The footer's links to the editors' pages, in the edition's language (HTML; labels escaped)."""
        lang = edition_lang(config)
        edition = self._editions[project_root(config), lang]
        links = " · ".join(f'<a href="{html_text(self.relative_url(config, lang, slug + ".md", from_url))}">'
                           f"{html_text(label)}</a>" for label, slug in edition.footer)
        return f'<span class="gwr-editors">{html_text(edition.footer_title)}{html_text("：" if edition.lang == "zh" else ": ")}{links}</span>'

    def x_default(self, config, src_uri: str) -> str:
        return self.page_url(config, DEFAULT_LANG, src_uri)

    def not_found_page(self, context, template_name: str, config):
        """The not-found page's links, relative to its own folder like every page's (MkDocs makes them absolute
        from site_url's path); overrides/404.html resolves them from there when a host serves it elsewhere."""
        if template_name != NOT_FOUND:
            return context
        context["base_url"] = "."  # the edition's root: the page's own folder
        self.set_page_links(config, "index.md", NOT_FOUND)
        config.extra["home"] = "./"
        config.extra["root_path"] = urlsplit(self.root_url(config)).path + SUBDIRS[edition_lang(config)]
        return context

    def write_sitemaps(self, config) -> None:
        """The edition's sitemap, every page with its alternates, and robots.txt naming every edition's."""
        lang = edition_lang(config)
        edition = self._editions[project_root(config), lang]
        entries = []
        for src in sorted(rel for rel in edition.pages if rel.endswith(".md")):
            alternates = [(HTML_LANG[other], self.page_url(config, other, src)) for other in LANGUAGES]
            entries.append(url_entry(self.page_url(config, lang, src), [*alternates, ("x-default", self.x_default(config, src))]))
        write_sitemap(Path(config.site_dir), entries)
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

    def _generate_apart(self, generator: Generator, config) -> GenerateResult:
        """The default edition's files, generated here, while a child process generates the other editions' and
        builds them into their sub-folders, once this build has emptied the site folder (open_site_folder)."""
        stamps = generator.load()  # what every edition reads: read once, before the processes part
        gate = Gate()
        child = Forked(_other_editions_apart, generator, stamps, config, gate)
        self._meanwhile[project_root(config)] = (child, gate)
        return generator.generate_editions((DEFAULT_LANG,), stamps)

    def open_site_folder(self, config) -> None:
        """The default edition has emptied the site folder: the other editions may write into it."""
        if project_root(config) in self._meanwhile:
            self._meanwhile[project_root(config)][1].open()

    def stop_other_editions(self) -> None:
        """The default edition failed: the others are not wanted."""
        while self._meanwhile:
            child, gate = self._meanwhile.popitem()[1]
            child.stop()
            gate.close()

    def build_other_editions(self, config) -> None:
        """After the default edition: build the others into their sub-folders of the same site (or wait for
        the child process building them)."""
        if project_root(config) in self._meanwhile:
            child, gate = self._meanwhile.pop(project_root(config))
            gate.close()
            child.result()  # what it raised is raised here, as if the editions had been built in this process
        elif edition_lang(config) == DEFAULT_LANG:
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
            other.extra[SHARED_THEME] = True  # the theme's files are the default edition's (share_theme)
            build(other, dirty=scopes[lang] is Scope.PAGES)


def _other_editions_apart(generator: Generator, stamps, config, gate: Gate) -> None:
    """In the child process: the other editions generated, then, once the site folder is emptied, built whole."""
    generator.generate_editions(LANGUAGES[1:], stamps)
    gate.wait()
    with generator.frozen():
        EditionSite.build_editions(config, {lang: Scope.WHOLE for lang in LANGUAGES})
