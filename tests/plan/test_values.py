"""Every value form typed in the plans 2022–2024 and 2023–2025 is kept exactly and read right."""

from decimal import Decimal

import pytest

from app.plan.values import (
    EMPTY,
    MISSING,
    NEW,
    NUMBER,
    TEXT,
    YEAR_REF,
    due_month,
    parse_value,
    shift_year_reference,
    with_period,
)

D = Decimal

# (typed text, kind, comparator, number, unit, qualifier, period, year, footnote)
SEED_VALUES = [
    # 2022–2024: ingångsvärden and målvärden
    ("2", NUMBER, None, D(2), "", "", "", None, ""),
    ("14*", NUMBER, None, D(14), "", "", "", None, "*"),
    ("<12", NUMBER, "<", D(12), "", "", "", None, ""),
    ("<10", NUMBER, "<", D(10), "", "", "", None, ""),
    ("25*", NUMBER, None, D(25), "", "", "", None, "*"),
    (">20", NUMBER, ">", D(20), "", "", "", None, ""),
    ("58%*", NUMBER, None, D(58), "%", "", "", None, "*"),
    ("80%", NUMBER, None, D(80), "%", "", "", None, ""),
    ("Saknas, nytt mål för perioden.", NEW, None, None, "", "", "", None, ""),
    ("Saknas, nytt mål för perioden", NEW, None, None, "", "", "", None, ""),
    ("78 %*", NUMBER, None, D(78), "%", "", "", None, "*"),
    ("82 %", NUMBER, None, D(82), "%", "", "", None, ""),
    ("50 %**", NUMBER, None, D(50), "%", "", "", None, "**"),
    ("73 %**", NUMBER, None, D(73), "%", "", "", None, "**"),
    ("8528***", NUMBER, None, D(8528), "", "", "", None, "***"),
    ("2 aktiviteter", NUMBER, None, D(2), "aktiviteter", "", "", None, ""),
    ("6 aktiviteter", NUMBER, None, D(6), "aktiviteter", "", "", None, ""),
    (">2021", YEAR_REF, ">", None, "", "", "", 2021, ""),
    ("23*", NUMBER, None, D(23), "", "", "", None, "*"),
    ("10 050", NUMBER, None, D(10050), "", "", "", None, ""),
    ("50%", NUMBER, None, D(50), "%", "", "", None, ""),
    # 2023–2025
    ("2 (2022)", NUMBER, None, D(2), "", "", "2022", 2022, ""),
    ("1 (2022)", NUMBER, None, D(1), "", "", "2022", 2022, ""),
    ("50 % (jan-okt 2022)", NUMBER, None, D(50), "%", "", "jan-okt 2022", 2022, ""),
    ("≥ 50 %", NUMBER, "≥", D(50), "%", "", "", None, ""),
    ("Nytt mål.", NEW, None, None, "", "", "", None, ""),
    ("Nytt mål", NEW, None, None, "", "", "", None, ""),
    ("≥3", NUMBER, "≥", D(3), "", "", "", None, ""),
    ("100%", NUMBER, None, D(100), "%", "", "", None, ""),
    ("48 (jan-nov 2022)", NUMBER, None, D(48), "", "", "jan-nov 2022", 2022, ""),
    ("3 (2022)", NUMBER, None, D(3), "", "", "2022", 2022, ""),
    ("74 % (2022)", NUMBER, None, D(74), "%", "", "2022", 2022, ""),
    ("100 (nov 2022)", NUMBER, None, D(100), "", "", "nov 2022", 2022, ""),
    ("Delår 2022: 69 %", NUMBER, None, D(69), "%", "", "Delår 2022", 2022, ""),
    (">50%", NUMBER, ">", D(50), "%", "", "", None, ""),
    (">2022", YEAR_REF, ">", None, "", "", "", 2022, ""),
    (">2024", YEAR_REF, ">", None, "", "", "", 2024, ""),
    ("0 % neg. avvikelse", NUMBER, None, D(0), "%", "neg. avvikelse", "", None, ""),
    ("74 % (Pulsmätning sep 2022)", NUMBER, None, D(74), "%", "", "Pulsmätning sep 2022", 2022, ""),
    ("74% (Pulsmätning sep 2022)", NUMBER, None, D(74), "%", "", "Pulsmätning sep 2022", 2022, ""),
    (">75%", NUMBER, ">", D(75), "%", "", "", None, ""),
    ("Delår 2022: 91,74 %", NUMBER, None, D("91.74"), "%", "", "Delår 2022", 2022, ""),
    (">91,74 %", NUMBER, ">", D("91.74"), "%", "", "", None, ""),
    ("Delår 2022: 88,24 %", NUMBER, None, D("88.24"), "%", "", "Delår 2022", 2022, ""),
    ("15% (okt 2022)", NUMBER, None, D(15), "%", "", "okt 2022", 2022, ""),
    ("37 911 (Jan-okt 2022)", NUMBER, None, D(37911), "", "", "Jan-okt 2022", 2022, ""),
    ("12 487 (Jan-okt 2022)", NUMBER, None, D(12487), "", "", "Jan-okt 2022", 2022, ""),
    # forms users type that the seeds' prose uses
    ("minst 40%", NUMBER, "≥", D(40), "%", "", "", None, ""),
    ("max 15%", NUMBER, "≤", D(15), "%", "", "", None, ""),
    ("12\u00a0487", NUMBER, None, D(12487), "", "", "", None, ""),
    ("-5", NUMBER, None, D(-5), "", "", "", None, ""),
    ("Saknas", MISSING, None, None, "", "", "", None, ""),
    ("–", MISSING, None, None, "", "", "", None, ""),
    ("", EMPTY, None, None, "", "", "", None, ""),
    ("Månadsvis", TEXT, None, None, "", "", "", None, ""),
]


@pytest.mark.parametrize(("text", "kind", "comparator", "number", "unit", "qualifier", "period", "year",
                          "footnote"), SEED_VALUES, ids=[v[0] or "tom" for v in SEED_VALUES])
def test_seed_value_forms(text, kind, comparator, number, unit, qualifier, period, year, footnote):
    v = parse_value(text)
    assert v.text == text  # kept exactly as typed
    assert (v.kind, v.comparator, v.number, v.unit, v.qualifier, v.period, v.year, v.footnote) == (
        kind, comparator, number, unit, qualifier, period, year, footnote)


def test_describe_is_swedish():
    assert parse_value(">2022").describe() == "bättre än utfallet 2022"
    assert parse_value("≥ 50 %").describe() == "minst 50 %"
    assert parse_value("Delår 2022: 91,74 %").describe() == "91,74 %, avser Delår 2022"
    assert parse_value("8528***").describe() == "8\u00a0528, fotnot ***"
    assert parse_value("Nytt mål.").describe() == "Nytt mål (inget ingångsvärde)"


def test_odd_input_never_raises():
    for text in ["<", ">>", "**", "(", "()", "2022:", "Delår 2022:", "≥", "😀 80 %", "80 %%", "1,2,3",
                 "1 000 000 000 000 000", "\u00ad", "a" * 5000, None]:
        parse_value(text)


def test_year_reference_moves_with_the_period():
    assert shift_year_reference(">2021") == ">2022"
    assert shift_year_reference(">2023", 2) == ">2025"
    assert shift_year_reference(">20") == ">20"
    assert shift_year_reference("80 %") == "80 %"


def test_outcome_offered_with_its_period():
    assert with_period("2", "2022") == "2 (2022)"
    assert with_period("48", "jan–nov 2022") == "48 (jan–nov 2022)"
    assert with_period("74 % (Pulsmätning sep 2022)", "2022") == "74 % (Pulsmätning sep 2022)"
    assert with_period("Saknas", "2022") == "Saknas"


@pytest.mark.parametrize(("text", "month"), [
    ("Q4", 12), ("Q2", 6), ("1Q", 3), ("Q1–Q4", 12), ("Ska enligt plan vara genomfört under Q2", 6),
    ("Ska enligt plan vara genomfört och implementerat under Q4", 12), ("T2", 8),
    ("2023-05-31", 5), ("mars", 3), ("senast i februari", 2), ("Vid delår", 8), ("Helår", 12),
    ("löpande", None), ("", None), ("decentraliserat", None),
])
def test_due_month(text, month):
    assert due_month(text) == month
