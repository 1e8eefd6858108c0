"""The verb ``sok`` (app/cli.py VERBS names these functions):

    namndkansli sok hemtjänst* --typ paragraf --ar 2024
    namndkansli sok "VON 2022/44-73" --json

searches the whole file as the window's search field does and prints the hits grouped by
kind: where each is, its title and its snippet with the words found in ``[ ]``. It only
reads (works while the window has the file open). Exit code 0 when something was found,
1 when nothing was, 2 when the file or the nämnd named cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from app.sok.model import KINDS
from app.sok.service import DEFAULT_LIMIT, SearchService

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", metavar="TEXT",
                   help='det du söker: alla orden ska finnas; "två ord" intill varandra, ord* som början '
                        "på ord, Dnr (2022/29) och § 15 som de skrivs")
    p.add_argument("--typ", choices=[k.name for k in KINDS], help="bara denna sorts träffar")
    p.add_argument("--ar", type=int, metavar="ÅR", help="bara träffar från detta år")
    p.add_argument("--namnd", metavar="KORTNAMN", help="bara denna nämnds träffar")
    p.add_argument("--antal", type=int, default=DEFAULT_LIMIT, metavar="N",
                   help=f"högst N träffar av varje sort (standard {DEFAULT_LIMIT})")
    p.add_argument("--json", action="store_true", help="skriv träffarna som JSON")


def _namnd_id(db, kortnamn: str | None) -> int | None:
    if kortnamn is None:
        return None
    row = db.execute("SELECT id FROM namnd WHERE kortnamn = ? COLLATE NOCASE OR namn = ?",
                     [kortnamn, kortnamn]).fetchone()
    if row is None:
        raise LookupError(f"Det finns ingen nämnd ”{kortnamn}”.")
    return row[0]


def run(args: argparse.Namespace, db_path: Path) -> int:
    from app.session import Session

    text = " ".join(args.text)
    with Session.read(db_path) as session:
        try:
            namnd = _namnd_id(session.db, args.namnd)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        result = SearchService(session.db).search(text, typ=args.typ, ar=args.ar, namnd=namnd,
                                                  limit=max(1, args.antal))
    if args.json:
        print(json.dumps({"text": result.text, "antal": result.total, "grupper": [
            {"typ": g.kind, "rubrik": g.label, "antal": g.total,
             "traffar": [{**asdict(h), "snippet": h.snippet_marked("[", "]")} for h in g.hits]}
            for g in result.groups]}, ensure_ascii=False, indent=2))
        return EXIT_OK if result.groups else EXIT_PROBLEM
    if not result.groups:
        print(f"Inga träffar för ”{text}”.")
        return EXIT_PROBLEM
    for group in result.groups:
        shown = len(group.hits)
        more = f", de {shown} bästa visas" if shown < group.total else ""
        print(f"{group.label} ({group.total}{more})")
        for hit in group.hits:
            page = f", sidan {hit.page}" if hit.page else ""
            print(f"  {hit.where}{page}: {hit.title}")
            if hit.snippet:
                print(f"      {hit.snippet_marked('[', ']')}")
    return EXIT_OK
