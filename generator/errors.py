"""Errors a person can act on: every problem names the file, where, what is wrong and what to do.

A Finding is one problem as every command prints it:
    file:line: severity: [check] message — fix
An InputError is an input that cannot be used at all (raised); InputErrors collects several,
so that a person sees every problem at once, not just the first.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str  # ERROR breaks the site or a catalog; WARNING needs an editor's eye
    check: str  # the check's name, as in pofilter and Weblate: "numbers", "po-syntax", …
    file: str  # relative to the project
    line: int | None  # 1-based
    message: str
    fix: str
    segment: str | None = None  # the stable ID the finding is about, where there is one

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: [{self.check}] {self.message} — {self.fix}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class InputError(Exception):
    """A problem with an input file (seed text, metadata, catalog, glossary, editorial YAML)."""

    def __init__(self, path: str, where: str, problem: str, fix: str, check: str = "input") -> None:
        self.path = path
        self.where = where  # "12" (a 1-based line), "byte 4031", "key pages[1].file"
        self.problem = problem
        self.fix = fix
        self.check = check
        super().__init__(str(self))

    @property
    def line(self) -> int | None:
        return int(self.where) if self.where.isdigit() else None

    @property
    def finding(self) -> Finding:
        where = "" if not self.where or self.line else f"({self.where}) "
        return Finding(ERROR, self.check, self.path, self.line, where + self.problem, self.fix)

    def __str__(self) -> str:
        return str(self.finding)


class InputErrors(Exception):
    """Several input problems, collected before failing."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def findings_of(error: InputError | InputErrors) -> list[Finding]:
    errors = error.errors if isinstance(error, InputErrors) else [error]
    return [e.finding for e in errors]
