"""The Organisation area, driven through its real widgets (and the service additions
it relies on)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication

from app import clock
from app.organisation import Forvaltning, Namnd, Organ, Person, mandatperiod
from app.validation import ValidationError
from ui.organisation.area import OrganisationArea
from ui.organisation.kommun_tab import KommunTab
from ui.organisation.namnder_tab import NamnderTab
from ui.widgets import dialogs

# The offscreen platform cannot resize a shown dialog when an error line appears; real
# platforms can. Nothing else may warn.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

LEFT = Qt.MouseButton.LeftButton
DISPLAY = Qt.ItemDataRole.DisplayRole


def texts(model, column=0):
    return [model.data(model.index(r, column), DISPLAY) for r in range(model.rowCount())]


def type_text(widget, text):
    """Type like a user, key by key (QTest.keyClicks cannot type å, ä, ö)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def _retype(qtbot, field, text, enter=False):
    """Select what a date field holds and type ``text`` over it (Enter to make it count
    at once, as a user does in a filter)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def area(qtbot, demo_session):
    widget = OrganisationArea(demo_session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def confirmations(monkeypatch):
    """Answer the confirmation questions; records each question's text."""
    asked: list[str] = []
    answer = {"yes": True}

    def fake_confirm(_parent, _title, text, ok_text="Ta bort"):
        asked.append(text)
        return answer["yes"]

    monkeypatch.setattr(dialogs, "confirm", fake_confirm)
    return asked, answer


def png_bytes(width=60, height=20) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#004b87"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


# -- service additions ---------------------------------------------------------------------
def test_mandatperiod_runs_four_years_from_the_january_after_the_election():
    assert mandatperiod(date(2026, 11, 22)) == (date(2023, 1, 1), date(2026, 12, 31))
    assert mandatperiod(date(2027, 1, 1)) == (date(2027, 1, 1), date(2030, 12, 31))
    assert mandatperiod(date(2022, 12, 31)) == (date(2019, 1, 1), date(2022, 12, 31))


def test_person_search_folds_swedish_letters_and_needs_every_word(demo_session):
    svc = demo_session.organisation
    names = lambda ids: [p.efternamn for p in svc.personer(ids)]  # noqa: E731
    assert names(svc.person_ids("åke")) == ["Åkesson"]
    assert names(svc.person_ids("ÅKE")) == ["Åkesson"]
    assert names(svc.person_ids("ryden")) == ["Rydén"]
    assert "Åkesson" not in names(svc.person_ids("ake"))  # a is not å in Swedish
    assert names(svc.person_ids("karin m")) == ["Åkesson"]
    assert names(svc.person_ids("ÄF", tjansteman=True)) == ["Falk", "Lundgren", "Mansour"]
    assert names(svc.person_ids("100%")) == []


def test_person_ids_order_by_column_with_empty_values_last(demo_session):
    svc = demo_session.organisation
    by_party = svc.personer(svc.person_ids(order="parti"))
    assert [p.parti for p in by_party[:3]] == ["C", "C", "KD"]
    assert all(p.parti == "" for p in by_party[-6:])  # tjänstemän have no party
    by_party_desc = svc.personer(svc.person_ids(order="parti", descending=True))
    assert by_party_desc[0].parti == "V" and by_party_desc[-1].parti == ""
    with pytest.raises(ValueError):
        svc.person_ids(order="lön")


def test_usage_counts_and_party_suggestions(demo_session):
    svc = demo_session.organisation
    von = svc.namnder()[0]
    organ = {o.typ: o for o in svc.organ(von.id)}
    # The demo seats its 22 and 6 members in two mandate periods: the previous and this one.
    assert svc.organ_usage(organ["nämnd"].id) == {"uppdrag": 2 * 22, "sammanträden": 2}
    assert svc.organ_usage(organ["arbetsutskott"].id) == {"uppdrag": 2 * 6, "sammanträden": 2}
    sof = next(f for f in svc.forvaltningar(von.id) if f.kortnamn == "SOF")
    assert svc.forvaltning_usage(sof.id) == {"personer": 3}
    lindqvist = svc.personer(svc.person_ids("Lindqvist"))[0]
    assert svc.person_usage(lindqvist.id) == {"uppdrag": 2 * 2}  # nämnd and AU, two periods
    svc.save_person(Person(fornamn="Ylva", efternamn="Ek", parti="Oxelösundspartiet"))
    assert svc.partier()[-1] == "Oxelösundspartiet"
    assert svc.partier()[:3] == ["S", "M", "SD"]


def test_paragraph_format_with_kod_needs_a_kortnamn(demo_session):
    svc = demo_session.organisation
    von = svc.namnder()[0]
    with pytest.raises(ValidationError) as caught:
        svc.save_organ(Organ(namnd_id=von.id, namn="Beredningen", typ="beredning",
                             paragraf_format="§ {kod}.{år}.{nr}"))
    assert "kortnamn" in caught.value.for_field("kortnamn")[0]


def test_renaming_a_namnd_renames_its_own_organ(demo_session):
    svc = demo_session.organisation
    von = svc.namnder()[0]
    von.namn, von.kortnamn = "Omsorgsnämnden", "ON"
    svc.save_namnd(von)
    organ = {o.typ: o for o in svc.organ(von.id)}
    assert (organ["nämnd"].namn, organ["nämnd"].kortnamn) == ("Omsorgsnämnden", "ON")
    assert organ["arbetsutskott"].kortnamn == "VONAU"  # has a name of its own


# -- Kommun ----------------------------------------------------------------------------------
def test_kommun_form_shows_the_error_at_the_field_and_saves_nothing(qtbot, session):
    tab = KommunTab(session.organisation)
    qtbot.addWidget(tab)
    type_text(tab.fields["namn"], "Oxelösunds kommun")
    qtbot.keyClicks(tab.fields["organisationsnummer"], "212000-0341")  # wrong check digit
    qtbot.keyClicks(tab.fields["epost"], "kommun@oxelosund.se")
    click(qtbot, tab.save_button)
    message = tab.form.message("organisationsnummer")
    assert "”212000-0341” är inte giltigt" in message
    assert tab.form.message("namn") == "" and tab.form.message("epost") == ""
    assert "Inte sparat" in tab.status.text()
    assert session.organisation.kommun() is None

    tab.fields["organisationsnummer"].clear()
    qtbot.keyClicks(tab.fields["organisationsnummer"], "2120000340")
    click(qtbot, tab.save_button)
    assert tab.form.message("organisationsnummer") == ""
    stored = session.organisation.kommun()
    assert stored.namn == "Oxelösunds kommun"
    assert stored.organisationsnummer == "212000-0340"
    assert tab.fields["organisationsnummer"].text() == "212000-0340"  # normalised on screen
    assert tab.status.text().startswith("Sparat")


def test_kommun_form_requires_a_name(qtbot, session):
    tab = KommunTab(session.organisation)
    qtbot.addWidget(tab)
    click(qtbot, tab.save_button)
    assert tab.form.message("namn") == "Kommunens namn måste fyllas i."
    assert session.organisation.kommun() is None


def test_kommun_logo_is_chosen_previewed_saved_and_removed(qtbot, demo_session, tmp_path):
    tab = KommunTab(demo_session.organisation)
    qtbot.addWidget(tab)
    assert tab.preview.text() == "Ingen logotyp"
    assert not tab.remove_logo_button.isEnabled()
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes())
    tab.load_logo_file(logo)
    assert not tab.preview.pixmap().isNull()
    assert "PNG, 60 × 20 px" in tab.logo_info.text()
    click(qtbot, tab.save_button)
    stored = demo_session.organisation.kommun()
    assert stored.logo == logo.read_bytes() and stored.logo_mime == "image/png"

    text_file = tmp_path / "logo.txt"
    text_file.write_text("ingen bild")
    tab.load_logo_file(text_file)
    assert tab.preview.text() == "Bilden kan inte visas"
    click(qtbot, tab.save_button)
    assert "PNG- eller JPEG-bild" in tab.form.message("logo")
    assert demo_session.organisation.kommun().logo == logo.read_bytes()  # unchanged

    click(qtbot, tab.remove_logo_button)
    click(qtbot, tab.save_button)
    assert demo_session.organisation.kommun().logo is None
    tab.load_logo_file(tmp_path / "saknas.png")
    assert "Kunde inte läsa saknas.png" in tab.form.message("logo")


# -- Nämnder och organ ---------------------------------------------------------------------
def test_new_namnd_gets_its_namnd_organ(qtbot, session):
    tab = NamnderTab(session.organisation)
    qtbot.addWidget(tab)
    assert "Lägg först in en nämnd" in tab.hint.text()
    assert not tab.organ_box.isEnabled()
    click(qtbot, tab.namnd_buttons.new)
    dialog = tab.dialog
    click(qtbot, dialog.save_button)  # empty: both fields named, nothing stored
    assert dialog.isVisible()
    assert dialog.form.message("namn") == "Nämndens namn måste fyllas i."
    assert dialog.form.message("kortnamn") == "Kortnamn måste fyllas i."
    assert session.organisation.namnder() == []

    type_text(dialog.namn, "Socialnämnden")
    qtbot.keyClicks(dialog.kortnamn, "SN")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert texts(tab.namnd_model) == ["Socialnämnden"]
    assert tab.current_namnd().kortnamn == "SN"
    assert tab.organ_box.isEnabled() and tab.organ_box.title() == "Organ i Socialnämnden"
    assert texts(tab.organ_model) == ["Socialnämnden"]
    assert texts(tab.organ_model, 1) == ["nämnd"]
    assert texts(tab.organ_model, 4) == ["§ 1"]


def test_organ_dialog_shows_a_live_paragraph_example_and_saves(qtbot, area):
    tab = area.namnder
    area.setCurrentWidget(tab)
    assert tab.current_namnd().kortnamn == "VON"
    click(qtbot, tab.organ_buttons.new)
    dialog = tab.dialog
    assert dialog.namn.text() == "Vård- och omsorgsnämndens arbetsutskott"
    dialog.namn.setText("Vård- och omsorgsnämndens beredning")
    dialog.typ.setCurrentText("beredning")
    dialog.kortnamn.clear()
    dialog.format.setCurrentText("§ {kod}.{år}.{nr}")
    year = clock.today().year
    assert dialog.example.text().startswith(f"§ .{year}.1, § .{year}.2 …\nså numreras")
    click(qtbot, dialog.save_button)
    assert "fyll i organets kortnamn" in dialog.form.message("kortnamn")
    qtbot.keyClicks(dialog.kortnamn, "VON")
    dialog.start.setValue(55)
    assert dialog.example.text().startswith(f"§ VON.{year}.55, § VON.{year}.56")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    saved = tab.organ_view.current_record()
    assert saved.namn == "Vård- och omsorgsnämndens beredning"
    row = tab.organ_model.row_for_id(saved.id)
    assert tab.organ_model.data(tab.organ_model.index(row, 4), DISPLAY) == f"§ VON.{year}.55"
    assert texts(tab.organ_model, 1) == ["nämnd", "arbetsutskott", "beredning"]


def test_delete_namnd_says_what_goes_with_it(qtbot, area, confirmations):
    asked, answer = confirmations
    tab = area.namnder
    svc = tab.service
    # The demo's nämnd has public records (docs/domain/justering.md): it is only ended.
    answer["yes"] = False
    click(qtbot, tab.namnd_buttons.delete)
    assert "Vård- och omsorgsnämnden kan inte tas bort: protokollet från" in asked[0]
    assert len(tab.namnd_model.records) == 1
    # A nämnd of its own goes, with what is its own.
    sn = svc.save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    svc.save_forvaltning(Forvaltning(sn.id, "Socialförvaltningen", "SF"))
    tab.reload(sn.id)
    click(qtbot, tab.namnd_buttons.delete)
    assert "Ta bort Socialnämnden (SN)?" in asked[1]
    assert "1 organ och 1 förvaltning" in asked[1] and "Kvar blir personerna i personregistret" in asked[1]
    assert len(tab.namnd_model.records) == 2  # answered no: still there
    answer["yes"] = True
    qtbot.keyClick(tab.namnd_view, Qt.Key.Key_Delete)
    assert len(asked) == 3
    assert [n.namn for n in tab.namnd_model.records] == ["Vård- och omsorgsnämnden"]
    assert area.personer.service.personer()  # people stay in the register


def test_forvaltning_delete_mentions_its_people_and_buttons_follow_selection(qtbot, area, confirmations):
    asked, _ = confirmations
    tab = area.namnder
    assert not tab.forv_buttons.delete.isEnabled()
    tab.forv_view.select_row(texts(tab.forv_model).index("Socialförvaltningen"))
    assert tab.forv_buttons.delete.isEnabled()
    click(qtbot, tab.forv_buttons.delete)
    assert "3 tjänstemän hör till den" in asked[0]
    assert texts(tab.forv_model) == ["Äldreförvaltningen"]


# -- Personer --------------------------------------------------------------------------------
def test_people_search_and_filter(qtbot, area):
    tab = area.personer
    assert tab.model.total == 28 and tab.count.text() == "28 personer"
    type_text(tab.search, "åke")
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert texts(tab.model) == ["Åkesson, Karin"]
    tab.search.clear()
    tab.filter.setCurrentIndex(tab.filter.findText("Tjänstemän"))
    qtbot.waitUntil(lambda: tab.model.total == 6)
    assert texts(tab.model, 3) == ["SOF", "SOF", "ÄF", "SOF", "ÄF", "ÄF"]  # förvaltning column
    tab.filter.setCurrentIndex(tab.filter.findText("Förtroendevalda"))
    assert tab.model.total == 22
    qtbot.keyClicks(tab.search, "zzz")
    qtbot.waitUntil(lambda: tab.model.total == 0)
    assert tab.count.text() == "Inga personer matchar sökningen."


def test_people_table_loads_rows_as_the_user_scrolls(qtbot, area):
    db = area.personer.service.db
    with db.atomic():
        db["person"].insert_all({"fornamn": f"Test{i:03d}", "efternamn": "Massperson", "parti": "S"}
                                for i in range(450))
    tab = area.personer
    area.setCurrentWidget(tab)  # reads the register again
    assert tab.model.total == 478 and tab.count.text() == "478 personer"
    assert tab.model.rowCount() == 200  # one batch
    tab.view.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 200)
    last = tab.model.ids[-1]
    assert tab.view.select_id(last)  # loads up to it
    assert tab.view.current_record().efternamn == "Östlund"


def test_people_table_sorts_by_column_in_swedish_order(area):
    tab = area.personer
    assert texts(tab.model)[-5:] == ["Zetterlund, Per", "Åkesson, Karin", "Ängström, Oskar",
                                     "Öberg, Anders", "Östlund, Maja"]
    tab.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert texts(tab.model, 1)[:3] == ["C", "C", "KD"]
    tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert texts(tab.model)[0] == "Östlund, Maja"


def test_keys_and_double_click_open_edit_and_delete(qtbot, area, confirmations):
    asked, answer = confirmations
    answer["yes"] = False
    tab = area.personer
    area.setCurrentWidget(tab)
    assert not tab.buttons.edit.isEnabled()
    tab.view.select_id(tab.model.ids[0])
    assert tab.buttons.edit.isEnabled() and tab.buttons.delete.isEnabled()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.dialog.isVisible() and tab.dialog.windowTitle() == "Ändra person"
    assert tab.dialog.efternamn.text() == "Ahlgren"
    tab.dialog.reject()
    assert tab.dialog is None
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == ["Ta bort Jan-Erik Ahlgren ur personregistret?\n\nPersonens 2 uppdrag som "
                     "ledamot eller ersättare tas också bort. Personen finns inte i något justerat "
                     "protokoll. Det går inte att ångra."]
    assert tab.model.total == 28
    index = tab.model.index(2, 0)
    where = tab.view.visualRect(index).center()
    # A user's double-click is a click followed by the double-click event.
    qtbot.mouseClick(tab.view.viewport(), LEFT, pos=where)
    qtbot.mouseDClick(tab.view.viewport(), LEFT, pos=where)
    assert tab.dialog is not None and tab.dialog.efternamn.text() == "Backman"
    tab.dialog.reject()


def test_edit_person_keeps_the_selection_where_the_row_moves(qtbot, area):
    tab = area.personer
    zetterlund = tab.service.person_ids("Zetterlund")[0]
    tab.view.select_id(zetterlund)
    click(qtbot, tab.buttons.edit)
    tab.dialog.efternamn.setText("Aaberg")
    click(qtbot, tab.dialog.save_button)
    assert tab.view.current_id() == zetterlund
    assert texts(tab.model)[0] == "Aaberg, Per"
    assert tab.view.selectionModel().selectedRows()[0].row() == 0


def test_tjansteman_needs_a_title_and_gets_a_forvaltning(qtbot, area):
    tab = area.personer
    click(qtbot, tab.buttons.new)
    dialog = tab.dialog
    assert not dialog.titel.isEnabled() and dialog.parti.isEnabled()
    qtbot.keyClicks(dialog.fornamn, "Sara")
    type_text(dialog.efternamn, "Öhman")
    dialog.tjansteman.setChecked(True)
    assert dialog.titel.isEnabled() and not dialog.parti.isEnabled()
    click(qtbot, dialog.save_button)
    assert "behöver en titel" in dialog.form.message("titel")
    qtbot.keyClicks(dialog.titel, "Utredare")
    dialog.forvaltning.setCurrentIndex(dialog.forvaltning.findText("Äldreförvaltningen (ÄF, VON)"))
    click(qtbot, dialog.save_button)
    saved = tab.view.current_record()
    assert (saved.namn, saved.titel, saved.parti) == ("Sara Öhman", "Utredare", "")
    assert tab.model.data(tab.model.index(tab.model.row_for_id(saved.id), 3), DISPLAY) == "ÄF"


# -- Ledamöter och ersättare ------------------------------------------------------------------
def test_add_person_and_uppdrag_shows_in_members_table(qtbot, area):
    personer = area.personer
    area.setCurrentWidget(personer)
    click(qtbot, personer.buttons.new)
    dialog = personer.dialog
    qtbot.keyClicks(dialog.fornamn, "Ylva")
    type_text(dialog.efternamn, "Ärlig")
    dialog.parti.setCurrentText("Oxelösundspartiet")  # a local party: free text
    qtbot.keyClicks(dialog.epost, "ylva.arlig@oxelosund.se")
    click(qtbot, dialog.save_button)
    assert personer.view.current_record().namn == "Ylva Ärlig"
    assert personer.count.text() == "29 personer"

    led = area.ledamoter
    area.setCurrentWidget(led)  # reloads the organ and people it offers
    led.organ.setCurrentIndex(led.organ.findText("Vård- och omsorgsnämndens arbetsutskott"))
    assert led.summary.text() == "3 ledamöter och 3 ersättare"
    click(qtbot, led.buttons.new)
    dialog = led.dialog
    assert (dialog.fran.text(), dialog.till.text()) == \
        tuple(d.isoformat() for d in mandatperiod(clock.today()))
    dialog.person.setCurrentIndex(dialog.person.findText("Ärlig, Ylva (Oxelösundspartiet)"))
    assert not dialog.ordning.isEnabled()
    dialog.roll.setCurrentText("ersättare")
    assert dialog.ordning.isEnabled() and dialog.ordning.value() == 4
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert texts(led.model, 1)[-1] == "Ylva Ärlig"
    assert texts(led.model, 5)[-1] == "4"
    assert led.view.current_record().person_namn == "Ylva Ärlig"
    assert led.summary.text() == "3 ledamöter och 4 ersättare"

    # The same person again in an overlapping period: told so, nothing saved.
    click(qtbot, led.buttons.new)
    dialog = led.dialog
    dialog.person.setCurrentIndex(dialog.person.findText("Ärlig, Ylva (Oxelösundspartiet)"))
    click(qtbot, dialog.save_button)
    assert "redan ett uppdrag i organet som ersättare" in dialog.form.message("fran")
    assert dialog.isVisible()
    dialog.reject()
    assert led.model.rowCount() == 7


def test_uppdrag_dialog_shows_role_and_person_errors(qtbot, area):
    led = area.ledamoter
    area.setCurrentWidget(led)
    assert led.organ.currentText() == "Vård- och omsorgsnämnden"
    before = len(led.model.records)
    click(qtbot, led.buttons.new)
    dialog = led.dialog
    dialog.person.setEditText("Ingen Alls")
    click(qtbot, dialog.save_button)
    assert dialog.form.message("person_id") == "Välj en person."
    dialog.person.setCurrentIndex(dialog.person.findText("Hassan, Fatima (S)"))
    dialog.roll.setCurrentText("ordförande")
    fran, till = mandatperiod(clock.today())
    _retype(qtbot, dialog.fran, fran.replace(year=fran.year + 4).isoformat())
    _retype(qtbot, dialog.till, till.replace(year=till.year + 4).isoformat())
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()  # next period: no clash
    led.edit_uppdrag(led.view.current_record())
    dialog = led.dialog
    _retype(qtbot, dialog.fran, fran.isoformat())
    click(qtbot, dialog.save_button)
    assert "redan en ordförande under perioden: Birgitta Lindqvist" in dialog.form.message("roll")
    _retype(qtbot, dialog.till, (fran - timedelta(days=1)).isoformat())
    click(qtbot, dialog.save_button)
    assert "slutar" in dialog.form.message("till")
    dialog.reject()
    today = clock.today()
    _retype(qtbot, led.day, today.isoformat(), enter=True)  # the saved seat moved the view 4 years on
    assert len(led.model.records) == before


def test_members_table_follows_the_date_and_deletes_with_confirmation(qtbot, area, confirmations):
    asked, _ = confirmations
    led = area.ledamoter
    svc = led.service
    assert texts(led.model)[:4] == ["ordförande", "1:e vice ordförande", "2:e vice ordförande", "ledamot"]
    _retype(qtbot, led.day, "1/6 2018", enter=True)  # before the demo's seats
    assert led.model.rowCount() == 0
    assert led.summary.text() == "Inga ledamöter eller ersättare 2018-06-01."
    _retype(qtbot, led.day, "2024-06-01", enter=True)
    led.view.select_row(0)
    qtbot.keyClick(led.view, Qt.Key.Key_Delete)
    assert asked[0].startswith("Ta bort uppdraget för Birgitta Lindqvist som ordförande i "
                               "Vård- och omsorgsnämnden (2023-01-01 – 2026-12-31)?")
    assert led.summary.text().endswith("ingen ordförande detta datum")
    assert all(u.roll != "ordförande" for u in svc.uppdrag(led.organ_id(), on_date=date(2024, 6, 1)))
    assert any(u.roll == "ordförande" for u in svc.uppdrag(led.organ_id(), on_date=date(2022, 6, 1)))


def test_area_is_registered_and_tabs_reload_what_other_tabs_changed(qtbot, area):
    import ui.areas  # noqa: F401
    from ui.main_window import AREAS

    assert [a.title for a in AREAS if a.key == "organisation"] == ["Organisation"]
    svc = area.ledamoter.service
    svc.save_organ(Organ(namnd_id=svc.namnder()[0].id, namn="Individutskottet", typ="utskott"))
    area.setCurrentWidget(area.namnder)
    area.setCurrentWidget(area.ledamoter)
    assert area.ledamoter.organ.findText("Individutskottet") >= 0
    svc.save_person(Person(fornamn="Nils", efternamn="Ny"))
    area.setCurrentWidget(area.personer)
    assert area.personer.model.total == 29
