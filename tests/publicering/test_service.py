"""The web copy from the demo: what it holds, in which structure, and what it never
holds (a § under sekretess, personnummer)."""

from __future__ import annotations

import html
import re

import pytest
from publicering_fixtures import (
    GRUND,
    PLANTED,
    SECRET_RUBRIK,
    au_meeting,
    justera_with_sekretess,
    namnd_meeting,
)

from app.meetings import BilagaService
from app.personnummer import find_personnummer
from app.protokoll.sekretess import DEFAULT_RUBRIK, SekretessService
from app.publicering import PubliceringService
from app.validation import ValidationError
from db.pdf_text import page_texts

CHECKSUM = re.compile(r'<p class="kontrollsumma">[0-9a-f]{64}</p>')


def text_of(files: dict[str, bytes]) -> str:
    """Every published page as text (tags left in, entities decoded)."""
    pages = (data for name, data in files.items() if name.endswith(".html"))
    return "\n".join(html.unescape(data.decode("utf-8")) for data in pages)


def test_the_arbetsutskott_copy_is_swedish_html_with_headings_tables_and_links(demo_session, tmp_path):
    db = demo_session.db
    result = PubliceringService(db).write(au_meeting(db), tmp_path / "webb")
    assert set(result.files) == {"index.html", "anslag.html", "protokoll.html", "kallelse.html", "stil.css"}
    protokoll = (tmp_path / "webb" / "protokoll.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in protokoll
    assert protokoll.count("<h1>") == 1
    numbers = re.findall(r"<h2 id=\"paragraf-\d+\">(§ \d+)", protokoll)
    assert numbers == ["§ 15", "§ 16", "§ 17", "§ 18", "§ 19"]
    assert "<h3>Beslut</h3>" in protokoll and "<h3>Beslut skickas till</h3>" in protokoll
    assert '<caption>Sammanträdet</caption>' in protokoll and '<th scope="row">Beslutande</th>' in protokoll
    assert "<ol><li>Tjänsteskrivelse daterad den 21 januari 2022.</li>" in protokoll
    anslag = (tmp_path / "webb" / "anslag.html").read_text(encoding="utf-8")
    assert "<h2 id=\"anslag-1\">Tillkännagivande av justerat protokoll</h2>" in anslag
    assert '<th scope="row">Sista dag för överklagande</th>' in anslag
    assert CHECKSUM.search(anslag)
    assert '<link rel="stylesheet" href="stil.css">' in anslag
    css = (tmp_path / "webb" / "stil.css").read_text(encoding="utf-8")
    assert "@media print" in css and "max-width: 48rem" in css


def test_before_justering_nothing_is_published(demo_session):
    mid, _day = namnd_meeting(demo_session.db)
    with pytest.raises(ValidationError, match="inte justerat; bara ett justerat protokoll"):
        PubliceringService(demo_session.db).web_copy(mid)


def test_a_paragraf_under_sekretess_and_personnummer_never_reach_the_copy(demo_session, tmp_path):
    db = demo_session.db
    SekretessService(db).set_rubrik("Ärende enligt socialtjänstlagen")
    mid, secret = justera_with_sekretess(db)
    secret_arende = db.execute("SELECT id FROM arende WHERE sammantrade_id = ? AND rubrik = ?",
                               [mid, SECRET_RUBRIK]).fetchone()[0]
    secret_files = [BilagaService(db).data(b.id) for b in BilagaService(db).bilagor(secret_arende)]
    assert secret_files, "the demo's § has bilagor: they must stay out"
    result = PubliceringService(db).write(mid, tmp_path / "webb")
    files = {name: (tmp_path / "webb" / name).read_bytes() for name in result.files}
    published = text_of(files)
    # The § keeps its number; its rubrik, texts and bilagor are gone from every page.
    assert "§ 6 Ärende enligt socialtjänstlagen" in published
    assert f"Sekretess enligt {GRUND}." in published
    assert SECRET_RUBRIK not in published
    texts = (secret["beslut"], secret["beskrivning"])
    sentences = [s for text in texts for s in text.split(". ") if len(s) > 25]
    assert len(sentences) >= 3
    for sentence in sentences:
        assert sentence not in published
    assert not any(data in secret_files for data in files.values())
    assert any(n.startswith("§ 6 visas bara med nummer") for n in result.notes)
    # Personnummer: masked in the text, the last four digits nowhere.
    for number in PLANTED:
        assert number not in published
    assert "19121212-XXXX" in published and "121212+XXXX" in published and "701063-XXXX" in published
    assert "6 personnummer har maskerats (ÅÅÅÅMMDD-XXXX)." in result.notes
    outside_checksums = CHECKSUM.sub("", published)
    assert find_personnummer(outside_checksums) is None


def test_the_demo_texts_publish_without_personnummer_and_default_rubrik(demo_session, tmp_path):
    db = demo_session.db
    copy = PubliceringService(db).web_copy(au_meeting(db))
    published = CHECKSUM.sub("", text_of(copy.files))
    assert find_personnummer(published) is None
    assert DEFAULT_RUBRIK not in published


def test_a_bilaga_holding_a_personnummer_is_left_out_and_said_so(demo_session, tmp_path):
    from pdf_samples import make_pdf

    db = demo_session.db
    mid, _day = namnd_meeting(db)
    arende = db.execute("SELECT id FROM arende WHERE sammantrade_id = ? AND rubrik LIKE 'Riktlinjer%'",
                        [mid]).fetchone()[0]
    complaint = make_pdf(1, "Klagomål från 19121212-1212")
    BilagaService(db).attach(arende, complaint, "klagomal.pdf", "Klagomål")
    justera_with_sekretess(db)
    copy = PubliceringService(db).web_copy(mid)
    assert any(n.startswith("Bilagan ”Klagomål”") and "personnummer (19121212-XXXX)" in n for n in copy.notes)
    assert "Klagomål (publiceras inte: innehåller personuppgifter)" in text_of(copy.files)
    pdfs = [data for name, data in copy.files.items() if name.endswith(".pdf")]
    assert pdfs and not any("Klagom" in " ".join(page_texts(data)) for data in pdfs)


def test_a_single_file_holds_all_three_with_the_stylesheet_inside(demo_session, tmp_path):
    db = demo_session.db
    result = PubliceringService(db).write(au_meeting(db), tmp_path / "anslagstavla.html", single_file=True)
    assert result.files == ("anslagstavla.html",)
    page = (tmp_path / "anslagstavla.html").read_text(encoding="utf-8")
    assert page.count("<h1>") == 1 and "<style>" in page and "stil.css" not in page
    assert [m for m in re.findall(r"<h2>([^<]+)</h2>", page)] == [
        "Anslag – Vård- och omsorgsnämndens arbetsutskott 14 februari 2022",
        "Protokoll – Vård- och omsorgsnämndens arbetsutskott 14 februari 2022",
        "Kallelse – Vård- och omsorgsnämndens arbetsutskott 14 februari 2022"]
    assert '<h3 id="paragraf-15">' in page
