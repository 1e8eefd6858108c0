"""The reusable record table models (ui/models), checked with QAbstractItemModelTester."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from ui.models import RIGHT, Column, IdRole, LazyTableModel, RecordRole, RecordTableModel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass
class Rad:
    id: int
    namn: str
    antal: int | None = None


COLUMNS = [
    Column("Namn", lambda r: r.namn),
    Column("Antal", lambda r: r.antal, RIGHT),
]
NAMN = ["Öberg", "Zetterlund", "Åkesson", "ahlgren", "Ängström", "Émile", "Berg"]


def column_texts(model, column=0):
    return [model.data(model.index(row, column), DISPLAY) for row in range(model.rowCount())]


def make_model(qtmodeltester=None):
    rows = [Rad(i + 1, n, (i * 7) % 5 if i != 3 else None) for i, n in enumerate(NAMN)]
    model = RecordTableModel(COLUMNS, rows)
    if qtmodeltester is not None:
        qtmodeltester.check(model)
        qtmodeltester.check(model, force_py=True)
    return model


def test_record_model_passes_model_tester_while_sorting_and_resetting(qtmodeltester):
    model = make_model(qtmodeltester)
    model.sort(0, ASC)
    model.sort(1, DESC)
    model.set_records([Rad(9, "Ny")])
    model.set_records([])
    assert model.rowCount() == 0


def test_record_model_sorts_names_in_swedish_order():
    model = make_model()
    model.sort(0, ASC)
    # Å Ä Ö after Z; É among the E's; case does not matter.
    assert column_texts(model) == ["ahlgren", "Berg", "Émile", "Zetterlund", "Åkesson",
                                   "Ängström", "Öberg"]
    model.sort(0, DESC)
    assert column_texts(model)[:3] == ["Öberg", "Ängström", "Åkesson"]
    model.sort(-1, ASC)  # back to the order the service gave
    assert column_texts(model) == NAMN


def test_record_model_sorts_numbers_by_size_with_empty_last():
    model = make_model()
    model.sort(1, ASC)
    texts = column_texts(model, 1)
    assert texts[-1] == ""  # ahlgren has no antal
    assert [int(t) for t in texts[:-1]] == sorted(int(t) for t in texts[:-1])


def test_record_model_roles_headers_and_alignment():
    model = make_model()
    index = model.index(0, 1)
    assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "Namn"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.data(index, RecordRole) == Rad(1, "Öberg", 0)
    assert model.data(index, IdRole) == 1
    assert model.row_for_id(3) == 2 and model.row_for_id(99) == -1
    assert model.column_of("Antal") == 1


def test_record_model_keeps_sort_on_new_records_and_moves_persistent_indexes():
    model = make_model()
    held = QPersistentModelIndex(model.index(0, 0))  # Öberg, as a view's selection
    model.sort(0, ASC)
    assert held.row() == 6 and held.data() == "Öberg"
    model.set_records([Rad(1, "Östen"), Rad(2, "Adam")])
    assert column_texts(model) == ["Adam", "Östen"]


class FakePeople:
    """Ids and records as a service would give them, counting the loads."""

    def __init__(self, n: int):
        self.rows = {i: Rad(i, f"Person {i:04d}", i % 3) for i in range(1, n + 1)}
        self.record_loads: list[list[int]] = []
        self.id_loads: list[tuple] = []
        self.first_loads: list[int] = []

    def ids(self, field, descending):
        self.id_loads.append((field, descending))
        return self._ordered(field, descending)

    def _ordered(self, field, descending):
        ids = sorted(self.rows)
        if field == "antal":
            ids.sort(key=lambda i: self.rows[i].antal)
        return list(reversed(ids)) if descending else ids

    def records(self, ids):
        self.record_loads.append(list(ids))
        return [self.rows[i] for i in ids if i in self.rows]

    def first(self, field, descending, limit):
        self.first_loads.append(limit)
        return self._ordered(field, descending)[:limit]


LAZY_COLUMNS = [
    Column("Namn", lambda r: r.namn, sort_field="namn"),
    Column("Antal", lambda r: r.antal, RIGHT, sort_field="antal"),
    Column("Osorterbar", lambda r: r.id),
]


def test_lazy_model_loads_in_batches_as_the_view_asks(qtmodeltester):
    people = FakePeople(450)
    model = LazyTableModel(LAZY_COLUMNS, people.ids, people.records, batch_size=200)
    model.refresh()
    assert model.total == 450
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    # Every row was fetched once, in batches of at most 200.
    assert all(len(batch) <= 200 for batch in people.record_loads)
    assert sum(len(b) for b in people.record_loads) == 450
    # The tester watches a reset and fetches everything again itself.
    qtmodeltester.check(model)
    model.refresh()


def test_lazy_model_finds_an_unloaded_row_and_refresh_keeps_loaded_rows():
    people = FakePeople(1000)
    model = LazyTableModel(LAZY_COLUMNS, people.ids, people.records, batch_size=100)
    model.refresh()
    assert model.rowCount() == 100
    assert model.row_for_id(555) == 554
    assert model.rowCount() == 600
    assert model.data(model.index(554, 0), DISPLAY) == "Person 0555"
    model.refresh()  # after a save: the rows already shown stay loaded
    assert model.rowCount() == 600


def test_lazy_model_sorts_through_the_id_loader(qtmodeltester):
    people = FakePeople(30)
    model = LazyTableModel(LAZY_COLUMNS, people.ids, people.records, batch_size=10)
    model.refresh()
    qtmodeltester.check(model, force_py=True)
    model.sort(0, DESC)
    assert people.id_loads[-1] == ("namn", True)
    assert model.data(model.index(0, 0), DISPLAY) == "Person 0030"
    model.sort(1, ASC)
    assert people.id_loads[-1] == ("antal", False)
    assert model.data(model.index(0, 1), DISPLAY) == "0"
    loads = len(people.id_loads)
    model.sort(2, ASC)  # no sort_field: the service cannot sort it, nothing happens
    assert len(people.id_loads) == loads


def test_lazy_model_tolerates_a_row_deleted_after_the_ids_were_read():
    people = FakePeople(5)
    model = LazyTableModel(LAZY_COLUMNS, people.ids, people.records, batch_size=2)
    model.refresh()
    del people.rows[4]
    model.fetchMore()
    assert model.rowCount() == 4
    assert model.data(model.index(3, 0), DISPLAY) is None
    model.refresh()
    assert model.total == 4


def first_page_model(people, batch_size=100):
    return LazyTableModel(LAZY_COLUMNS, people.ids, people.records, batch_size=batch_size,
                          load_first=people.first)


def test_lazy_model_with_a_first_page_reads_the_rest_of_the_ids_when_asked(qtbot, qtmodeltester):
    people = FakePeople(1000)
    model = first_page_model(people)
    completions = []
    model.ids_complete.connect(lambda: completions.append(model.complete))
    model.refresh()
    # Only the first page was read: one more id than shown tells there is more.
    assert people.first_loads == [101] and people.id_loads == []
    assert model.rowCount() == 100 and not model.complete and model.canFetchMore()
    assert model.data(model.index(99, 0), DISPLAY) == "Person 0100"
    assert model.row_for_id(42) == 41 and people.id_loads == []  # on the first page
    assert completions == []
    assert model.total == 1000  # asking for the count reads every id
    assert people.id_loads == [(None, False)] and completions == [True]
    assert model.rowCount() == 100
    assert model.row_for_id(555) == 554 and model.rowCount() == 600
    model.refresh()  # keeps the rows shown: 600 (and one more) read first
    assert people.first_loads[-1] == 601 and model.rowCount() == 600 and not model.complete
    model.fetchMore()  # scrolling on reads the rest first
    assert model.complete and model.rowCount() == 700
    model.refresh()
    qtmodeltester.check(model)  # fetches on, which reads the rest of the ids
    assert model.complete and model.total == 1000


def test_lazy_model_with_a_first_page_that_holds_everything_is_complete_at_once():
    people = FakePeople(100)
    model = first_page_model(people)
    completions = []
    model.ids_complete.connect(lambda: completions.append(True))
    model.refresh()
    assert model.complete and completions == [True] and people.id_loads == []
    assert model.total == 100 and not model.canFetchMore()


def test_lazy_model_shows_the_rows_again_when_they_changed_before_the_rest_was_read(qtbot):
    people = FakePeople(300)
    model = first_page_model(people)
    model.refresh()
    people.rows[999] = Rad(999, "Person 0999", 0)  # saved meanwhile: now the last page
    del people.rows[1]  # and the first row removed: the rows shown are not the first any more
    with qtbot.waitSignal(model.modelReset):
        model.complete_ids()
    assert model.total == 300 and model.rowCount() == 100
    assert model.data(model.index(0, 0), DISPLAY) == "Person 0002"


def test_lazy_model_view_reads_the_rest_of_the_ids_after_painting_the_first_page(qtbot):
    from ui.models.view import RecordTableView

    people = FakePeople(1000)
    model = first_page_model(people)
    view = RecordTableView(model)
    qtbot.addWidget(view)
    model.refresh()
    assert not model.complete
    view.resize(600, 400)
    view.show()
    qtbot.waitUntil(lambda: model.complete)
    assert people.id_loads == [(None, False)] and len(model.ids) == 1000


@pytest.mark.parametrize("descending", [False, True])
def test_people_model_orders_names_the_swedish_way(demo_session, qtmodeltester, descending):
    svc = demo_session.organisation
    model = LazyTableModel(
        [Column("Efternamn", lambda p: p.efternamn, sort_field="namn")],
        lambda field, desc: svc.person_ids(order=field or "namn", descending=desc),
        svc.personer, batch_size=10)
    model.refresh()
    qtmodeltester.check(model)
    model.sort(0, DESC if descending else ASC)
    while model.canFetchMore():
        model.fetchMore()
    names = column_texts(model)
    assert len(names) == 28
    tail = ["Zetterlund", "Åkesson", "Ängström", "Öberg", "Östlund"]
    if descending:
        assert names[:5] == list(reversed(tail))
    else:
        assert names[-5:] == tail
        assert names[:2] == ["Ahlgren", "Andersson"]
