"""A hit's snippet: the words around the ones found, marked.

FTS5's own snippet() would ask the index again for every hit shown (the query parsed
and its doclists searched once per hit); here the stored text of the few hits shown is
read by rowid and marked by the same rule the index tokenizes by (a run of letters and
digits, or §; case folded, diacritics kept), which costs microseconds. A word of the
query marks every occurrence, a prefix every word it begins.
"""

from __future__ import annotations

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
    spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    if not spans:
        return text.strip()
    marks = []
    for start, end in spans:
        token = text[start:end].lower()
        marks.append(token in words or any(token.startswith(p) for p in prefixes))
    first = 0
    if len(spans) > width:
        counts = [sum(marks[:width])]
        for n in range(1, len(spans) - width + 1):
            counts.append(counts[-1] - marks[n - 1] + marks[n + width - 1])
        first = counts.index(max(counts))
        in_window = [n for n in range(first, first + width) if marks[n]]
        if in_window:  # the window's first hit after a few words of context
            first = max(0, min(in_window[0] - LEAD, len(spans) - width))
    last = min(len(spans), first + width)
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
    out.append("…" if last < len(spans) else text[position:])
    return " ".join("".join(out).split())
