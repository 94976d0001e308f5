"""Errors a person can act on: every input problem names the file, where, and what to do."""

from __future__ import annotations


class InputError(Exception):
    """A problem with an input file (seed text, metadata, catalog, glossary)."""

    def __init__(self, path: str, where: str, problem: str, fix: str) -> None:
        self.path = path
        self.where = where  # "12" (a 1-based line), "byte 4031", "key pages[1].file"
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.where:
            location = self.path
        elif self.where.isdigit():
            location = f"{self.path}:{self.where}"
        else:
            location = f"{self.path} ({self.where})"
        return f"{location}: {self.problem} — {self.fix}"


class InputErrors(Exception):
    """Several input problems, collected before failing."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
