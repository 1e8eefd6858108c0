"""A hit's snippet: the words around the ones found, marked.

FTS5's own snippet() would ask the index again for every hit shown (the query parsed
and its doclists searched once per hit); here the stored text of the few hits shown is
read by rowid and marked by the same rule the index tokenizes by (a run of letters and
digits, or §; case folded, diacritics kept), which costs microseconds. A word of the
query marks every occurrence, a prefix every word it begins.
"""

from __future__ import annotations

from itertools import islice

from app.sok.model import MARK_END, MARK_START
from app.sok.query import TOKEN

#: Words shown around the hits.
WIDTH = 16
#: Words kept before the first hit of the window, for context.
LEAD = 3


def make_snippet(text: str, phrases: list[tuple[list[str], bool]], width: int = WIDTH) -> str:
    words: set[str] = set()
    prefixes: list[str] = []
    for tokens, prefix in phrases:
        for n, token in enumerate(tokens):
            if prefix and n == len(tokens) - 1:
                prefixes.append(token.lower())
            else:
                words.add(token.lower())
    # Every word of the text is looked at (the window with the most hits is shown), in
    # list comprehensions over findall: a bilaga page has hundreds of words, and a
    # result shows some sixty hits.
    found = [token.lower() for token in TOKEN.findall(text)]
    if not found:
        return text.strip()
    if prefixes:
        starts = tuple(prefixes)
        marks = [token in words or token.startswith(starts) for token in found]
    else:
        marks = [token in words for token in found]
    first = 0
    if len(found) > width:
        counts = [sum(marks[:width])]
        for n in range(1, len(found) - width + 1):
            counts.append(counts[-1] - marks[n - 1] + marks[n + width - 1])
        first = counts.index(max(counts))
        in_window = [n for n in range(first, first + width) if marks[n]]
        if in_window:  # the window's first hit after a few words of context
            first = max(0, min(in_window[0] - LEAD, len(found) - width))
    last = min(len(found), first + width)
    # Where the words are, only up to the window's last.
    spans = [m.span() for m in islice(TOKEN.finditer(text), last)]
    out = ["…" if first else ""]
    position = spans[first][0]
    for n in range(first, last):
        start, end = spans[n]
        # Words found next to each other ("2022/29", "§ 16") are marked as one.
        joined = n > first and marks[n] and marks[n - 1]
        if marks[n] and not joined:
            out.append(text[position:start] + MARK_START)
        else:
            out.append(text[position:start])
        out.append(text[start:end])
        if marks[n] and not (n + 1 < last and marks[n + 1]):
            out.append(MARK_END)
        position = end
    out.append("…" if last < len(found) else text[position:])
    return " ".join("".join(out).split())
