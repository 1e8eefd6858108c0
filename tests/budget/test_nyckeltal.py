"""Volymmått and personal key figures (as a delårsrapport prints them): columns, computed totals, checks."""

from decimal import Decimal

import pytest

from app.budget.belopp import format_decimal
from app.budget.nyckeltal import Kolumn, Nyckeltal, Varde
from app.validation import ValidationError


def test_volume_table_columns_like_seed_002(demo_ek, von):
    t = demo_ek.nyckeltal.tabell(von, "volym", 2024)
    assert [k.rubrik for k in t.kolumner] == ["Delår 2024", "Progn 2024", "Delår 2023", "Helår 2023"]
    first = t.rader[0]
    assert first.namn == "Planerade hemtjänsttimmar per månad, intern regi"
    assert [format_decimal(t.varde(first.id, k).summa(False)) for k in t.kolumner] == [
        "20\u00a0450", "20\u00a0900", "19\u00a0057", "19\u00a0364"]


def test_personal_totals_are_computed_for_counts(demo_ek, von):
    t = demo_ek.nyckeltal.tabell(von, "personal", 2024)
    by_name = {n.namn: n for n in t.rader}
    n = by_name["Månadsanställda, antal"]
    assert t.varde(n.id, Kolumn(2024, "delar")).summa(n.summerbar) == Decimal(1195)
    assert t.varde(n.id, Kolumn(2023, "delar")).summa(n.summerbar) == Decimal(1180)
    n = next(x for x in t.rader if x.namn.startswith("Tillsvidareanställda med upprepad"))
    assert t.varde(n.id, Kolumn(2024, "delar")).summa(n.summerbar) == Decimal(203)
    sick = by_name["Sjukfrånvaro totalt"]
    v = t.varde(sick.id, Kolumn(2024, "delar"))
    assert [format_decimal(x, "procent") for x in (v.totalt, v.kvinnor, v.man)] == [
        "10,3\u00a0%", "11\u00a0%", "7,6\u00a0%"]
    assert [a for a, _ in t.avsnitt()] == [
        "Personalkostnader och personalstyrka", "Medarbetarskap och ledarskap",
        "Kompetensförsörjning och kompetensutveckling", "Hållbart arbetsliv och arbetsmiljö"]


def test_checks(ek, namnd):
    with pytest.raises(ValidationError, match="procent kan inte summeras"):
        ek.nyckeltal.save(Nyckeltal(namnd_id=namnd, slag="personal", namn="Andel", enhet="procent",
                                    kon_uppdelad=True, summerbar=True))
    n = ek.nyckeltal.save(Nyckeltal(namnd_id=namnd, slag="volym", namn="Platser"))
    with pytest.raises(ValidationError, match="inte uppdelat"):
        ek.nyckeltal.set_varde(n.id, 2024, "delar", Varde(kvinnor=Decimal(3)))
    ek.nyckeltal.set_varde(n.id, 2024, "delar", Varde(totalt=Decimal("304")))
    assert ek.nyckeltal.varde(n.id, 2024, "delar").totalt == Decimal(304)
