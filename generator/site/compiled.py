"""Compiled Jinja templates kept in memory for the life of the process.

Jinja compiles a template once per Environment, and every render of the generator (each edition) and
every MkDocs build (each edition, and each rebuild of `make serve`) makes a new Environment: compiling
Material's templates again took about a tenth of a second per build. A bucket is found by the template's
name and file and used only while the source is unchanged (Jinja checks its checksum).
"""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


GENERATOR_TEMPLATES = CompiledTemplates()  # generator/site/templates (render.py)
THEME_TEMPLATES = CompiledTemplates()  # the MkDocs theme's, Material with overrides/ (editions.py)
