"""Thin MkDocs hooks: regenerate docs/ from seeds/ and translations/, hand MkDocs the nav.

Runs on every build, so `mkdocs serve` picks up a changed seed or catalog (both are
in `watch:`). The work is done by generator.site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.site import generate, inputs_fingerprint

log = logging.getLogger("mkdocs.hooks.gwr")
_cache: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    fingerprint = inputs_fingerprint(root)
    if _cache.get("fingerprint") != fingerprint:
        try:
            result = generate(root)
        except (InputError, InputErrors) as err:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"generator: {err}") from err
        if result.written or result.removed:
            log.info(f"generator: wrote {len(result.written)} page(s), removed {len(result.removed)}")
        _cache.update(fingerprint=inputs_fingerprint(root), editions=result.editions)
    lang = config.theme["language"].split("-")[0]
    config.nav = _cache["editions"][lang].nav
    return config
