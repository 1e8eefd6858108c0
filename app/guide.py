"""The user guide: Swedish Markdown pages in ``resources/guide/``, the same files a user
can read without the program (in the repository and in the installed program's folder).
The program shows them in its help window (F1, ui/help_window.py), opened at the page of
the area in view.

Finding the folder works from source, from an installed wheel (package data, see
pyproject.toml) and in the packaged program (packaging/namndkansli.spec copies it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The page that lists the others.
START_PAGE = "index.md"
#: The page F1 opens in each area of the main window (ui/areas.py's keys).
AREA_PAGES = {
    "organisation": "organisation.md",
    "sammantraden": "sammantraden.md",
    "protokoll": "protokoll.md",
    "ekonomi": "ekonomi.md",
    "register": "register.md",
    "verksamhetsplan": "verksamhetsplan.md",
    "rapporter": "rapporter.md",
}
#: The contents, in reading order.
PAGES = (START_PAGE, "organisation.md", "sammantraden.md", "protokoll.md", "register.md", "ekonomi.md",
         "verksamhetsplan.md", "rapporter.md", "sakerhetskopior.md", "kortkommandon.md")


@dataclass(frozen=True)
class GuidePage:
    name: str  # "protokoll.md"
    title: str  # its first heading
    path: Path


def guide_dir() -> Path:
    """``resources/guide``; FileNotFoundError with a Swedish text when it is missing."""
    import resources

    for folder in resources.__path__:
        candidate = Path(folder) / "guide"
        if (candidate / START_PAGE).is_file():
            return candidate
    raise FileNotFoundError("Handledningen (mappen resources/guide) saknas i installationen.")


def page_for_area(area_key: str | None) -> str:
    """The page F1 opens in an area (the start page outside the areas)."""
    return AREA_PAGES.get(area_key or "", START_PAGE)


def _title(text: str, fallback: str) -> str:
    heading = re.search(r"^#\s+(.+?)\s*$", text, re.MULTILINE)
    return heading.group(1) if heading else fallback


def pages(folder: Path | None = None) -> list[GuidePage]:
    """Every page of the contents that exists, with the title of its first heading."""
    folder = folder or guide_dir()
    found = []
    for name in PAGES:
        path = folder / name
        if path.is_file():
            found.append(GuidePage(name, _title(path.read_text(encoding="utf-8"), name), path))
    return found
