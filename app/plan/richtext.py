"""The plan's rich text (introductory sections, "I kommunen betyder det …"): a small,
safe HTML subset, always produced by this module, never stored as typed.

Stored: ``<p>``, ``<ul>``/``<ol>`` with ``<li>``, and inside them text (``& < >``
escaped), ``<b>``, ``<i>``, ``<br/>``. :func:`from_html` reduces anything (Qt's own
HTML from a QTextEdit, HTML pasted from Word) to that; :func:`blocks` gives the
structure for the PDF; :func:`to_plain`/:func:`from_plain` turn it into text with
light marks (blank line between paragraphs, "- " and "1. " list items, ``**fet**``,
``*kursiv*``) for Excel cells and back, so a round trip keeps the formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # "p", "ul", "ol"
    items: list[list[Run]] = field(default_factory=list)  # one item for "p"

    @property
    def runs(self) -> list[Run]:
        return self.items[0] if self.items else []


class _Reader(HTMLParser):
    """Collects blocks of runs from any HTML, keeping only what we store."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.bold = self.italic = 0
        self.stack: list[tuple[str, bool, bool]] = []  # open inline tags and their effect
        self.list_kind: list[str] = []
        self.current: list[Run] | None = None
        self.skip = 0

    def _target(self) -> list[Run]:
        if self.current is None:
            if self.list_kind:
                block = self.blocks[-1] if self.blocks and self.blocks[-1].kind in ("ul", "ol") else None
                if block is None:
                    block = Block(self.list_kind[-1])
                    self.blocks.append(block)
                block.items.append([])
                self.current = block.items[-1]
            else:
                self.blocks.append(Block("p", [[]]))
                self.current = self.blocks[-1].items[0]
        return self.current

    def handle_starttag(self, tag, attrs):
        style = dict(attrs).get("style") or ""
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
            self.current = None
            if tag.startswith("h"):
                self._push(tag, True, False)
        elif tag in ("ul", "ol"):
            self.current = None
            self.list_kind.append(tag)
            self.blocks.append(Block(tag))
        elif tag == "li":
            self.current = None
        elif tag == "br":
            self._target().append(Run("\n", bool(self.bold), bool(self.italic)))
        elif tag in ("b", "strong"):
            self._push(tag, True, False)
        elif tag in ("i", "em"):
            self._push(tag, False, True)
        elif tag == "span":
            bold = bool(re.search(r"font-weight:\s*(bold|[6-9]00)", style))
            italic = "font-style:italic" in style.replace(" ", "")
            self._push(tag, bold, italic)

    def _push(self, tag: str, bold: bool, italic: bool) -> None:
        self.stack.append((tag, bold, italic))
        self.bold += bold
        self.italic += italic

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                _tag, bold, italic = self.stack.pop(i)
                self.bold -= bold
                self.italic -= italic
                break
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
            self.current = None
        elif tag in ("ul", "ol") and self.list_kind:
            self.list_kind.pop()
            self.current = None

    def handle_data(self, data):
        if self.skip:
            return
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", data.replace("\u00ad", "").replace("\x00", ""))
        if not text.strip() and self.current is None:
            return
        target = self._target()
        run = Run(text, bool(self.bold), bool(self.italic))
        if target and (target[-1].bold, target[-1].italic) == (run.bold, run.italic):
            target[-1].text += run.text
        else:
            target.append(run)


def _tidy(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and (out[-1].bold, out[-1].italic) == (r.bold, r.italic):
            out[-1].text += r.text
        else:
            out.append(Run(r.text, r.bold, r.italic))
    if out:
        out[0].text = out[0].text.lstrip(" ")
        out[-1].text = out[-1].text.rstrip(" ")
    return [r for r in out if r.text]


def blocks(stored: str) -> list[Block]:
    """The structure of stored (or any) HTML; plain text without tags is read as
    paragraphs separated by blank lines."""
    if not stored or not stored.strip():
        return []
    if "<" not in stored:
        return blocks(from_plain(stored))
    reader = _Reader()
    reader.feed(stored)
    reader.close()
    result = []
    for b in reader.blocks:
        items = [_tidy(item) for item in b.items]
        items = [i for i in items if i and "".join(r.text for r in i).strip()]
        if items:
            result.append(Block(b.kind, items))
    return result


def _runs_html(runs: list[Run]) -> str:
    out = []
    for r in runs:
        text = escape(r.text, quote=False).replace("\n", "<br/>")
        if r.italic:
            text = f"<i>{text}</i>"
        if r.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def to_html(items: list[Block]) -> str:
    out = []
    for b in items:
        if b.kind == "p":
            out.append(f"<p>{_runs_html(b.runs)}</p>")
        else:
            out.append(f"<{b.kind}>" + "".join(f"<li>{_runs_html(i)}</li>" for i in b.items) + f"</{b.kind}>")
    return "".join(out)


def from_html(html: str) -> str:
    """Any HTML (a QTextEdit's toHtml(), a paste from Word) as stored rich text."""
    return to_html(blocks(html or ""))


def _runs_plain(runs: list[Run]) -> str:
    out = []
    for r in runs:
        text = r.text.replace("*", "\\*")
        if r.italic:
            text = f"*{text}*"
        if r.bold:
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def to_plain(stored: str) -> str:
    """Text with light marks, for an Excel cell (see the module text)."""
    parts = []
    for b in blocks(stored):
        if b.kind == "p":
            parts.append(_runs_plain(b.runs))
        else:
            marks = [f"{n}. " if b.kind == "ol" else "- " for n in range(1, len(b.items) + 1)]
            parts.append("\n".join(m + _runs_plain(i).replace("\n", " ") for m, i in zip(marks, b.items,
                                                                                         strict=True)))
    return "\n\n".join(parts)


_ITEM = re.compile(r"^\s*(?:([-•*])|(\d{1,3})[.)])\s+(.*)$")


def from_plain(text: str) -> str:
    """The inverse of :func:`to_plain`; plain text typed without marks becomes
    paragraphs (a blank line starts a new one, a single line break is kept)."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if all(_ITEM.match(ln) for ln in lines):
            kind = "ul" if _ITEM.match(lines[0]).group(1) else "ol"
            result.append(Block(kind, [_inline(_ITEM.match(ln).group(3)) for ln in lines]))
        else:
            result.append(Block("p", [_inline("\n".join(ln.strip() for ln in lines))]))
    return to_html(result)


def _inline(text: str) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    buf: list[str] = []

    def emit() -> None:
        if buf:
            runs.append(Run("".join(buf), bold, italic))
            buf.clear()

    i = 0
    while i < len(text):
        if text.startswith("\\*", i):
            buf.append("*")
            i += 2
        elif text.startswith("**", i) and (bold or "**" in text[i + 2:]):
            emit()
            bold = not bold
            i += 2
        elif text[i] == "*" and (italic or re.search(r"(?<!\\)\*", text[i + 1:])) and \
                (italic or (i + 1 < len(text) and not text[i + 1].isspace())):
            emit()
            italic = not italic
            i += 1
        else:
            buf.append(text[i])
            i += 1
    emit()
    return _tidy(runs)


def plain_text(stored: str) -> str:
    """Just the words (search, previews, tests)."""
    lines = []
    for b in blocks(stored):
        for item in b.items:
            lines.append("".join(r.text for r in item))
    return "\n".join(lines)
