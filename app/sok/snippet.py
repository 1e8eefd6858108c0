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
        hits = [n for n, token in enumerate(found) if token in words or token.startswith(starts)]
    else:
        hits = [n for n, token in enumerate(found) if token in words]
    first = 0
    if len(found) > width and hits:
        # The window with the most hits begins at a hit (moved right to its first hit it
        # loses none), so only windows starting at hits are counted; the earliest of
        # the best, a few words of context before it.
        best, most, end = hits[0], 0, 0
        for i, hit in enumerate(hits):
            while end < len(hits) and hits[end] < hit + width:
                end += 1
            if end - i > most:
                best, most = hit, end - i
        first = max(0, min(best - LEAD, len(found) - width))
    last = min(len(found), first + width)
    marked = set(hits)
    spans = [m.span() for m in islice(TOKEN.finditer(text), last)]
    out = ["…" if first else ""]
    position = spans[first][0]
    for n in range(first, last):
        start, end = spans[n]
        hit = n in marked
        # Words found next to each other ("2022/29", "§ 16") are marked as one.
        if hit and not (n > first and n - 1 in marked):
            out.append(text[position:start] + MARK_START)
        else:
            out.append(text[position:start])
        out.append(text[start:end])
        if hit and not (n + 1 < last and n + 1 in marked):
            out.append(MARK_END)
        position = end
    out.append("…" if last < len(found) else text[position:])
    return " ".join("".join(out).split())
