"""The `gwr` command: look at the parsed report, export it, generate and build the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import InputError, InputErrors


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_outline(args) -> int:
    from .pipeline import load_report
    from .render import part_label

    report = load_report(_root(args))
    print(f"{report.meta.city}{report.meta.year}年{report.title}")
    for part in report.parts:
        missing = "" if part.heading_available else "  [heading not in the available text]"
        print(f"{part.id}  {part_label(part)}{missing}")
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
    from .export import report_to_json
    from .pipeline import load_report

    text = report_to_json(load_report(_root(args)))
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_notes(args) -> int:
    from .pipeline import load_report

    for note in load_report(_root(args)).anomalies:
        print(f"{note.source}: {note.kind}: [{note.segment_id}] {note.message}")
    return 0


def cmd_generate(args) -> int:
    from .site import generate

    result = generate(_root(args))
    pages = sum(len(e.pages) for e in result.editions.values())
    print(f"generated {pages} pages ({len(result.written)} written, {len(result.removed)} removed) in docs/")
    return 0


def cmd_build(args) -> int:
    from .site import build_site, generate

    root = _root(args)
    started = time.monotonic()
    generate(root)
    build_site(root, root / args.site_dir)
    print(f"built {args.site_dir}/ in {time.monotonic() - started:.1f} s")
    return 0


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
    build_parser = sub.add_parser("build", help="generate, then build the site with mkdocs (atomic)")
    build_parser.add_argument("--site-dir", default="site")
    build_parser.set_defaults(func=cmd_build)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputErrors as errors:
        for error in errors.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
