"""Generator for the bilingual edition of a Chinese government work report.

The pipeline, one module per stage:

    seedmeta  -> read seeds/report.yaml (which page files, in which order)
    ingest    -> decode page files, strip page markers, normalise punctuation,
                 repair column breaks (SourceParagraph list + repairs)
    parse     -> Report -> Part -> Section -> Block -> Segment (model.py)
    anomalies -> notes for editors about slips in the printed text
    render    -> Jinja2 templates -> Markdown in docs/
    site      -> MkDocs build (atomic), used by the CLI and the MkDocs hooks
"""
