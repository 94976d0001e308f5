"""The search index of an edition as static files, loaded by the browser only when a reader searches.

    search/gwr/meta.json      the pages, and for every document its page, kind and length (BM25);
                              the words of the answer when the report is silent; the index's stamp
    search/gwr/t/<n>.json     postings: token -> [document, weight, document, weight, …]; a token's
                              file is chosen by a hash of its first three letters (Latin) or of the
                              whole token, so a query fetches a few small files, and a word being
                              typed finds the stems it begins
    search/gwr/d/<n>.json     documents in reading order, CHUNK a file: [anchor, heading, text], and
                              for a glossary entry its name in the edition's language and the other's

Every file is written with sorted keys and fixed separators: the same inputs give the same bytes. The
stamp is a hash of all of them: the browser asks for meta.json each time (revalidated) and for the
other files with ?v=<stamp>, which it may keep in its cache for good (a new build, a new stamp).
"""

from __future__ import annotations

import hashlib
import json
import math

from .documents import BOOST, GROUPS, SearchDoc, SearchPage

FOLDER = "search/gwr"
CHUNK = 6  # documents per file: a search fetches the few it shows
TOKENS_PER_SHARD = 150
VERSION = 2


def shard_key(token: str) -> str:
    """Latin tokens by their first three letters (a word being typed finds the stems it begins)."""
    return token[:3] if token[0].isascii() else token


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the code points (gwr-search.js computes the same)."""
    value = 2166136261
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value


def index_files(lang: str, pages: list[SearchPage], docs: list[SearchDoc], labels: dict[str, str]) -> dict[str, str]:
    """labels: the words of the answer when the report is silent, in the edition's language."""
    postings: dict[str, list] = {}
    compact: dict[float, int | float] = {}  # weight -> as written; a few values, met again and again
    for number, doc in enumerate(docs):
        for token, weight in sorted(doc.tokens.items()):
            written = weight if type(weight) is int else compact.get(weight)
            if written is None:
                written = compact[weight] = _compact(weight)
            postings.setdefault(token, []).extend((number, written))
    shards = max(1, math.ceil(len(postings) / TOKENS_PER_SHARD))
    grouped: dict[int, dict[str, list]] = {n: {} for n in range(shards)}
    for token, values in postings.items():
        grouped[fnv1a(shard_key(token)) % shards][token] = values
    lengths = [round(sum(doc.tokens.values())) for doc in docs]
    meta = {
        "version": VERSION, "lang": lang, "shards": shards, "chunk": CHUNK, "groups": list(GROUPS),
        "pages": [[p.slug, p.title, GROUPS.index(p.group)] for p in pages],
        "docPage": [d.page for d in docs], "docKind": [list(BOOST).index(d.kind) for d in docs],
        "kinds": list(BOOST), "boost": list(BOOST.values()), "docLength": lengths,
        "averageLength": round(sum(lengths) / len(lengths), 3) if lengths else 1, "labels": labels,
    }
    files = {}
    for number, tokens in grouped.items():
        files[f"{FOLDER}/t/{number}.json"] = _json(tokens)
    for start in range(0, len(docs), CHUNK):
        chunk = [[d.anchor, d.heading, d.text, *d.names] for d in docs[start:start + CHUNK]]
        files[f"{FOLDER}/d/{start // CHUNK}.json"] = _json(chunk)
    meta["stamp"] = _stamp({**files, "meta": _json(meta)})
    return {f"{FOLDER}/meta.json": _json(meta), **files}


def _stamp(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name, text in sorted(files.items()):
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()[:12]


def _compact(weight: float):
    return int(weight) if float(weight).is_integer() else round(weight, 2)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
