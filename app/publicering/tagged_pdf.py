"""The tagged PDF alternative of a web copy page, for a municipality that publishes PDFs.

Made from the page's own HTML (:mod:`app.publicering.html`), so the PDF says exactly what
the web page says – sekretess and personnummer are handled once, before either exists –
and has the same structure. ReportLab writes no structure tree, so each block is drawn
inside a marked-content sequence (``/H2 <</MCID 3>> BDC … EMC``) by :class:`Tagged`, which
records which structure element it belongs to; pikepdf then adds what makes the file a
tagged PDF: the structure tree (Document → H1…H4, P, L → LI → LBody, Table → TR → TH/TD
with their Scope, Caption), the parent tree, ``/MarkInfo``, ``/Lang sv-SE``, the title
shown in the window. Page numbers are artifacts. Tables are drawn without rules, so the
page holds no content outside the tree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from app.pdf.document import use_program_clock
from app.pdf.fonts import SANS
from app.pdf.styles import styles, table_style


@dataclass(eq=False)
class Node:
    """A structure element: its type, its children (elements, or (page, MCID) of marked
    content) and attributes (a TH's Scope)."""

    tag: str
    kids: list = field(default_factory=list)
    scope: str = ""

    def add(self, tag: str, scope: str = "") -> Node:
        child = Node(tag, scope=scope)
        self.kids.append(child)
        return child


class Marks:
    """The marked content drawn on each page, in MCID order, with its element."""

    def __init__(self) -> None:
        self.pages: dict[int, list[Node]] = {}

    def next(self, page: int, node: Node) -> int:
        on_page = self.pages.setdefault(page, [])
        on_page.append(node)
        node.kids.append((page, len(on_page) - 1))
        return len(on_page) - 1


class Tagged(Flowable):
    """``inner`` drawn as marked content of ``node``; a part split onto the next page
    belongs to the same element."""

    def __init__(self, inner: Flowable, node: Node, marks: Marks):
        super().__init__()
        self.inner, self.node, self.marks = inner, node, marks

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return [Tagged(part, self.node, self.marks) for part in self.inner.split(avail_width, avail_height)]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def draw(self):
        canvas = self.canv
        mcid = self.marks.next(canvas.getPageNumber() - 1, self.node)
        canvas._code.append(f"/{self.node.tag} <</MCID {mcid}>> BDC")
        self.inner.drawOn(canvas, 0, 0)
        canvas._code.append("EMC")


# -- the page's HTML as blocks ------------------------------------------------------------
@dataclass
class Block:
    kind: str  # H1…H6, P, L, Table
    markup: str = ""  # ReportLab paragraph markup (H, P)
    ordered: bool = False
    items: list[str] = field(default_factory=list)  # L
    caption: str = ""  # Table
    rows: list[list[tuple[str, str, str]]] = field(default_factory=list)  # (TH|TD, scope, markup)


_INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u"}
#: HTML's scope as the PDF's TH attribute.
_SCOPES = {"row": "Row", "col": "Column"}


class _Reader(HTMLParser):
    """The blocks of ``<main>``, leaving out the navigation (the PDF has its outline)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self.in_main = self.in_title = False
        self.skip = 0  # inside <nav>
        self.buffer: list[str] | None = None  # the inline markup being read
        self.target = ""  # what the buffer is: H2, P, LI, TH, TD, CAPTION
        self.scope = ""
        self.lists: list[Block] = []
        self.table: Block | None = None
        self.in_link = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self.in_title = True
        elif tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "nav":
            self.skip += 1
        if self.skip:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "caption"):
            self._flush()
            self.buffer, self.target, self.scope = [], tag.upper(), a.get("scope") or ""
        elif tag in ("ul", "ol"):
            self._flush()
            block = Block("L", ordered=tag == "ol")
            if not self.lists and self.table is None:
                self.blocks.append(block)
            self.lists.append(block)
        elif tag == "table":
            self.table = Block("Table")
            self.blocks.append(self.table)
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
        elif tag in _INLINE and self.buffer is not None:
            self.buffer.append(f"<{_INLINE[tag]}>")
        elif tag == "br" and self.buffer is not None:
            self.buffer.append("<br/>")
        elif tag == "a" and self.buffer is not None and a.get("href"):
            self.buffer.append(f'<a href="{escape(a["href"] or "", quote=True)}" color="#0b4f8a">')
            self.in_link = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self.in_main:
            return
        if tag == "nav":
            self.skip -= 1
            return
        if self.skip:
            return
        if tag in _INLINE and self.buffer is not None:
            self.buffer.append(f"</{_INLINE[tag]}>")
        elif tag == "a" and self.buffer is not None and self.in_link:
            self.buffer.append("</a>")
            self.in_link = False
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "caption"):
            self._flush()
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag == "table":
            self.table = None
        elif tag == "main":
            self.in_main = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.in_main and not self.skip and self.buffer is not None:
            self.buffer.append(escape(data))

    def _flush(self) -> None:
        if self.buffer is None:
            return
        markup = "".join(self.buffer).strip()
        target, self.buffer = self.target, None
        if target == "LI" and self.lists:
            self.lists[-1].items.append(markup)
            if self.table is not None and self.table.rows and self.table.rows[-1]:
                kind, scope, cell = self.table.rows[-1][-1]
                self.table.rows[-1][-1] = (kind, scope, cell + ("<br/>" if cell else "") + "• " + markup)
        elif target == "CAPTION" and self.table is not None:
            self.table.caption = markup
        elif target in ("TH", "TD") and self.table is not None and self.table.rows:
            self.table.rows[-1].append((target, self.scope, markup))
        elif target in ("TH", "TD"):
            return
        elif markup:
            self.blocks.append(Block(target, markup))


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas._code.append("/Artifact BMC")
    canvas.setFont(SANS, 8)
    canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Sida {doc.page}")
    canvas._code.append("EMC")
    canvas.restoreState()


def _flowables(blocks: list[Block], root: Node, marks: Marks) -> list[Flowable]:
    s = styles()
    by_level = {"H1": s.title, "H2": s.heading, "H3": s.subheading}
    by_level |= {h: s.label for h in ("H4", "H5", "H6")}
    out: list[Flowable] = []
    for b in blocks:
        if b.kind in by_level:
            out.append(Tagged(Paragraph(b.markup, by_level[b.kind]), root.add(b.kind), marks))
        elif b.kind == "P":
            out.append(Tagged(Paragraph(b.markup, s.body), root.add("P"), marks))
        elif b.kind == "L":
            lst = root.add("L")
            for n, item in enumerate(b.items, start=1):
                body = lst.add("LI").add("LBody")
                bullet = f"{n}." if b.ordered else "•"
                out.append(Tagged(Paragraph(item, s.body_tight, bulletText=bullet), body, marks))
            out.append(Spacer(1, 2 * mm))
        elif b.kind == "Table" and b.rows:
            table = root.add("Table")
            if b.caption:
                out.append(Tagged(Paragraph(b.caption, s.label), table.add("Caption"), marks))
            rows: list[list[object]] = []
            for row in b.rows:
                tr = table.add("TR")
                cells: list[object] = []
                for kind, scope, markup in row:
                    cell = tr.add(kind, _SCOPES.get(scope, "") if kind == "TH" else "")
                    style = s.table_bold if kind == "TH" else s.table
                    cells.append([Tagged(Paragraph(markup or "–", style), cell, marks)])
                rows.append(cells)
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            grid = Table(rows, hAlign="LEFT", style=table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)))
            out += [grid, Spacer(1, 3 * mm)]
    return out


def _tree(pdf: pikepdf.Pdf, document: Node, marks: Marks) -> None:
    objects: dict[int, pikepdf.Object] = {}
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))

    def make(node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        obj = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                   S=pikepdf.Name("/" + node.tag), P=parent))
        objects[id(node)] = obj
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(make(kid, obj))
            else:
                page, mcid = kid
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pdf.pages[page].obj, MCID=mcid))
        obj.K = pikepdf.Array(kids)
        if node.scope:
            obj.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name("/" + node.scope))
        return obj

    top = make(document, root)
    top.Lang = pikepdf.String("sv-SE")
    root.K = top
    nums = []
    for page, nodes in sorted(marks.pages.items()):
        pdf.pages[page].obj.StructParents = page
        pdf.pages[page].obj.Tabs = pikepdf.Name.S
        nums += [page, pikepdf.Array([objects[id(n)] for n in nodes])]
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = len(pdf.pages)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("sv-SE")
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)


def tagged_pdf(page_html: bytes, author: str = "") -> bytes:
    """The tagged PDF of one web copy page (its ``<main>``)."""
    reader = _Reader()
    reader.feed(page_html.decode("utf-8"))
    reader.close()
    document, marks = Node("Document"), Marks()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=reader.title.strip(), author=author, lang="sv-SE")
    doc.beforeDocument = lambda: use_program_clock(doc.canv)
    doc.build(_flowables(reader.blocks, document, marks), onFirstPage=_page_number, onLaterPages=_page_number)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        _tree(pdf, document, marks)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = reader.title.strip()
            meta["dc:language"] = ["sv-SE"]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
