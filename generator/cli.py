"""The `gwr` command: look at the parsed report, export it, generate and build the site."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from .errors import FORMATS, InputError, InputErrors, findings_of, format_findings


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_outline(args) -> int:
    from .source.load import load_report

    report = load_report(_root(args))
    print(f"{report.meta.city}{report.meta.year}年{report.title}")
    for part in report.parts:
        title = part.title or "[heading not in the available text]"
        print(f"{part.id}  {part.kind.value}  {title}")
        for section in part.sections:
            count = len(list(section.segments()))
            title = f"{section.marker}{section.title}" if section.title else section.kind.value
            print(f"  {section.id:<18} {title}  ({count} segments)")
            for block in section.blocks:
                if block.title:
                    print(f"      {block.id:<24} {block.title}")
    print(f"{len(list(report.segments()))} segments, {len(report.repairs)} column-break repairs, "
          f"{len(report.anomalies)} anomaly notes")
    return 0


def cmd_json(args) -> int:
    from .source.export import report_to_json
    from .source.load import load_report

    text = report_to_json(load_report(_root(args)))
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_notes(args) -> int:
    from .source.load import load_report

    report = load_report(_root(args))
    for note in report.anomalies:
        print(f"{note.source}: {note.kind}: [{note.segment_id}] {note.message}")
    for decision in report.layout:  # every short line without punctuation, and how it was read
        print(f"{decision.source}: layout: “{decision.text}” read as {decision.reading}: {decision.reason}")
    return 0


def cmd_generate(args) -> int:
    from .site.generate import generate

    result = generate(_root(args))
    pages = sum(len(e.pages) for e in result.editions.values())
    print(f"generated {pages} pages ({len(result.written)} written, {len(result.removed)} removed) in docs/")
    problems = [p for found in result.problems.values() for p in found]
    for problem in problems:  # the page shows the Chinese; `gwr build` fails on these
        print(f"warning: translation catalog: {problem}", file=sys.stderr)
    return 1 if problems else 0


def cmd_build(args) -> int:
    """Check everything and build meanwhile; on an error, print every problem and leave the site as it was."""
    from mkdocs.exceptions import MkDocsException

    from .util.forked import Forked

    root = _root(args)
    started = time.monotonic()
    checks = Forked(_check_project, root)  # in a child process, while this one builds into a staging folder
    from .site.build import BuildRunning, build_site
    held = _HeldLog()  # MkDocs' own warnings, shown once the checks have passed (else they repeat them)
    logging.basicConfig(level=logging.WARNING, handlers=[held])
    before = _folder_identity(root / args.site_dir)
    try:
        # The checks' findings are printed before the swap: an error keeps the new build out of site/.
        build_site(root, root / args.site_dir, wait=not args.no_wait,
                   before_swap=lambda: _passed(checks, args) and held.show())
    except _ChecksFailed:
        return 1
    except (MkDocsException, BuildRunning) as err:
        if not _passed(checks, args, raises=False):
            return 1  # the build failed on what the checks name (file:line), better than MkDocs' words
        held.show()
        print(f"error: {err}\n{args.site_dir}/ was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt as err:
        # After the swap the new build is in place; an interrupt after build_site's own handlers carries no
        # site_changed, but the swap shows: site/ is another folder (renameat2 exchanged them).
        if getattr(err, "site_changed", False) or _folder_identity(root / args.site_dir) != before:
            print(f"interrupted after the swap: {args.site_dir}/ holds the new build.", file=sys.stderr)
        else:
            print(f"interrupted: {args.site_dir}/ was not changed.", file=sys.stderr)
        return 130
    finally:
        checks.stop()
    print(f"built {args.site_dir}/ in {time.monotonic() - started:.1f} s")
    return 0


class _HeldLog(logging.Handler):
    """Log records kept until show(), then printed as "LEVEL: message"; and after it, printed at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        self.held: list[logging.LogRecord] | None = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.held is None:
            print(self.format(record), file=sys.stderr)
        else:
            self.held.append(record)

    def show(self) -> bool:
        for record in self.held or []:
            print(self.format(record), file=sys.stderr)
        self.held = None
        return True


def _check_project(root: Path) -> list:
    from .translation.checks import check_project  # imported by the process that checks only

    return check_project(root)


class _ChecksFailed(Exception):
    """The checks found an error: the build is not swapped in."""


def _passed(checks, args, raises: bool = True) -> bool:
    """Print the checks' findings (once); with an error, say that site/ is unchanged and raise _ChecksFailed."""
    errors = _print_findings(checks.result(), sys.stderr)
    if not errors:
        return True
    print(f"{errors} error(s): {args.site_dir}/ was not changed. Fix them (file:line above), then build again.",
          file=sys.stderr)
    if raises:
        raise _ChecksFailed
    return False


def _folder_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def _print_findings(findings, stream) -> int:
    """Every finding, one per line; returns the number of errors."""
    for finding in findings:
        print(finding, file=stream)
    return sum(1 for f in findings if f.is_error)


def cmd_extract(args) -> int:
    from .translation.catalogs import extract
    from .source.load import load_report

    root = _root(args)
    out = Path(args.output) if args.output else root / "build" / "pot"
    written = extract(load_report(root), out)
    print(f"templates in {out}: {len(written)} written")
    return 0


def cmd_update(args) -> int:
    from .translation.catalogs import TARGET_LANGUAGES, display
    from .translation.merge import update
    from .translation.owner import foreign_catalogs
    from .source.load import load_report

    root = _root(args)
    report = load_report(root)
    refusal = foreign_catalogs(root, report)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    for lang in args.lang or TARGET_LANGUAGES:
        result = update(root, report, lang)
        for path in result.recorded:
            print(f"recorded the part pages' addresses in {display(path, root)} (part_slugs)")
        for path in result.written:
            print(f"updated {display(path, root)}")
        print(f"{lang}: {len(result.written)} catalog(s) written, {result.unchanged} unchanged; "
              f"{result.new} new, {result.fuzzy} newly fuzzy, {result.obsolete} newly obsolete")
    return 0


def cmd_new(args) -> int:
    """After seeds/ was replaced by another report: move the previous one's files aside, start the new one's."""
    from .source.load import load_report
    from .translation.newreport import Refused, start_new_report, summary

    root = _root(args)
    try:
        result = start_new_report(root, load_report(root), force=args.force)
    except Refused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    print(summary(result))
    return 0


def cmd_stats(args) -> int:
    import json

    from .translation.catalogs import TARGET_LANGUAGES
    from .translation.localise import Progress, load_localiser, progress_by_catalog
    from .translation.messages import INTERFACE, TARGETS, catalog_messages
    from .source.load import load_report

    root = _root(args)
    report = load_report(root)
    catalogs = catalog_messages(report)
    data = {}
    for lang in args.lang or TARGET_LANGUAGES:
        localiser = load_localiser(root, lang)
        for problem in localiser.problems:
            print(f"warning: {problem}", file=sys.stderr)
        progress = progress_by_catalog(localiser, catalogs)
        total = Progress()
        for name, item in progress.items():
            if name not in (INTERFACE, TARGETS):
                total += item
        data[lang] = {"catalogs": {name: {**_progress_json(item), "review": localiser.reviews.get(name)}
                                   for name, item in progress.items()},
                      "report_text": _progress_json(total)}
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    for lang, info in data.items():
        print(f"{'catalog (' + lang + ')':<22}{'translated':>11}{'fuzzy':>7}{'untransl.':>10}{'total':>7}{'done':>6}"
              f"  reviewed")
        rows = list(info["catalogs"].items()) + [("report text (all pages)", info["report_text"])]
        for name, row in rows:
            review = (row.get("review") or "—").split(".")[0]
            print(f"{name:<22}{row['translated']:>11}{row['fuzzy']:>7}{row['untranslated']:>10}{row['total']:>7}"
                  f"{row['percent']:>5}%  {review if 'review' in row else ''}")
    return 0


def _progress_json(progress) -> dict:
    return {"translated": progress.translated, "fuzzy": progress.fuzzy, "untranslated": progress.pending,
            "total": progress.total, "percent": progress.percent}


def cmd_check(args) -> int:
    from .translation.catalogs import TARGET_LANGUAGES
    from .translation.checks import check_project

    root = _root(args)
    findings = check_project(root, tuple(args.lang or TARGET_LANGUAGES))
    if args.base:  # a pull request: what it loses against its base branch
        from .translation.regressions import base_findings

        findings += base_findings(root, args.base, tuple(args.lang or TARGET_LANGUAGES))
    if args.files:  # pre-commit: the problems of the files being committed (the whole project is read)
        wanted = {_project_path(root, name) for name in args.files}
        findings = [f for f in findings if f.file in wanted]
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if args.format == "json":
        print(format_findings(findings, "json"))
    else:
        if findings:
            print(format_findings(findings, args.format))
        print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors or (args.strict and warnings) else 0


def _project_path(root: Path, name: str) -> str:
    """translations/en/action-1.po, however the file was named on the command line."""
    path = Path(name)
    path = path if path.is_absolute() else Path.cwd() / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gwr", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (holds seeds/ and mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("outline", help="print the report's structure").set_defaults(func=cmd_outline)
    json_parser = sub.add_parser("json", help="export the model as JSON")
    json_parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    json_parser.set_defaults(func=cmd_json)
    sub.add_parser("notes", help="list the anomaly notes as file:line").set_defaults(func=cmd_notes)
    sub.add_parser("generate", help="render the Markdown pages into docs/").set_defaults(func=cmd_generate)
    extract_parser = sub.add_parser("extract", help="write the catalog templates (.pot), one per page")
    extract_parser.add_argument("-o", "--output", help="folder (default: build/pot)")
    extract_parser.set_defaults(func=cmd_extract)
    for name, func, text in [("update", cmd_update, "merge the templates into translations/<lang>/*.po"),
                             ("stats", cmd_stats, "translated / fuzzy / untranslated per catalog"),
                             ("check", cmd_check, "check the catalogs; file:line for every problem")]:
        verb = sub.add_parser(name, help=text)
        verb.add_argument("--lang", action="append", help="a target language (default: all)")
        verb.set_defaults(func=func)
        if name == "stats":
            verb.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "check":
            verb.add_argument("--strict", action="store_true", help="fail on warnings too")
            verb.add_argument("--base", metavar="REF", help="also what was lost since git REF (a pull request's base): "
                              "translations emptied or pending (errors), entries turned fuzzy, citations and points "
                              "removed (warnings)")
            verb.add_argument("--format", choices=FORMATS, default="text",
                              help="text (file:line: …), github (annotations in a workflow) or json")
            verb.add_argument("files", nargs="*", help="report only the problems of these files (pre-commit)")
    new_parser = sub.add_parser("new", help="after seeds/ was replaced by another report: move the previous "
                                "report's translations aside and create the new report's catalogs")
    new_parser.add_argument("--force", action="store_true",
                            help="start over even when seeds/ holds the report the translations are for")
    new_parser.set_defaults(func=cmd_new)
    build_parser = sub.add_parser("build", help="generate, then build the site with mkdocs (atomic)")
    build_parser.add_argument("--site-dir", default="site")
    build_parser.add_argument("--no-wait", action="store_true",
                              help="when another build is running, fail at once instead of waiting for it")
    build_parser.set_defaults(func=cmd_build)

    args = parser.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `gwr outline | head` ends quietly
    try:
        return args.func(args)
    except (InputError, InputErrors) as error:
        _print_findings(findings_of(error), sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
