"""The one personnummer detector (app/personnummer.py) on a table of forms, and its use
where registers refuse personal data (the EVB form's rule and the Excel import)."""

from __future__ import annotations

import pytest

from app.personnummer import find_personnummer, is_personnummer
from app.validation import luhn_ok

# (text, what is found: the masked number, or None). 4501011235, 1212121212, 8112189876,
# 4501611232 (samordningsnummer) and 0402291231 have a fitting check digit;
# 4501011234 and 4501611234 do not.
FORMS = [
    # hyphen: the date part is enough, check digit or not
    ("450101-1235", "450101-XXXX"),
    ("450101-1234", "450101-XXXX"),
    ("19450101-1235", "19450101-XXXX"),
    ("Beslut för 19450101-1234 om boende", "19450101-XXXX"),
    # plus: 100 years or older
    ("121212+1212", "121212+XXXX"),
    ("Brukare 450101+1234", "450101+XXXX"),
    # no separator: only with a fitting check digit
    ("4501011235", "450101-XXXX"),
    ("194501011235", "19450101-XXXX"),
    ("8112189876", "811218-XXXX"),
    ("4501011234", None),
    ("194501011234", None),
    # a space instead of the hyphen: only with a fitting check digit
    ("20121212 1212", "20121212-XXXX"),
    ("121212 1212", "121212-XXXX"),
    ("Beslut 20121212 1212 hemtjänst", "20121212-XXXX"),
    ("450101 1234", None),
    ("19450101 1234", None),
    # samordningsnummer: day + 60
    ("450161-1234", "450161-XXXX"),
    ("4501611232", "450161-XXXX"),
    ("19450161 1232", "19450161-XXXX"),
    ("4501611234", None),
    ("450191-1234", "450191-XXXX"),  # 31 January + 60
    ("450192-1234", None),
    ("450290-1234", None),  # 30 February + 60
    # dates that do not exist
    ("451301-1234", None),
    ("450132-1234", None),
    ("450100-1234", None),
    ("19450229-1234", None),  # 1945 was no leap year
    ("20040229-1231", "20040229-XXXX"),
    ("040229-1231", "040229-XXXX"),  # without the century 29 February may be right
    # not personnummer
    ("VON 2022/44-73", None),
    ("ärende 2021/059336", None),
    ("0240-866 85, 0701234560", None),
    ("Organisationsnr 212000-2270", None),
    ("2022-02-14 § 15-19", None),
    ("Kostnad 1 250 000 kr", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "found"), FORMS)
def test_every_common_form_is_found_masked(text, found):
    assert find_personnummer(text) == found
    assert is_personnummer(text) is (found is not None)


def test_the_table_holds_both_fitting_and_wrong_check_digits():
    """The table's numbers without a separator are what they claim to be."""
    assert luhn_ok("4501011235") and luhn_ok("1212121212") and luhn_ok("4501611232")
    assert not luhn_ok("4501011234") and not luhn_ok("4501611234")


def test_evb_register_refuses_a_personnummer_written_with_a_space(demo_session):
    from app.registers.ej_verkstallda import EjVerkstalldaService, EjVerkstalltBeslut
    from app.validation import ValidationError

    namnd_id = demo_session.db.execute("SELECT id FROM namnd ORDER BY id").fetchone()[0]
    svc = EjVerkstalldaService(demo_session.db)
    before = demo_session.db.execute("SELECT count(*) FROM ej_verkstallt_beslut").fetchone()[0]
    with pytest.raises(ValidationError) as err:
        svc.save(EjVerkstalltBeslut(namnd_id, insats="Boendestöd 20121212 1212", lag="SoL",
                                    beslutsdatum="2022-01-10", kon="K", orsak=2))
    assert err.value.for_field("insats") == [
        "Insatsen ser ut att innehålla ett personnummer (”20121212-XXXX”). "
        "Personnummer får inte föras in i registret."]
    assert demo_session.db.execute("SELECT count(*) FROM ej_verkstallt_beslut").fetchone()[0] == before


def test_every_number_in_a_text_is_masked_and_counted():
    from app.personnummer import mask_counted

    text = ("Anna 19121212-1212, Bo 121212+1212, 1212121212, 191212121212, 121212 1212, "
            "samordningsnummer 701063-2391; dnr 2022/1234, tel 0155-380 00, 4501011230.")
    masked, count = mask_counted(text)
    assert masked == ("Anna 19121212-XXXX, Bo 121212+XXXX, 121212-XXXX, 19121212-XXXX, 121212-XXXX, "
                      "samordningsnummer 701063-XXXX; dnr 2022/1234, tel 0155-380 00, 4501011230.")
    assert count == 6
    assert mask_counted("") == ("", 0)
