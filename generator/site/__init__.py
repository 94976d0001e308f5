"""The site: an EnrichedReport and its translations -> Markdown in docs/ -> both editions built by MkDocs.

Takes the enriched report and one localiser per language; gives pages, navigation and downloads per edition
(generate), the thin MkDocs hooks (editions, mkdocs_hooks) and an atomic build of site/ (build).
"""
