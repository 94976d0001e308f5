"""Thin MkDocs hooks: regenerate docs/ from seeds/ and translations/, and tie the editions together.

The same hooks serve every edition's config (mkdocs.en.yml inherits mkdocs.yml).
The work is done by generator.site.editions (and, under `mkdocs serve`, generator.site.serving and
preview_session: the build lock, and problems shown in the browser rather than a stopped server);
this file only hands MkDocs what it asks for.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.site import preview_session as session
from generator.site.editions import DEFAULT_LANG, EditionSite, edition_lang
from generator.site.serving import show_problems
from generator.errors import InputError, InputErrors

log = logging.getLogger("mkdocs.hooks.gwr")
site = EditionSite()


def on_startup(command, dirty):
    session.starting(command)


@event_priority(100)  # before the other plugins: the nav and the pages must be there first
def on_config(config):
    default = edition_lang(config) == DEFAULT_LANG
    if default:
        session.build_starts(config)  # under mkdocs serve: `gwr build`'s lock, for this build
    try:
        edition = site.prepare(config, apart=not session.SESSION.serving)  # apart: the other editions meanwhile
    except (InputError, InputErrors) as err:
        if default and session.first_build_failed(config, err):
            return config  # mkdocs serve starts all the same, and the browser shows the problem
        raise PluginError(f"generator: {err}") from err
    for problem in edition.problems:  # a strict build stops here, naming the file and line
        log.warning(str(problem))
    config.nav = edition.nav
    return config


def on_files(files, config):
    if session.failed(config):
        return session.without_pages(files)  # docs/ is not this build's: nothing of it is shown
    site.open_site_folder(config)  # emptied: the other editions, built meanwhile, may write into it
    return site.share_theme_files(config, files)  # site/en/ takes the theme's files from site/


def on_env(env, config, files):
    env.filters["gwr_own_search_worker"] = site.use_own_search_worker
    return site.share_theme(env, config)


def on_page_context(context, page, config, nav):
    # Switcher, hreflang and footer links of this page (relative to it, but hreflang).
    site.set_page_links(config, page.file.src_uri, page.url)
    return context


def on_template_context(context, template_name, config):
    if session.failed(config):
        return context
    return site.not_found_page(context, template_name, config)


def on_post_build(config):
    if not session.failed(config):
        site.write_sitemaps(config)
        site.build_other_editions(config)  # or wait for those built meanwhile
    if edition_lang(config) == DEFAULT_LANG:
        session.build_ends()


def on_build_error(error):
    site.stop_other_editions()
    session.build_ends()


def on_serve(server, config, builder):
    # After the first build, a saved file rebuilds what it changes, not both editions whole (serving.py);
    # while a build leaves problems, the browser shows them instead of a page (preview_page.py).
    return show_problems(site.live_preview(server, config, builder))


def on_shutdown():
    session.stopped()
