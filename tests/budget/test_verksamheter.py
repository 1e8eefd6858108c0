"""Verksamheter per nämnd and the economy settings."""

import pytest

from app.budget.belopp import Teckenkonvention
from app.budget.verksamheter import Verksamhet, dela_benamning
from app.validation import ValidationError


def test_split_code_and_name():
    assert dela_benamning("54 Individ och familjeomsorg") == ("54", "Individ och familjeomsorg")
    assert dela_benamning("Äldreomsorg") == ("", "Äldreomsorg")
    assert dela_benamning("  55\u00adVård ") == ("", "55Vård")


def test_order_is_numeric_by_code_then_given(ek, namnd):
    for kod, namn in (("11", "Nämndverksamhet"), ("9", "Nio"), ("54", "IFO")):
        ek.verksamheter.save(Verksamhet(namnd_id=namnd, kod=kod, namn=namn, ordning=1))
    assert [v.kod for v in ek.verksamheter.verksamheter(namnd)] == ["9", "11", "54"]


def test_duplicate_and_used_verksamhet_are_refused(ek, namnd):
    v = ek.verksamheter.save(Verksamhet(namnd_id=namnd, kod="54", namn="Individ och familjeomsorg"))
    with pytest.raises(ValidationError, match="redan verksamheten ”54 Individ"):
        ek.verksamheter.save(Verksamhet(namnd_id=namnd, kod="54", namn="Individ och familjeomsorg"))
    ib = ek.internbudget.skapa(namnd, 2023)
    assert [r.verksamhet.id for r in ib.rader] == [v.id]
    with pytest.raises(ValidationError, match="används i 1 internbudgetar"):
        ek.verksamheter.delete(v.id)
    ek.internbudget.ta_bort_rad(ib.id, v.id)
    ek.verksamheter.delete(v.id)
    assert ek.verksamheter.verksamheter(namnd) == []


def test_same_code_in_an_export_finds_the_row(ek, namnd):
    v = ek.verksamheter.hitta_eller_skapa(namnd, "55", "Vård och omsorg, SoL och HSL")
    assert ek.verksamheter.hitta_eller_skapa(namnd, "55", "Vård och omsorg SoL/HSL").id == v.id


def test_settings_default_and_save(ek, namnd):
    inst = ek.verksamheter.installning(namnd)
    assert inst.teckenkonvention is Teckenkonvention.KOSTNADER_NEGATIVA and inst.enhet == "tkr"
    inst.teckenkonvention = "intakter_negativa"
    ek.verksamheter.save_installning(inst)
    assert ek.verksamheter.installning(namnd).teckenkonvention is Teckenkonvention.INTAKTER_NEGATIVA
    inst.enhet = "mkr"
    with pytest.raises(ValidationError, match="kr eller tkr"):
        ek.verksamheter.save_installning(inst)
