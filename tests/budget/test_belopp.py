"""Amounts: parsing what users type, Swedish formatting, the sign-convention round trip."""

from decimal import Decimal

import pytest

from app.budget.belopp import (
    Teckenkonvention,
    avrunda,
    format_belopp,
    format_decimal,
    internt,
    parse_belopp,
    parse_decimal,
    visat,
)

NB = "\u00a0"


@pytest.mark.parametrize(("text", "enhet", "kr"), [
    ("-57 066", "tkr", -57_066_000),
    ("\u221257\u00a0066", "tkr", -57_066_000),  # minus sign and no-break space from a PDF
    ("57066", "tkr", 57_066_000),
    ("1 234,5", "tkr", 1_234_500),
    ("(1 234)", "tkr", -1_234_000),
    ("616 351 000", "kr", 616_351_000),
    ("3 074 565,00", "kr", 3_074_565),
    ("-6 790 625,40", "kr", -6_790_625),
    ("333 088 tkr", "tkr", 333_088_000),
    ("  ", "tkr", None),
])
def test_parse_belopp(text, enhet, kr):
    assert parse_belopp(text, enhet) == kr


@pytest.mark.parametrize("bad", ["tolv", "12-3", "1,2,3", "--5"])
def test_parse_belopp_says_what_is_wrong(bad):
    with pytest.raises(ValueError, match="inget belopp"):
        parse_belopp(bad)


def test_format_rounds_once_after_summing():
    assert format_belopp(-314_243_000) == f"-314{NB}243"
    assert format_belopp(616_351_000, "kr") == f"616{NB}351{NB}000"
    # 9 313,4 tkr and −10 997,6 tkr print as 9 313 and −10 998; halves away from zero.
    assert format_belopp(9_313_400) == f"9{NB}313"
    assert format_belopp(-10_997_600) == f"-10{NB}998"
    assert avrunda(-1500, "tkr") == -2
    assert format_belopp(None) == ""


def test_sign_convention_round_trip():
    """Mellerud types revenues negative; inside they are positive; shown back as typed."""
    mellerud = Teckenkonvention.INTAKTER_NEGATIVA
    typed = parse_belopp("-71 602", "tkr")
    stored = internt(typed, mellerud)
    assert stored == 71_602_000
    assert format_belopp(visat(stored, mellerud)) == f"-71{NB}602"
    # Oxelösund's convention is the internal one.
    ox = Teckenkonvention.KOSTNADER_NEGATIVA
    assert internt(parse_belopp("-57 066"), ox) == -57_066_000
    assert visat(None, mellerud) is None


def test_key_figures_keep_their_decimals():
    assert format_decimal(parse_decimal("10,3%"), "procent") == f"10,3{NB}%"
    assert format_decimal(parse_decimal("1 329,2")) == f"1{NB}329,2"
    assert format_decimal(parse_decimal("15,0 %"), "procent") == f"15,0{NB}%"
    assert format_decimal(Decimal("492691"), "tkr") == f"492{NB}691"
    assert parse_decimal("") is None
    with pytest.raises(ValueError, match="inget tal"):
        parse_decimal("många")
