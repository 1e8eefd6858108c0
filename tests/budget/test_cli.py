"""The ``budget`` verb and the economy kinds of ``import``/``export``."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main


def test_budget_pdf_xlsx_template_and_import(demo_session, tmp_path, capsys):
    path = str(demo_session.path)
    demo_session.close()
    out = tmp_path / "ib.pdf"
    assert main(["--db", path, "budget", "internbudget", "2023", "-o", str(out)]) == 0
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().replace("\u00a0", " ")
    assert "S:a Nettokostnad" in text and "-333 088" in text
    assert main(["--db", path, "budget", "uppfoljning", "2022-01", "-o", str(tmp_path / "u.xlsx")]) == 0
    mall = tmp_path / "mall.xlsx"
    assert main(["--db", path, "budget", "mall", "2024", "-o", str(mall)]) == 0
    assert "import internbudget --ar 2024" in capsys.readouterr().out
    wb = load_workbook(mall)
    ws = wb.active
    for r in range(9, 19):
        ws.cell(r, 5).value, ws.cell(r, 8).value = ws.cell(r, 4).value, ws.cell(r, 7).value
    ws.cell(12, 8).value = 5000  # a cost written positive
    wb.save(mall)
    assert main(["--db", path, "import", "internbudget", str(mall), "--ar", "2024"]) == 1
    err = capsys.readouterr().err
    assert "rad 12, kolumn H (Kostnader budget 2024): kostnader skrivs negativa" in err
    assert "Ingenting importerades" in err
    ws.cell(12, 8).value = -62000
    wb.save(mall)
    assert main(["--db", path, "import", "internbudget", str(mall), "--ar", "2024"]) == 0
    assert "10 rader importerades" in capsys.readouterr().out
    assert main(["--db", path, "budget", "internbudget", "2024", "-o", str(tmp_path / "ib24.xlsx")]) == 0
    rows = list(load_workbook(tmp_path / "ib24.xlsx").active.iter_rows(values_only=True))
    netto = next(r for r in rows if r[0] == "S:a Nettokostnad")
    # Budget 2024 = budget 2023 except 54's costs, 60 813 → 62 000: 1 187 tkr more.
    assert netto[2] == -333088 and netto[4] == -334275


def test_budget_refuses_what_it_cannot_do(demo_session, tmp_path, capsys):
    path = str(demo_session.path)
    demo_session.close()
    assert main(["--db", path, "budget", "uppfoljning", "2022-13", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "ÅÅÅÅ-MM" in capsys.readouterr().err
    assert main(["--db", path, "budget", "mall", "2023", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "kan skrivas som .xlsx" in capsys.readouterr().err
    assert main(["--db", path, "budget", "internbudget", "2030", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "ingen internbudget för 2030" in capsys.readouterr().err
    assert main(["--db", path, "budget", "till-mote", "2022-01"]) == 2
    assert "--mote" in capsys.readouterr().err
    assert main(["--db", path, "export", "budgetuppfoljning", str(tmp_path / "a.xlsx"),
                 "--period", "2024-08"]) == 0
