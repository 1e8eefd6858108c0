"""PDF infrastructure shared by every document the program prints.

* :mod:`app.pdf.fonts` – embedded fonts (Liberation Sans + DejaVu Sans fallback);
  never use ReportLab's built-in fonts.
* :mod:`app.pdf.text` – :func:`~app.pdf.text.para` escapes user text for a Paragraph,
  :func:`~app.pdf.text.draw_text` draws it on a canvas.
* :mod:`app.pdf.styles` – paragraph styles.
* :mod:`app.pdf.document` – :func:`~app.pdf.document.build_pdf`, the A4 base template
  with language and metadata.
* :mod:`app.pdf.letterhead` – the kommun's letterhead, running head and address
  footer; page templates "first"/"later".
* :mod:`app.pdf.richtext` – the stored rich-text format (see :mod:`app.richtext`) as
  flowables.
* :mod:`app.pdf.pdfa` – PDF/A conversion and validation.
* :mod:`app.pdf.bundle` – "Sida N av M" on every page of a merged PDF (rotation-aware),
  page labels and bookmarks.
"""
