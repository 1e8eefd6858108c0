"""What the user typed, as an FTS5 query that cannot fail (docs/domain/search.md).

Every word becomes a quoted FTS5 string, so quotes, parentheses, ``AND``/``OR``/``NEAR``,
``-`` or ``:`` in the text are searched for as words, never read as operators, and no
text raises an SQL error. The words are all required (AND):

* ``"två ord"`` in double quotes: those words next to each other;
* a word ending in ``*``: a prefix ("hemtjänst*" finds "hemtjänsten");
* a word with ``/``, ``-`` or ``.`` inside ("2022/29", "VON 2022/44-73" word by word,
  "5.1"): its parts next to each other, as the index split them; a Dnr written with its
  prefix ("VON 2022/44-73") is one phrase as well;
* ``§ 15`` and ``§15``: the paragraf number as one phrase (the index spaces "§15" too).

The index's tokenizer (unicode61, diacritics kept) is mirrored here: a token is a run of
letters and digits, or ``§``.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTED = re.compile(r'"([^"]*)"?')
TOKEN = re.compile(r"[^\W_]+|§", re.UNICODE)
#: "§ 15", "§15", "§§ 15-19": the sign with the number after it.
_PARAGRAF = re.compile(r"§+\s*(?=\d)")
#: A Dnr typed with its prefix: "VON 2022/44-73" (letters, then a year/number).
_DNR = re.compile(r"\b([^\W\d_]{1,10})\s+(\d{4}[/.-]\d[\w/.-]*)", re.UNICODE)


def tokens(text: str) -> list[str]:
    """The index's tokens of ``text`` (case is the index's business)."""
    return TOKEN.findall(text)


def _phrase(words: list[str], prefix: bool = False) -> str:
    quoted = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    return quoted + " *" if prefix else quoted


def _chunk_terms(chunk: str, prefix_last: bool) -> list[tuple[list[str], bool]]:
    chunk = _PARAGRAF.sub("§ ", chunk)
    chunk = _DNR.sub(lambda m: f"{m.group(1)}\u0000{m.group(2)}", chunk)
    out = []
    words = chunk.split()
    for n, word in enumerate(words):
        prefix = word.endswith("*") or (prefix_last and n == len(words) - 1)
        parts = tokens(word.replace("\u0000", " "))
        if parts == ["§"] and n + 1 < len(words):
            continue  # the sign goes with the number that follows
        if n > 0 and words[n - 1] == "§" and parts:
            parts = ["§", *parts]
        if parts:
            out.append((parts, prefix))
    return out


def terms(text: str, *, prefix_last: bool = False) -> list[tuple[list[str], bool]]:
    """The phrases ``text`` asks for: (tokens, whether the last one is a prefix)."""
    text = unicodedata.normalize("NFC", text or "")
    found: list[tuple[list[str], bool]] = []
    position = 0
    for match in _QUOTED.finditer(text):
        found += _chunk_terms(text[position:match.start()], False)
        words = tokens(match.group(1))
        if words:
            found.append((words, False))
        position = match.end()
    rest = text[position:]
    return found + _chunk_terms(rest, prefix_last and not rest[-1:].isspace())


def fts_query(text: str, *, prefix_last: bool = False) -> str:
    """The FTS5 MATCH expression for ``text``; "" when it holds nothing to search for.

    ``prefix_last``: the last word is a prefix too (a search run as the user types)."""
    return " ".join(_phrase(words, prefix) for words, prefix in terms(text, prefix_last=prefix_last))
