"""An import that would replace what is stored (a delegationsordning adopted the same day,
an economy year or month) is refused on the command line unless ``--ersatt`` is given,
with a Swedish message that counts what would be replaced; the window asks first."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.cli import main


def rows(db, sql: str) -> list[tuple]:
    return [tuple(r) for r in db.execute(sql).fetchall()]


@pytest.fixture
def demo_file(demo_session):
    """The demo database, closed so that the command line can open it."""
    path = demo_session.path
    demo_session.close()
    return path


def cli(db_path, *args) -> int:
    return main(["--db", str(db_path), *args])


def test_same_antagen_is_refused_with_counts_until_ersatt(demo_file, tmp_path, capsys):
    from app.session import Session

    out = tmp_path / "ordning.xlsx"
    assert cli(demo_file, "export", "delegationsordning", str(out), "--antagen", "2023-03-20") == 0
    with Session.read(demo_file) as s:
        punkter, beslut = s.db.execute(
            "SELECT count(DISTINCT p.id), count(b.id) FROM delegationspunkt p JOIN delegationsordning o "
            "ON o.id = p.ordning_id LEFT JOIN delegationsbeslut b ON b.punkt_id = p.id "
            "WHERE o.antagen = '2023-03-20'").fetchone()
        before = rows(s.db, "SELECT * FROM delegationspunkt ORDER BY id")
    assert punkter > 1 and beslut > 0
    capsys.readouterr()

    code = cli(demo_file, "import", "delegationsordning", str(out), "--antagen", "2023-03-20")
    err = capsys.readouterr().err
    assert code == 1
    assert (f"ordning.xlsx: Delegationsordningen antagen 2023-03-20 finns redan med {punkter} punkter; "
            f"{beslut} delegationsbeslut hänvisar till dem.") in err
    assert "Ange --ersatt för att ersätta." in err
    assert err.rstrip().endswith("Ingenting importerades.")
    with Session.read(demo_file) as s:
        assert rows(s.db, "SELECT * FROM delegationspunkt ORDER BY id") == before

    # --dry-run tells the same refusal
    assert cli(demo_file, "import", "delegationsordning", str(out), "--antagen", "2023-03-20",
               "--dry-run") == 1
    capsys.readouterr()

    code = cli(demo_file, "import", "delegationsordning", str(out), "--antagen", "2023-03-20", "--ersatt")
    printed = capsys.readouterr().out
    assert code == 0
    assert f"ersätter: delegationsordningen antagen 2023-03-20 finns redan med {punkter} punkter" in printed
    with Session.read(demo_file) as s:
        # the same points came back: nothing changed, the decisions stay linked
        assert rows(s.db, "SELECT * FROM delegationspunkt ORDER BY id") == before


def test_a_new_antagen_needs_no_consent(demo_file, tmp_path, capsys):
    out = tmp_path / "ordning.xlsx"
    assert cli(demo_file, "export", "delegationsordning", str(out), "--antagen", "2023-03-20") == 0
    assert cli(demo_file, "import", "delegationsordning", str(out), "--antagen", "2026-11-02") == 0
    assert "importerades till delegationsordning" in capsys.readouterr().out


@pytest.mark.parametrize(("kind", "period", "said"), [
    ("investeringsbudget", ["--ar", "2023"], "Investeringsbudgeten 2023–2025 finns redan med"),
    ("investeringsredovisning", ["--period", "2024-08"],
     "Investeringsredovisningen för augusti 2024 finns redan med"),
])
def test_economy_imports_that_replace_need_ersatt(demo_file, tmp_path, capsys, kind, period, said):
    out = tmp_path / f"{kind}.xlsx"
    assert cli(demo_file, "export", kind, str(out), *period) == 0
    capsys.readouterr()
    code = cli(demo_file, "import", kind, str(out), *period)
    err = capsys.readouterr().err
    assert code == 1, err
    assert said in err and "Ange --ersatt för att ersätta." in err


def test_internbudget_template_for_a_stored_year_needs_ersatt(demo_file, tmp_path, capsys):
    from app.budget import excel
    from app.session import Session

    path = tmp_path / "bilaga.xlsx"
    with Session.read(demo_file) as s:
        von = s.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
        rader = s.db.execute("SELECT count(*) FROM internbudget_rad r JOIN internbudget i "
                             "ON i.id = r.internbudget_id WHERE i.ar = 2023").fetchone()[0]
        excel.write_internbudget_mall(s.db, von, 2023, path)
    assert cli(demo_file, "import", "internbudget", str(path), "--ar", "2023") == 1
    err = capsys.readouterr().err
    assert (f"bilaga.xlsx: Internbudgeten 2023 finns redan med {rader} verksamheter; filens belopp "
            "skriver över deras belopp. Ange --ersatt för att ersätta.") in err
    assert cli(demo_file, "import", "internbudget", str(path), "--ar", "2023", "--ersatt") == 0


def test_import_dialog_asks_before_it_replaces(qtbot, demo_session, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from app.budget import excel
    from app.budget.excel import InvesteringsbudgetImport
    from ui.excel_import.dialog import ImportDialog

    db = demo_session.db
    von = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    path = tmp_path / "investeringar.xlsx"
    excel.export_investeringsbudget(db, von, 2023, path)
    wb = load_workbook(path)
    ws = wb.active
    row = next(r for r in ws.iter_rows() if r[0].value == "Madrasser")
    row[3].value = 175  # 2023: 150 → 175 tkr
    wb.save(path)
    amount = "SELECT belopp FROM investeringsbelopp b JOIN investeringsobjekt o ON o.id = b.objekt_id " \
             "WHERE o.benamning = 'Madrasser' AND b.ar = 2023"
    objects = db.execute("SELECT count(*) FROM investeringsobjekt o JOIN investeringsbudget p "
                         "ON p.id = o.investeringsbudget_id WHERE p.forsta_ar = 2023").fetchone()[0]
    answers, asked = [False, True], []
    monkeypatch.setattr("ui.widgets.dialogs.confirm",
                        lambda _p, _t, text, **_k: asked.append(text) or answers.pop(0))
    dialog = ImportDialog(demo_session, InvesteringsbudgetImport(von, 2023), path=path)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10000)
    assert dialog.import_button.isEnabled(), dialog.summary.text()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert asked == [f"Investeringsbudgeten 2023–2025 finns redan med {objects} investeringsobjekt; "
                     "filens objekt ersätter dem.\n\nErsätta?"]
    assert dialog.summary.text() == "Ingenting importerades: det som finns ersattes inte."
    assert db.execute(amount).fetchone()[0] == 150_000

    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert db.execute(amount).fetchone()[0] == 175_000
