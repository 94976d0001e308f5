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

    def as_dict(self) -> dict:
        return {"severity": self.severity, "check": self.check, "file": self.file, "line": self.line,
                "segment": self.segment, "message": self.message, "hint": self.fix}

    def as_github(self) -> str:
        """A GitHub Actions workflow command: the finding becomes an annotation on the file's line."""
        props = {"file": self.file, "line": self.line, "title": f"[{self.check}]" + (f" {self.segment}" if self.segment else "")}
        where = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items() if v)
        return f"::{self.severity} {where}::{_escape_data(f'{self.message} — {self.fix}')}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS = ("text", "github", "json")


def format_findings(findings: list[Finding], style: str) -> str:
    """Every finding in one of FORMATS: text (file:line: severity: [check] message — fix), github (workflow
    annotations) or json (a list of objects with severity, check, file, line, segment, message, hint)."""
    if style == "json":
        import json

        return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1)
    return "\n".join(f.as_github() if style == "github" else str(f) for f in findings)


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
