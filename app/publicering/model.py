"""The web copy's data: what is written and what was left out (no database, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The pages of a web copy, in the order the index lists them.
ANSLAG, PROTOKOLL, KALLELSE = "anslag.html", "protokoll.html", "kallelse.html"
STYLESHEET = "stil.css"
INDEX = "index.html"
BILAGOR = "bilagor"
#: How a masked personnummer is written: the date stays, the last four never appear.
MASK_EXAMPLE = "ÅÅÅÅMMDD-XXXX"


@dataclass(frozen=True)
class Link:
    """A bilaga on a page: its text and where the file is in the copy ("" in a single
    file, which holds no other files; the text then says so)."""

    text: str
    href: str = ""


@dataclass
class WebCopy:
    """A web copy ready to write: files by their relative path (pages, the stylesheet,
    the bilagor as attached) and what the secretary should know about it."""

    files: dict[str, bytes] = field(default_factory=dict)
    #: Swedish notes: a bilaga left out (and why), §§ shown as sekretess, personnummer masked.
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[str]:
        return [name for name in self.files if name.endswith(".html")]


@dataclass(frozen=True)
class PubliceringResult:
    """What was written: the folder or the single file, the files in it and the notes."""

    path: str
    files: tuple[str, ...]
    notes: tuple[str, ...] = ()
