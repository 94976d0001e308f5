"""Enrich: the Report -> an EnrichedReport, computed once per generate and shared by editions and catalogs.

Takes the model and what editors keep in translations/ beside the catalogs (glossary, editorial points); gives
the page plan, glossary matches, quantified statements and validated editorial points (enrich.enriched.enrich).
"""
