"""A file as the version before the search index wrote it (schema version 17), with as
many records as a test asks for, written with raw SQL as that program left them."""

from __future__ import annotations

from pathlib import Path

from pdf_samples import make_pdf

from db import migrations
from db.connection import APPLICATION_ID, connect

#: The index's migration (db/migrations/m0018_sok.py).
INDEX_VERSION = 18


def make_older_file(path: Path, arenden: int) -> int:
    """``arenden`` ärenden, each with its paragraf and a delegationsbeslut, on meetings of
    one nämnd, and a bilaga of two pages. Returns the number of records to index (the
    bilaga's pages included)."""
    conn = connect(path)
    try:
        migrations.migrate(conn, APPLICATION_ID, target=INDEX_VERSION - 1)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO namnd (id, namn, kortnamn) VALUES (1, 'Vård- och omsorgsnämnden', 'VON')")
        conn.execute("INSERT INTO organ (id, namnd_id, namn, typ, kortnamn) VALUES (1, 1, "
                     "'Vård- och omsorgsnämnden', 'nämnd', 'VON')")
        meetings = range(1, arenden // 20 + 2)
        conn.executemany(
            "INSERT INTO sammantrade (id, organ_id, datum, skapad) VALUES (?, 1, ?, '2020-01-01')",
            [(m, f"{2000 + m // 12 % 90:04d}-{m % 12 + 1:02d}-14") for m in meetings])
        conn.executemany(
            "INSERT INTO arende (id, sammantrade_id, position, rubrik, dnr, forslag_till_beslut) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(n, n // 20 + 1, n % 20 + 1, f"Överföring av medel nr {n}", f"VON 2022/{n}",
              f"<p>Nämnden beslutar om hemtjänsten, ärende {n}.</p>") for n in range(1, arenden + 1)])
        conn.executemany(
            "INSERT INTO paragraf (arende_id, sammantrade_id, nummer, beslut) VALUES (?, ?, ?, ?)",
            [(n, n // 20 + 1, n % 20 + 1, f"Bifall till förslaget om bostadsanpassning {n}.")
             for n in range(1, arenden + 1)])
        conn.executemany(
            "INSERT INTO delegationsbeslut (id, namnd_id, datum, beskrivning, dnr, paragrafer, skapad) "
            "VALUES (?, 1, '2022-05-02', ?, ?, '§15', '2022-05-02')",
            [(n, f"Beslut om bostadsanpassningsbidrag {n}", f"VON 2022/{n}") for n in range(1, arenden + 1)])
        conn.execute("INSERT INTO bilagefil (id, sha256, storlek, data) VALUES (1, 'x', 1, ?)",
                     [make_pdf(2, "Riktlinjer alkoholservice")])
        conn.execute("INSERT INTO bilaga (id, arende_id, position, titel, filnamn, sidor, fil_id, pdfa_niva, "
                     "pdfa_ok, tillagd) VALUES (2, 1, 1, 'Riktlinjer', 'r.pdf', 2, 1, '2b', 1, '2022-03-01')")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return 3 * arenden + 2
