"""The theme's Jinja environments, cheap to make again.

MkDocs makes several per build of an edition (the build's own, and three for the search plugin's
labels), and `make serve` builds again after every saved file; each new environment compiled Material's
templates and listed its 14,500 files (icons mostly) once more, a fifth of a rebuild. Kept for the process:

- compiled templates (compiled.THEME_TEMPLATES: by file, and only while its source is unchanged);
- the listing of an installed theme's folder (it does not change while MkDocs runs); folders of the
  project (overrides/) are listed every time. Hidden files are left out of the listing: MkDocs copies none
  of them (its filter drops '.*' and '*/.*'), and a template is still found by its name.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .compiled import THEME_TEMPLATES

_LISTINGS: dict[str, list[str]] = {}  # installed theme folder -> its visible files


def keep_theme_environments(theme, project: Path) -> None:
    """From now on theme.get_env() gives environments that compile and list the installed theme once."""
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        env.loader = ListedOnce(theme.dirs, project)
        env.bytecode_cache = THEME_TEMPLATES
        return env

    theme.get_env = get_env


class ListedOnce(jinja2.FileSystemLoader):
    """Finds templates as FileSystemLoader does; lists the folders outside `project` once per process."""

    def __init__(self, searchpath: list[str], project: Path) -> None:
        super().__init__(searchpath)
        self.project = project

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if Path(folder).resolve().is_relative_to(self.project):
                found.update(_visible(folder))
                continue
            if folder not in _LISTINGS:
                _LISTINGS[folder] = _visible(folder)
            found.update(_LISTINGS[folder])
        return sorted(found)


def _visible(folder: str) -> list[str]:
    names = jinja2.FileSystemLoader(folder).list_templates()
    return [name for name in names if not any(part.startswith(".") for part in name.split("/"))]
