"""The printed source: seeds/ (page files and report.yaml) -> the Report model.

Takes the newspaper text; gives Report -> Part -> Section -> Block -> Segment with stable IDs, provenance and
notes on the print's slips (source.load.load_report).
"""
