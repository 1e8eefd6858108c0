"""Swedish alphabetical order: … x y z å ä ö, case and accents folded; and the Swedish
fold of text compared in searches.

Plain code-point order puts "Ä" before "Å" and "é" after "ö"; Swedish readers expect
"Åsa" after "Zackrisson" and "Émile" among the E's. Used as a Python sort key and as the
SQLite collation ``sv`` (``ORDER BY namn COLLATE sv``).

SQLite's LIKE and ``lower()`` fold only A–Z, so "överföring" would not find
"Överföring"; searches compare :func:`search_fold` of both sides instead, in SQL as the
function ``sv_fold`` (``instr(sv_fold(rubrik), ?)``) registered with the collation.
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
    # NFC first: text from macOS or a PDF may carry "Å" as "A" + a combining ring.
    for ch in unicodedata.normalize("NFC", text).casefold():
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


# In searches å, ä and ö stay letters of their own ("a" must not find "å"); Danish and
# Norwegian æ and ø are their Swedish twins; other accents go ("ryden" finds "Rydén",
# "muller" finds "Müller").
_SEARCH_OWN = {"å", "ä", "ö"}
_SEARCH_TWINS = {"æ": "ä", "ø": "ö"}


@lru_cache(maxsize=16384)
def search_fold(text: str | None) -> str:
    """``text`` as compared in searches: case folded for every letter (Å, Ä, Ö, É … too),
    accents other than å, ä, ö dropped, soft hyphens ignored. A search matches when the
    fold of what was typed occurs in the fold of the searched text."""
    if not text:
        return ""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        if ch in _SEARCH_OWN:
            out.append(ch)
        elif ch in _SEARCH_TWINS:
            out.append(_SEARCH_TWINS[ch])
        elif ch == "\u00ad":
            continue
        else:
            base = unicodedata.normalize("NFD", ch)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


def _collate(a: str, b: str) -> int:
    ka, kb = swedish_key(a), swedish_key(b)
    return (ka > kb) - (ka < kb)


def register_collation(conn: sqlite3.Connection) -> None:
    """Swedish text on ``conn``: the collation ``sv`` and the search function ``sv_fold``
    (:func:`search_fold`; NULL gives "")."""
    conn.create_collation("sv", _collate)
    conn.create_function("sv_fold", 1, search_fold, deterministic=True)
