"""Helpers every stage uses: editor-written YAML read with line numbers, files written only when they change.

Takes paths; gives data with locations, or InputErrors naming file and line.
"""
