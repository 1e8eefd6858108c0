"""The ``budget`` verb: the economy's tables as PDF or Excel, the internbudget
template, and a month's follow-up onto a meeting's agenda.

    namndkansli budget internbudget 2023 -o internbudget.pdf   (or .xlsx)
    namndkansli budget investeringar 2023 -o investeringar.pdf
    namndkansli budget uppfoljning 2022-01 -o januari.pdf       (or .xlsx)
    namndkansli budget ar 2023 -o 2023.pdf                      (the months side by side; or .xlsx)
    namndkansli budget volymmatt 2024 -o volym.pdf  /  budget personal 2024 -o personal.xlsx
    namndkansli budget mall 2024 -o bilaga-internbudget.xlsx
    namndkansli budget till-mote 2022-01 --mote 12
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2
VAD = ("internbudget", "investeringar", "uppfoljning", "ar", "volymmatt", "personal", "mall", "till-mote")
#: What each can be written as.
SUFFIXES = {"internbudget": (".pdf", ".xlsx"), "investeringar": (".pdf", ".xlsx"),
            "uppfoljning": (".pdf", ".xlsx"), "ar": (".pdf", ".xlsx"), "volymmatt": (".pdf", ".xlsx"),
            "personal": (".pdf", ".xlsx"), "mall": (".xlsx",)}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("vad", choices=VAD, metavar="VAD", help=f"vad som skrivs: {', '.join(VAD)}")
    p.add_argument("period", metavar="PERIOD", help="år (2023) eller månad ÅÅÅÅ-MM (2022-01)")
    p.add_argument("-o", "--output", metavar="FIL", help="fil att skriva: .pdf eller .xlsx")
    p.add_argument("--namnd", metavar="KORTNAMN", help="nämndens kortnamn (behövs om det finns flera)")
    p.add_argument("--mote", type=int, metavar="MÖTE", help="till-mote: sammanträdets id (se ”moten”)")
    p.add_argument("--pdfa", default="2b", choices=("1b", "2b", "3b", "ingen"),
                   help="PDF/A-nivå för PDF-filer (standard 2b)")


def _year(text: str) -> int:
    from app.excel_import.kinds import KindError

    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise KindError(f"Året ska skrivas ÅÅÅÅ, t.ex. 2023 (nu ”{text}”).")
    return int(text)


def run(args: argparse.Namespace, db_path: Path) -> int:
    from app.budget.excel import EkonomiExportError
    from app.budget.excel.kinds import period_av
    from app.budget.pdf.layout import EkonomiPdfError
    from app.excel_import import ExportError
    from app.excel_import.kinds import KindError, namnd_id
    from app.session import Session
    from app.validation import ValidationError

    out = Path(args.output) if args.output else None
    if args.vad != "till-mote":
        if out is None:
            print("Ange filen att skriva med -o FIL.", file=sys.stderr)
            return EXIT_UNUSABLE
        if out.suffix.lower() not in SUFFIXES[args.vad]:
            print(f"{out.name}: {args.vad} kan skrivas som {' eller '.join(SUFFIXES[args.vad])}.",
                  file=sys.stderr)
            return EXIT_UNUSABLE
    elif args.mote is None:
        print("Ange sammanträdet med --mote MÖTE (id:t visas av ”namndkansli moten”).", file=sys.stderr)
        return EXIT_UNUSABLE
    level = None if args.pdfa == "ingen" else args.pdfa
    # Only till-mote writes (an ärende on the agenda); the tables are read beside the open
    # window too, and a missing or empty file is refused instead of becoming a database.
    opener = Session.open if args.vad == "till-mote" else Session.read
    if args.vad == "till-mote" and not db_path.exists():
        print(f"Databasen {db_path} finns inte.", file=sys.stderr)
        return EXIT_UNUSABLE
    with opener(db_path) as session:
        db = session.db
        try:
            nid = namnd_id(db, args.namnd)
            message = _write(db, nid, args, out, level, period_av, _year)
        except (KindError, EkonomiExportError, EkonomiPdfError, ExportError, ValidationError) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    print(message)
    if out is not None and out.suffix.lower() == ".pdf" and out.exists():
        from app.pdf.pdfa import ordinary_pdf_note

        note = ordinary_pdf_note(out)  # the tables are PDF/A only when the validator passes
        if note:
            print(note, file=sys.stderr)
    return EXIT_OK


def _write(db, nid: int, args, out: Path | None, level: str | None, period_av, year_of) -> str:
    from app.budget import excel

    vad, pdf_out = args.vad, out is not None and out.suffix.lower() == ".pdf"
    if vad == "till-mote":
        from app.budget.arende import uppfoljning_till_sammantrade

        ar, manad = period_av(args.period)
        arende_id = uppfoljning_till_sammantrade(db, args.mote, ar, manad)
        return (f"Budgetuppföljningen {ar}-{manad:02d} ligger som ärende {arende_id} på "
                f"sammanträde {args.mote}.")
    assert out is not None  # every other kind needs --output; run() refused it missing
    if vad == "uppfoljning":
        ar, manad = period_av(args.period)
        if pdf_out:
            from app.budget.pdf.uppfoljning import render_uppfoljning

            out.write_bytes(render_uppfoljning(db, nid, ar, manad, pdfa_level=level))
        else:
            excel.export_uppfoljning(db, nid, ar, manad, out)
        return f"Budgetuppföljningen {ar}-{manad:02d} skrevs till {out}."
    ar = year_of(args.period)
    if vad == "internbudget":
        if pdf_out:
            from app.budget.pdf.internbudget import render_internbudget

            out.write_bytes(render_internbudget(db, nid, ar, pdfa_level=level))
        else:
            excel.export_internbudget(db, nid, ar, out)
    elif vad == "investeringar":
        if pdf_out:
            from app.budget.pdf.investeringar import render_investeringar

            out.write_bytes(render_investeringar(db, nid, ar, pdfa_level=level))
        else:
            excel.export_investeringsbudget(db, nid, ar, out)
    elif vad == "ar":
        if pdf_out:
            from app.budget.pdf.nyckeltal import render_ar

            out.write_bytes(render_ar(db, nid, ar, pdfa_level=level))
        else:
            excel.export_ar(db, nid, ar, out)
    elif vad in ("volymmatt", "personal"):
        slag = "volym" if vad == "volymmatt" else "personal"
        if pdf_out:
            from app.budget.pdf.nyckeltal import render_nyckeltal

            out.write_bytes(render_nyckeltal(db, nid, slag, ar, pdfa_level=level))
        else:
            excel.export_nyckeltal(db, nid, slag, ar, out)
    elif vad == "mall":
        rows = excel.write_internbudget_mall(db, nid, ar, out)
        return (f"Mallen för internbudget {ar} ({rows} verksamheter) skrevs till {out}. Fyll i den och "
                f"importera den med ”namndkansli import internbudget --ar {ar} {out.name}”.")
    what = {"internbudget": "Internbudgeten", "investeringar": "Investeringarna",
            "ar": "Årets budgetuppföljningar", "volymmatt": "Volymmåtten",
            "personal": "Personalnyckeltalen"}[vad]
    return f"{what} {ar} skrevs till {out}."
