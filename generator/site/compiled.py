"""Compiled Jinja templates, kept in memory for the life of the process and on disk between processes.

Jinja compiles a template once per Environment, and every render of the generator (each edition) and
every MkDocs build (each edition, and each rebuild of `make serve`) makes a new Environment: compiling
Material's templates and the generator's took about a quarter of a second per build, in every process.
A bucket is found by the template's name and file and used only while the source is unchanged (Jinja
checks its checksum; its bytecode header names the Python version, so another Python compiles again).
On disk the buckets are files in the user's cache folder (util/cache.py); one that cannot be read or
written is compiled again, so the output is the same with or without them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2

from ..util.cache import cache_folder


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self, name: str) -> None:
        self.name = name  # the cache folder's sub-folder
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key not in self.store:
            try:
                self.store[bucket.key] = self._file(bucket).read_bytes()
            except OSError:
                return
        bucket.bytecode_from_string(self.store[bucket.key])  # a stale or foreign one is dropped by Jinja

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = data = bucket.bytecode_to_string()
        path = self._file(bucket)
        try:  # written whole, then renamed: another process reads the old file or the new one
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except OSError:
            pass  # the next process compiles it again

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return cache_folder() / "templates" / self.name / f"{bucket.key}.cache"


GENERATOR_TEMPLATES = CompiledTemplates("generator")  # generator/site/templates (render.py)
THEME_TEMPLATES = CompiledTemplates("theme")  # the MkDocs theme's, Material with overrides/ (editions.py)
