"""The documentation and the code comments point at things that exist.

* Every path the pages under docs/ name in backticks (``app/protokoll/justering.py``,
  ``app/meetings/pdf/``) exists, so a page cannot go on naming a module after it has been
  moved or renamed. Only paths are checked (a token with a "/" ending in ".py" or "/");
  names of classes and functions are too loose a pattern to check this way.
* No source, script or page in the repository points outside it: at the old single
  domain document, at a sibling folder, or at the sample documents the program was
  built from. Comments point into docs/ instead (docs/README.md lists the pages).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: A backticked token that looks like a path in the repository: segments joined by "/",
#: ending in ".py" (a module) or "/" (a folder); ``path:NAME`` names something in it.
PATH = re.compile(r"[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*/?")
BACKTICKED = re.compile(r"`([^`\n]+)`")

SCANNED_FOLDERS = ("app", "ui", "db", "tests", "bench", "packaging")
SCANNED_SUFFIXES = {".py", ".sh", ".spec", ".md"}
#: Built from pieces so that this file does not find itself.
OUTSIDE = ("DOMAIN" + ".md", ".." + "/shared", "seeds" + "/")


def path_tokens(text: str) -> list[tuple[int, str]]:
    """(line number, path) for every backticked repository path in a Markdown text."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for token in BACKTICKED.findall(line):
            token = token.strip().split(":", 1)[0]
            if "/" in token and PATH.fullmatch(token) and (token.endswith(".py") or token.endswith("/")):
                found.append((number, token))
    return found


def doc_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_path_tokens_are_recognised():
    text = ("`app/x/y.py` and `app/x/`, `tests/demo_day.py:DEMO_DAY`; not `2021/1`, `/Rotate`,\n"
            "`ui/<feature>/common.py`, `app/plan/pdf_*.py`, `VoN 2021/1` or `model.py`")
    assert path_tokens(text) == [(1, "app/x/y.py"), (1, "app/x/"), (1, "tests/demo_day.py")]


def test_every_path_named_in_the_docs_exists():
    pages = doc_pages()
    assert pages, "docs/ has no pages"
    checked, missing = 0, []
    for page in pages:
        for number, token in path_tokens(page.read_text(encoding="utf-8")):
            checked += 1
            # From the repository root; a page may also link relative to itself ("domain/").
            if not ((ROOT / token).exists() or (page.parent / token).exists()):
                missing.append(f"{page.relative_to(ROOT).as_posix()}:{number}: `{token}`")
    assert checked > 50, f"only {checked} paths found in docs/; is the pattern still right?"
    assert not missing, "paths named in docs/ that do not exist:\n" + "\n".join(missing)


def test_nothing_points_outside_the_repository():
    hits = []
    for folder in SCANNED_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in SCANNED_SUFFIXES or not path.is_file():
                continue
            if {".venv", "__pycache__", "build", "dist"} & set(path.relative_to(ROOT).parts):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                for needle in OUTSIDE:
                    if needle in line:
                        hits.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {needle}")
    assert not hits, ("point into docs/ (or say it in words) instead of outside the repository:\n"
                      + "\n".join(hits))
