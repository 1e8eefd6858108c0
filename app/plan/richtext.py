"""The plan's rich text in an Excel cell.

Rich text is stored as NK-HTML (:mod:`app.richtext`, shared with the meetings). An
Excel cell holds it as text with light marks — a blank line between paragraphs, "- "
and "1. " list items, ``**fet**`` and ``*kursiv*`` (a typed star as ``\\*``) — so a
plan exported and imported again keeps its formatting.
"""

from __future__ import annotations

import re

from app.richtext import Item, ListBlock, Para, Run, blocks, from_plain_text, render


def _marked(runs: list[Run]) -> str:
    out = []
    for r in runs:
        text = r.text.replace("*", "\\*")
        if r.italic:
            text = f"*{text}*"
        if r.bold:
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def _marked_list(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for n, item in enumerate(block.items, start=block.start):
        mark = f"{n}." if block.ordered else "-"
        lines.append(f"{'  ' * depth}{mark} {_marked(item.runs).replace(chr(10), ' ')}")
        for child in item.children:
            lines += _marked_list(child, depth + 1)
    return lines


def to_marked_text(stored: str | None) -> str:
    parts = []
    for block in blocks(stored):
        if isinstance(block, Para):
            runs = [Run(r.text, r.bold or block.heading, r.italic) for r in block.runs]
            parts.append(_marked(runs))
        else:
            parts.append("\n".join(_marked_list(block, 0)))
    return "\n\n".join(parts)


def from_marked_text(text: str | None) -> str:
    """The inverse of :func:`to_marked_text` (plain text without marks works too)."""
    protected = (text or "").replace("\\*", "\x01")
    result: list[Para | ListBlock] = []
    for block in blocks(from_plain_text(protected)):
        if isinstance(block, Para):
            result.append(Para(_inline(block.runs), block.heading))
        else:
            result.append(_inline_list(block))
    return render(result)


def _inline_list(block: ListBlock) -> ListBlock:
    return ListBlock(block.ordered, [Item(_inline(i.runs), [_inline_list(c) for c in i.children])
                                     for i in block.items], block.start)


def _inline(runs: list[Run]) -> list[Run]:
    text = "".join(r.text for r in runs)
    out: list[Run] = []
    bold = italic = False
    for piece in re.split(r"(\*\*|\*)", text):
        if piece == "**" and (bold or _closes(text, piece)):
            bold = not bold
        elif piece == "*" and (italic or _closes(text, piece)):
            italic = not italic
        elif piece:
            out.append(Run(piece.replace("\x01", "*"), bold, italic))
    return [r for r in out if r.text] or [Run("")]


def _closes(text: str, marker: str) -> bool:
    """A marker opens only when the same marker appears again later ("14 * 3" stays)."""
    return text.count(marker) >= 2 if marker == "**" else len(re.findall(r"(?<!\*)\*(?!\*)", text)) >= 2
