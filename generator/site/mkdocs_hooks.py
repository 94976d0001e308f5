"""Thin MkDocs hooks: regenerate docs/ from seeds/ and translations/, and tie the editions together.

The same hooks serve every edition's config (mkdocs.en.yml inherits mkdocs.yml).
The work is done by generator.site.editions (and, under `mkdocs serve`, generator.site.serving);
this file only hands MkDocs what it asks for.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.site.editions import EditionSite
from generator.errors import InputError, InputErrors

log = logging.getLogger("mkdocs.hooks.gwr")
site = EditionSite()


@event_priority(100)  # before the other plugins: the nav and the pages must be there first
def on_config(config):
    try:
        edition = site.prepare(config)
    except (InputError, InputErrors) as err:
        raise PluginError(f"generator: {err}") from err
    for problem in edition.problems:  # a strict build stops here, naming the file and line
        log.warning(str(problem))
    config.nav = edition.nav
    config.copyright = site.editors_links(config)  # the footer links the editors' pages
    return config


def on_env(env, config, files):
    env.filters["gwr_own_search_worker"] = site.use_own_search_worker
    return env


def on_page_context(context, page, config, nav):
    config.extra["alternate"] = site.alternates(config, page.file.src_uri)
    config.extra["x_default"] = site.x_default(config, page.file.src_uri)
    return context


def on_post_build(config):
    site.write_sitemaps(config)
    site.build_other_editions(config)


def on_serve(server, config, builder):
    # After the first build, a saved file rebuilds what it changes, not both editions whole (serving.py).
    return site.live_preview(server, config, builder)
