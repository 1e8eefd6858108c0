"""Swedish alphabetical order: … x y z å ä ö, case and accents folded.

Plain code-point order puts "Ä" before "Å" and "é" after "ö"; Swedish readers expect
"Åsa" after "Zackrisson" and "Émile" among the E's. Used as a Python sort key and as the
SQLite collation ``sv`` (``ORDER BY namn COLLATE sv``).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from functools import lru_cache

# Letters that are letters of their own in Swedish, placed after z. Æ and Ø sort as Ä
# and Ö, Ü as Y (Svenska Akademiens ordlista).
_OWN_LETTERS = {"å": "{0", "ä": "{1", "æ": "{1", "ö": "{2", "ø": "{2"}
_FOLD = {"ü": "y", "ß": "ss"}


@lru_cache(maxsize=8192)
def swedish_key(text: str | None) -> tuple[str, str]:
    """Sort key: primary letters (case and accents folded), then the text itself so
    that equal keys still order deterministically."""
    if not text:
        return ("", "")
    out: list[str] = []
    for ch in text.casefold():
        if ch in _OWN_LETTERS:
            out.append(_OWN_LETTERS[ch])
        elif ch in _FOLD:
            out.append(_FOLD[ch])
        elif ch == "\u00ad":  # soft hyphen pasted from Word: invisible, ignore
            continue
        else:
            base = unicodedata.normalize("NFD", ch)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
    return ("".join(out), text)


def swedish_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: swedish_key(key(item)))


def _collate(a: str, b: str) -> int:
    ka, kb = swedish_key(a), swedish_key(b)
    return (ka > kb) - (ka < kb)


def register_collation(conn: sqlite3.Connection) -> None:
    conn.create_collation("sv", _collate)
