"""`gwr update`: merge the current templates into translations/<lang>/*.po, losing no translation.

The merge is Babel's Catalog.update (new -> empty, changed -> fuzzy with the previous msgid,
removed -> obsolete). Before it runs, translations whose entry no longer matches are
reclaimed, because IDs are positional (a sentence inserted or deleted renumbers the ones
after it) and Babel never looks at obsolete entries:

1. an obsolete entry with the same ID and Chinese: a sentence deleted, then restored;
2. an entry with the same Chinese under another ID (active or obsolete): the sentence moved,
   and the translation moves with it, not fuzzy;
3. an entry with the same ID and other Chinese (the sentence was reworded), or an obsolete one:
   fuzzy, with the previous msgid kept. Babel alone would guess by the similarity of the Chinese,
   which can hand one sentence's translation to another.

Plan links to moved sentences are re-keyed the same way; points' citations follow their Chinese by
fingerprint (citations.py).
No catalog is written unless every catalog read cleanly. The address of a part's page, which names
its catalog, is recorded in report.yaml the first time (source/partslugs.py), so that a reworded
heading cannot move the page and its catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from .catalogs import (catalog_dir, layout_for, new_catalog, read_catalog, render_catalog, template_catalog, templates,
                       write_if_changed)
from .citations import follow_citations
from ..enrich.editorial import rekey_citations
from ..enrich.pages import PageKind, plan_pages
from ..errors import InputError, InputErrors
from ..source.model import Report
from ..source.partslugs import record_part_slugs


@dataclass
class UpdateResult:
    lang: str
    written: list[Path]
    unchanged: int
    new: int  # entries without a translation that were not there before
    fuzzy: int  # entries newly marked fuzzy by this update
    obsolete: int  # entries newly made obsolete
    moved: dict[str, str] = field(default_factory=dict)  # old ID -> new ID of sentences that moved
    rekeyed: list[Path] = field(default_factory=list)  # files whose citations followed them
    recorded: list[Path] = field(default_factory=list)  # report.yaml, where part pages' addresses were recorded


def update(root: Path, report: Report, lang: str) -> UpdateResult:
    """Merge the current templates into translations/<lang>/*.po. Stale .po files become all-obsolete."""
    folder = catalog_dir(root, lang)
    pots = templates(report)
    old = _read_all(folder, lang, root)
    recorded = _record_part_slugs(root, report)
    before = {name: (_keys(c), {_key(m) for m in c if m.id and m.fuzzy}, set(c.obsolete)) for name, c in old.items()}
    moved = _reclaim(old, pots, lang, report)
    result = UpdateResult(lang, [], 0, 0, 0, 0, moved, recorded=recorded)
    for name in sorted(set(pots) | set(old)):
        catalog = old.get(name) or new_catalog(name, lang, report)
        keys_before, fuzzy_before, obsolete_before = before.get(name, (set(), set(), set()))
        previous = {_key(m): m.previous_id for m in catalog if m.id and m.previous_id}
        catalog.update(pots.get(name) or template_catalog(name, [], report), update_creation_date=False)
        _tidy(catalog, previous)
        result.new += sum(1 for m in catalog if m.id and not m.string and _key(m) not in keys_before)
        result.fuzzy += sum(1 for m in catalog if m.id and m.fuzzy and _key(m) not in fuzzy_before)
        result.obsolete += len(set(catalog.obsolete) - obsolete_before)
        if write_if_changed(folder / f"{name}.po", render_catalog(catalog, **layout_for(name))):
            result.written.append(folder / f"{name}.po")
        else:
            result.unchanged += 1
    result.rekeyed = rekey_citations(root, moved) + follow_citations(root, report)  # points follow by content
    return result


def _record_part_slugs(root: Path, report: Report) -> list[Path]:
    """Record the addresses of the part pages that have none yet: the ones their catalogs are named after."""
    new = {plan.part.id: plan.slug for plan in plan_pages(report) if plan.kind is PageKind.PART and not plan.part.slug}
    written = record_part_slugs(root / "seeds", new)
    for part in report.parts:  # the report in hand says what the file now says
        part.slug = part.slug or new.get(part.id)
    return [written] if written else []


def _read_all(folder: Path, lang: str, root: Path) -> dict[str, Catalog]:
    """Every catalog, or nothing: a catalog that does not read cleanly is never rewritten."""
    catalogs, errors = {}, []
    for path in sorted(folder.glob("*.po")):
        try:
            catalogs[path.stem] = read_catalog(path, lang, root)
        except InputError as err:
            errors.append(err)
    if errors:
        raise InputErrors(errors)
    return catalogs


def _key(message: Message) -> tuple:
    return (message.id, message.context)


def _keys(catalog: Catalog) -> set:
    return {_key(m) for m in catalog if m.id}


@dataclass(eq=False)  # one waiting translation; two can share msgid and msgctxt
class _Candidate:
    catalog: str
    message: Message
    obsolete: bool


def _reclaim(old: dict[str, Catalog], pots: dict[str, Catalog], lang: str, report: Report) -> dict[str, str]:
    """Give each template entry missing from its catalog a translation that is waiting elsewhere.

    Returns the IDs that moved (old -> new), for the citations."""
    # A translation waits when its own catalog no longer wants it: the sentence went, or moved to another page's
    # catalog (a part whose page was renamed keeps its translations).
    wanted = {name: {_key(m) for m in pot if m.id} for name, pot in pots.items()}
    by_text: dict[str, list[_Candidate]] = {}
    by_context: dict[str, list[_Candidate]] = {}
    for name, catalog in old.items():
        for message in catalog:
            if message.id and message.string and _key(message) not in wanted.get(name, set()):
                candidate = _Candidate(name, message, False)
                by_text.setdefault(message.id, []).append(candidate)
                if message.context is not None:
                    by_context.setdefault(message.context, []).append(candidate)
        for message in catalog.obsolete.values():
            if message.string:
                candidate = _Candidate(name, message, True)
                by_text.setdefault(message.id, []).append(candidate)
                if message.context is not None:
                    by_context.setdefault(message.context, []).append(candidate)
    moved: dict[str, str] = {}
    # First whatever kept its Chinese (moved or restored), then rewordings of the same ID: an ID whose
    # sentence moved away must not lend its translation to the sentence that took its place.
    for pick in (_same_text, _same_context):
        for name, pot in pots.items():
            for message in pot:
                target = old.get(name)
                if not message.id or (target is not None and target.get(message.id, message.context) is not None):
                    continue
                candidate = pick(message, by_text, by_context)
                if candidate is None:
                    continue
                _take(old[candidate.catalog], candidate)
                _forget(candidate, by_text, by_context)
                if target is None:
                    target = old[name] = new_catalog(name, lang, report)
                _add_reclaimed(target, message, candidate.message)
                if candidate.message.context and message.context and candidate.message.context != message.context:
                    moved[candidate.message.context] = message.context
    return moved


def _add_reclaimed(target: Catalog, message: Message, source: Message) -> None:
    changed = source.id != message.id
    target.add(message.id, string=source.string, locations=source.locations,
               flags=source.flags | ({"fuzzy"} if changed else set()), user_comments=source.user_comments,
               previous_id=[source.id] if changed else source.previous_id, context=message.context)


def _same_text(message: Message, by_text: dict, by_context: dict) -> _Candidate | None:
    same_text = by_text.get(message.id, [])
    exact = next((c for c in same_text if c.message.context == message.context), None)
    return exact or (same_text[0] if same_text else None)


def _same_context(message: Message, by_text: dict, by_context: dict) -> _Candidate | None:
    same_id = by_context.get(message.context, []) if message.context is not None else []
    return same_id[0] if same_id else None


def _take(catalog: Catalog, candidate: _Candidate) -> None:
    source = candidate.message
    if candidate.obsolete:
        del catalog.obsolete[_obsolete_key(catalog, source)]
    else:
        catalog.delete(source.id, context=source.context)


def _obsolete_key(catalog: Catalog, message: Message):
    return next(key for key, value in catalog.obsolete.items() if value is message)


def _forget(candidate: _Candidate, by_text: dict, by_context: dict) -> None:
    by_text[candidate.message.id].remove(candidate)
    if candidate in by_context.get(candidate.message.context, []):
        by_context[candidate.message.context].remove(candidate)


def _tidy(catalog: Catalog, previous: dict) -> None:
    """Fixed form: a previous msgid only on fuzzy entries (Babel drops the ones it had); no obsolete
    twin of an active entry; the catalog itself is never fuzzy."""
    for message in catalog:
        if message.id and not message.fuzzy:
            message.previous_id = []
        elif message.id and not message.previous_id and previous.get(_key(message)):
            message.previous_id = previous[_key(message)]
    active = _keys(catalog)
    for key in [k for k, m in catalog.obsolete.items() if _key(m) in active]:
        del catalog.obsolete[key]
    catalog.fuzzy = False
