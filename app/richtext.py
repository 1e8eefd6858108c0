"""Rich text for long fields (förslag till beslut, beskrivning, ekonomiska konsekvenser).

Stored format: a small, safe **HTML subset** ("NK-HTML"), always written by
:func:`from_html` / :func:`from_plain_text`, never stored as typed:

* block level: ``<p>…</p>``, ``<ul><li>…</li></ul>``, ``<ol start="N"><li>…</li></ol>``;
* inside ``<p>`` and ``<li>``: text (``&amp; &lt; &gt;`` escaped), ``<b>``, ``<i>``,
  ``<u>`` (understruken, Ctrl+U in the editor), ``<br/>``; a ``<li>`` may end with nested
  ``<ul>``/``<ol>``.

Nothing else survives: no attributes besides ``start``, no styles, links, images or
scripts. For the UI: load a field with ``QTextEdit.setHtml(stored)`` and save it with
``richtext.from_html(edit.toHtml())`` — the parser understands Qt's own HTML (bold,
italic and underline as ``<span style="font-weight:700">`` / ``font-style:italic`` /
``text-decoration: underline``, lists, ``<br />``, empty paragraphs), so paragraphs,
bold/italic/underline and numbered/bulleted (nested) lists survive the round trip;
anything else (fonts, colours, tables pasted from Word) is reduced to its text. Qt's
Markdown writer is *not* used: it loses hard line breaks and does not escape ``*`` and ``_`` typed as text.

:func:`blocks` gives the structure for PDF rendering (:mod:`app.pdf.richtext`),
:func:`to_plain_text` a readable plain text (previews, search, CSV).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser


@dataclass
class Run:
    text: str  # may contain "\n" (a <br/>)
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def same_format(self, other: Run) -> bool:
        return (self.bold, self.italic, self.underline) == (other.bold, other.italic, other.underline)


@dataclass
class Para:
    runs: list[Run] = field(default_factory=list)
    heading: bool = False  # a <h1>…<h6> from pasted HTML, printed bold

    def is_empty(self) -> bool:
        return not "".join(r.text for r in self.runs).strip()


@dataclass
class Item:
    runs: list[Run] = field(default_factory=list)
    children: list[ListBlock] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[Item] = field(default_factory=list)
    start: int = 1


Block = Para | ListBlock

_WEIGHT = re.compile(r"font-weight\s*:\s*(\d+|bold|bolder)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*(italic|oblique)", re.I)
_DECORATION = re.compile(r"text-decoration(?:-line)?\s*:\s*([^;\"]*)", re.I)
_EMPTY_PARA = re.compile(r"-qt-paragraph-type\s*:\s*empty", re.I)
_SKIP = {"head", "style", "script", "title", "meta"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
           "td", "th"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[ListBlock] = []  # open lists, innermost last
        self.item: list[Item | None] = []  # the open <li> per open list
        self.para: Para | None = None
        # (tag, bold, italic, underline); None: the tag leaves that one as it was.
        self.fmt: list[tuple[str, bool | None, bool | None, bool | None]] = []
        self.skip = 0

    # -- current format ---------------------------------------------------------------
    def _current(self, position: int) -> bool:
        """The innermost open tag's bold (1), italic (2) or underline (3)."""
        for entry in reversed(self.fmt):
            if entry[position] is not None:
                return bool(entry[position])
        return False

    def _runs(self) -> list[Run] | None:
        if self.lists and self.item[-1] is not None:
            return self.item[-1].runs
        if self.para is not None:
            return self.para.runs
        return None

    def _add_text(self, text: str) -> None:
        runs = self._runs()
        if runs is None:
            if not text.strip():
                return  # whitespace between block elements
            self.para = Para()
            if self.lists:  # text directly inside <ul> without <li>: give it an item
                item = Item()
                self.lists[-1].items.append(item)
                self.item[-1] = item
                runs = item.runs
            else:
                self.blocks.append(self.para)
                runs = self.para.runs
        run = Run(text, self._current(1), self._current(2), self._current(3))
        if runs and runs[-1].same_format(run):
            runs[-1].text += text
        else:
            runs.append(run)

    # -- HTMLParser hooks ---------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        style = attrs.get("style") or ""
        if tag in ("ul", "ol"):
            try:
                start = int(attrs.get("start") or 1)
            except ValueError:
                start = 1
            new = ListBlock(ordered=tag == "ol", start=start)
            if self.lists and self.item[-1] is not None:
                self.item[-1].children.append(new)
            else:
                self.para = None
                self.blocks.append(new)
            self.lists.append(new)
            self.item.append(None)
        elif tag == "li":
            if not self.lists:  # a stray <li>: treat as a bullet list of its own
                self.handle_starttag("ul", [])
            item = Item()
            self.lists[-1].items.append(item)
            self.item[-1] = item
        elif tag == "br":
            self._add_text("\n")
        elif tag in _BLOCKS:
            if not self.lists:
                self.para = Para(heading=tag.startswith("h") and tag[1:].isdigit())
                if _EMPTY_PARA.search(style):
                    self.para.heading = False
                self.blocks.append(self.para)
            elif self.item[-1] is not None and self.item[-1].runs and tag in ("p", "div"):
                self._add_text("\n")
        if tag in ("b", "strong"):
            self.fmt.append((tag, True, None, None))
        elif tag in ("i", "em"):
            self.fmt.append((tag, None, True, None))
        elif tag in ("u", "ins"):
            self.fmt.append((tag, None, None, True))
        elif tag in ("span", "p", "li", "div", "font") or tag in _BLOCKS:
            bold = italic = underline = None
            weight = _WEIGHT.search(style)
            if weight:
                value = weight.group(1).lower()
                bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
            if _ITALIC.search(style):
                italic = True
            elif re.search(r"font-style\s*:\s*normal", style, re.I):
                italic = False
            decoration = _DECORATION.search(style)
            if decoration:
                underline = "underline" in decoration.group(1).lower()
            self.fmt.append((tag, bold, italic, underline))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        for i in range(len(self.fmt) - 1, -1, -1):
            if self.fmt[i][0] == tag:
                del self.fmt[i:]
                break
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.item.pop()
            self.para = None
        elif tag == "li" and self.lists:
            self.item[-1] = None
        elif tag in _BLOCKS and not self.lists:
            self.para = None
        elif tag in ("td", "th") and self.para is not None:
            self.para = None

    def handle_data(self, data):
        if self.skip:
            return
        # HTML source line breaks are spaces; Qt marks real ones with <br />.
        self._add_text(data.replace("\r", "").replace("\n", " "))


def _tidy_runs(runs: list[Run]) -> list[Run]:
    """Clean pasted junk, trim the ends, drop empty runs, merge equal neighbours."""
    out: list[Run] = []
    for run in runs:
        text = run.text.replace("\u00ad", "").replace("\x00", "").replace("\t", " ")
        if not text:
            continue
        if out and out[-1].same_format(run):
            out[-1].text += text
        else:
            out.append(Run(text, run.bold, run.italic, run.underline))
    # Leading/trailing whitespace (also around <br/>) carries no meaning.
    while out and not out[0].text.strip(" "):
        out.pop(0)
    while out and not out[-1].text.strip(" \n"):
        out.pop()
    if out:
        out[0].text = out[0].text.lstrip(" ")
        out[-1].text = out[-1].text.rstrip(" \n")
    for run in out:
        run.text = re.sub(r" *\n *", "\n", run.text)
    return [r for r in out if r.text]


def _tidy(blocks: list[Block]) -> list[Block]:
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Para):
            block.runs = _tidy_runs(block.runs)
            if not block.is_empty():
                result.append(block)
        else:
            for item in block.items:
                item.runs = _tidy_runs(item.runs)
                item.children = [c for c in _tidy(list(item.children)) if isinstance(c, ListBlock)]
            block.items = [i for i in block.items if i.runs or i.children]
            if block.items:
                result.append(block)
    return result


def parse_html(html: str | None) -> list[Block]:
    """Any HTML (Qt's, NK-HTML, pasted) → blocks of the supported subset."""
    if not html or not html.strip():
        return []
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return _tidy(parser.blocks)


def markup_runs(runs: list[Run], text: Callable[[str], str], *, bold: str = "b", italic: str = "i",
                underline: str = "u") -> str:
    """The runs as inline markup: each run's ``text(run.text)`` inside its underline,
    italic and bold tags (stored NK-HTML, ReportLab's paragraph markup and the web copy
    differ only in escaping and tag names)."""
    out = []
    for run in runs:
        html = text(run.text)
        if run.underline:
            html = f"<{underline}>{html}</{underline}>"
        if run.italic:
            html = f"<{italic}>{html}</{italic}>"
        if run.bold:
            html = f"<{bold}>{html}</{bold}>"
        out.append(html)
    return "".join(out)


def _runs_html(runs: list[Run]) -> str:
    return markup_runs(runs, lambda t: escape(t, quote=False).replace("\n", "<br/>"))


def _list_html(block: ListBlock) -> str:
    tag = "ol" if block.ordered else "ul"
    start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
    items = "".join(
        f"<li>{_runs_html(item.runs)}{''.join(_list_html(c) for c in item.children)}</li>"
        for item in block.items)
    return f"<{tag}{start}>{items}</{tag}>"


def render(blocks: list[Block]) -> str:
    """Blocks → NK-HTML (the stored form)."""
    out = []
    for block in blocks:
        if isinstance(block, Para):
            runs = block.runs
            if block.heading:
                runs = [Run(r.text, True, r.italic, r.underline) for r in runs]
            out.append(f"<p>{_runs_html(runs)}</p>")
        else:
            out.append(_list_html(block))
    return "".join(out)


def from_html(html: str | None) -> str:
    """Sanitize HTML from an editor (e.g. ``QTextEdit.toHtml()``) into NK-HTML."""
    return render(parse_html(html))


_BULLET = re.compile(r"^\s*[-•*–]\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")


def from_plain_text(text: str | None) -> str:
    """Plain text (typed, pasted, imported) → NK-HTML. Blank lines separate paragraphs,
    single line breaks are kept, and consecutive lines starting with "- " / "• " or
    "1. " become bulleted or numbered lists."""
    blocks: list[Block] = []
    para_lines: list[str] = []

    def flush_para() -> None:
        if para_lines:
            blocks.append(Para([Run("\n".join(para_lines))]))
            para_lines.clear()

    current: ListBlock | None = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            flush_para()
            ordered = number is not None
            if number:
                content = number.group(2)
            else:
                assert bullet is not None  # one of the two matched
                content = bullet.group(1)
            if current is None or current.ordered != ordered:
                current = ListBlock(ordered=ordered, start=int(number.group(1)) if number else 1)
                blocks.append(current)
            current.items.append(Item([Run(content)]))
        elif not line.strip():
            flush_para()
            current = None
        else:
            current = None
            para_lines.append(line.strip())
    flush_para()
    return render(_tidy(blocks))


def blocks(stored: str | None) -> list[Block]:
    """The stored NK-HTML as blocks (for PDF rendering)."""
    return parse_html(stored)


def _plain_list(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for n, item in enumerate(block.items, start=block.start):
        mark = f"{n}." if block.ordered else "-"
        text = "".join(r.text for r in item.runs).replace("\n", " ")
        lines.append(f"{'  ' * depth}{mark} {text}")
        for child in item.children:
            lines.extend(_plain_list(child, depth + 1))
    return lines


def to_plain_text(stored: str | None) -> str:
    """Readable plain text: paragraphs separated by blank lines, lists as "- " / "1. "."""
    parts = []
    for block in blocks(stored):
        if isinstance(block, Para):
            parts.append("".join(r.text for r in block.runs))
        else:
            parts.append("\n".join(_plain_list(block, 0)))
    return "\n\n".join(parts)


def is_empty(stored: str | None) -> bool:
    return not blocks(stored)
