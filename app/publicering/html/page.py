"""What the web copy's pages share: the cleaning of every published text (personnummer
masked, the rubrik of a § under sekretess replaced), the page shell in Swedish and the
stylesheet.

Every text reaches a page through :meth:`Publishing.text` or :meth:`Publishing.rich`,
so nothing published skips the personnummer detector (app/personnummer.py). Only what
the program computes itself (a SHA-256, a date, a § number) is written as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from app import richtext
from app.personnummer import mask_counted
from app.protokoll.sekretess import Sekretess
from app.publicering.model import STYLESHEET, Link

#: Readable at 200 % zoom (relative units, lines that wrap, no fixed widths), with
#: contrast above 4.5:1 and a print layout without the navigation.
STYLE = """\
:root { color-scheme: light; }
html { font-size: 100%; }
body {
  font-family: "Segoe UI", Arial, Helvetica, sans-serif; line-height: 1.5; color: #1b1b1b;
  background: #ffffff; margin: 0 auto; padding: 1rem; max-width: 48rem;
}
a { color: #0b4f8a; text-decoration: underline; }
a:focus { outline: 3px solid #0b4f8a; outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2rem 0 0.5rem; border-top: 1px solid #6b6b6b;
     padding-top: 0.75rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.25rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.25rem; }
.kommun { font-weight: bold; margin: 0; }
.dnr, .notis { color: #404040; }
.sekretess { border-left: 4px solid #6b6b6b; padding-left: 0.75rem; }
.kontrollsumma { font-family: "Consolas", "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
td.mitt, th.mitt { text-align: center; }
ul, ol { padding-left: 1.5rem; }
nav ul { list-style: none; padding-left: 0; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #404040; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .hoppa { display: none; }
  a { color: #000000; }
  a[href$=".pdf"]::after { content: " (" attr(href) ")"; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4, caption { break-after: avoid; }
  table, li { break-inside: avoid; }
}
"""


@dataclass
class Publishing:
    """The rules of one web copy: which ärenden are under sekretess (their rubrik is
    replaced wherever it appears, in any text), the public rubrik, and a count of the
    personnummer masked."""

    sekretess: dict[int, Sekretess] = field(default_factory=dict)
    public_rubrik: str = ""
    hidden_rubriker: tuple[str, ...] = ()
    masked: int = 0

    def clean(self, text: str | None) -> str:
        text = text or ""
        for rubrik in self.hidden_rubriker:
            if rubrik:
                text = text.replace(rubrik, self.public_rubrik)
        text, found = mask_counted(text)
        self.masked += found
        return text

    def text(self, text: str | None) -> str:
        """``text`` cleaned and escaped for HTML; line breaks kept."""
        return escape(self.clean(text), quote=False).replace("\n", "<br>")

    def attr(self, text: str | None) -> str:
        return escape(self.clean(text), quote=True)

    def _runs(self, runs: list[richtext.Run]) -> str:
        return richtext.markup_runs(runs, self.text, bold="strong", italic="em")

    def _list(self, block: richtext.ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li>{self._runs(i.runs)}{''.join(self._list(c) for c in i.children)}</li>"
                        for i in block.items)
        return f"<{tag}{start}>{items}</{tag}>"

    def rich(self, stored: str | None) -> str:
        """NK-HTML as the page's HTML: paragraphs, lists as lists, emphasis."""
        out = []
        for block in richtext.blocks(stored):
            if isinstance(block, richtext.ListBlock):
                out.append(self._list(block))
            elif not block.is_empty():
                out.append(f"<p>{self._runs(block.runs)}</p>")
        return "\n".join(out)

    def items(self, lines: Iterable[str], ordered: bool = False) -> str:
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{self.text(line)}</li>" for line in lines)
        return f"<{tag}>{body}</{tag}>" if body else ""

    def link(self, link: Link) -> str:
        if link.href:
            return f'<a href="{escape(link.href, quote=True)}">{self.text(link.text)}</a>'
        return self.text(link.text)


def heading(level: int, html: str, ident: str = "") -> str:
    level = max(1, min(level, 6))
    anchor = f' id="{escape(ident, quote=True)}"' if ident else ""
    return f"<h{level}{anchor}>{html}</h{level}>"


def facts_table(pub: Publishing, caption: str, rows: list[tuple[str, str]]) -> str:
    """A two-column table of facts, each row headed by its name (``th scope="row"``);
    the values are HTML already."""
    body = "".join(f'<tr><th scope="row">{escape(name)}</th><td>{value or "–"}</td></tr>'
                   for name, value in rows)
    return f"<table><caption>{pub.text(caption)}</caption><tbody>{body}</tbody></table>"


def document(title: str, kommun: str, body: str, *, css: str | None = None,
             nav: list[tuple[str, str]] | None = None) -> bytes:
    """A whole page: ``css`` inlined (a single file) or the stylesheet linked (a folder);
    ``nav`` links between the copy's pages. The title and the kommun's name pass the
    personnummer detector too."""
    title, kommun = mask_counted(title)[0], mask_counted(kommun)[0]
    style = f"<style>\n{css}</style>" if css is not None else f'<link rel="stylesheet" href="{STYLESHEET}">'
    menu = ""
    if nav:
        links = "".join(f'<li><a href="{escape(href, quote=True)}">{escape(text)}</a></li>'
                        for text, href in nav)
        menu = f'<nav aria-label="Dokument"><ul>{links}</ul></nav>'
    html = (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{style}\n</head>\n<body>\n"
        '<a class="hoppa" href="#innehall">Till innehållet</a>\n'
        f'<header><p class="kommun">{escape(kommun)}</p>{menu}</header>\n'
        f'<main id="innehall">\n{body}\n</main>\n'
        f"<footer><p>{escape(title)}. Publicerad av {escape(kommun or 'kommunen')}.</p></footer>\n"
        "</body>\n</html>\n"
    )
    return html.encode("utf-8")
