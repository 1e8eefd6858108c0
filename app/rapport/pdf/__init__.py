"""The report as one printed document: rapport.py (render_rapport: title page, table of
contents, the chapters), chapters.py (the generated chapters), layout.py (pages,
running header, table of contents, finish)."""
