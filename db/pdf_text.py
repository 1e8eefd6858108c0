"""The text of a PDF's pages, for the search index (db/migrations/m0018_sok.py).

Extracted with pypdf, once per stored file: when a bilaga is attached
(app/meetings/bilagor.py) and, for the files attached before the index existed, by
the migration. A page whose text cannot be read (a scanned page is an image, a broken
content stream) gives an empty text: the bilaga is still attached and printed, only its
words are not found.
"""

from __future__ import annotations

import io
import logging
import re

log = logging.getLogger(__name__)

#: Runs of white space (pypdf keeps a PDF's line layout) become one space.
_SPACE = re.compile(r"\s+")
#: A word hyphenated at a line end ("hem-\ntjänsten") is joined again.
_HYPHENATED = re.compile(r"(\w)-\s*\n\s*(\w)")


def page_texts(data: bytes) -> list[str]:
    """One text per page of the PDF ``data``, in page order ([] when it cannot be read)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        log.warning("PDF:ens text kunde inte läsas: %s", exc)
        return []
    texts = []
    for number, page in enumerate(pages, start=1):
        try:
            raw = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - a broken page must not stop the attach
            log.warning("Texten på sidan %d kunde inte läsas: %s", number, exc)
            raw = ""
        texts.append(_SPACE.sub(" ", _HYPHENATED.sub(r"\1\2", raw)).strip())
    return texts
