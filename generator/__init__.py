"""Generator for the bilingual edition of a Chinese government work report.

The pipeline, one package per stage; imports run downward only (cli -> site -> translation
-> enrich -> source; every stage may use util and errors):

    source/       seeds/ -> Report: decode, stitch pages and column breaks, parse, note slips
    enrich/       Report + glossary + editorial points -> EnrichedReport (computed once)
    translation/  Report <-> PO catalogs: extract, merge (`gwr update`), localise, check
    site/         EnrichedReport + localisers -> Markdown in docs/ -> MkDocs -> site/
    cli.py        the `gwr` command on top

See ARCHITECTURE.md for the data that flows between the stages.
"""
