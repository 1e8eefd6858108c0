"""Swedish alphabetical order, in Python and in SQLite (collation "sv")."""

from __future__ import annotations

import random
import sqlite3

import pytest

from db.textsort import register_collation, swedish_key, swedish_sorted


def test_a_ring_a_umlaut_o_umlaut_come_after_z_in_that_order():
    names = ["Öberg", "Zetterlund", "Åkesson", "Ängström", "Andersson", "Yusuf"]
    assert swedish_sorted(names) == ["Andersson", "Yusuf", "Zetterlund", "Åkesson", "Ängström",
                                     "Öberg"]


def test_plain_code_point_order_would_be_wrong():
    # Ä (U+00C4) before Å (U+00C5) and É after Ö: the reason swedish_key exists.
    assert sorted(["Åsa", "Ärla", "Émile", "Östen"]) == ["Ärla", "Åsa", "Émile", "Östen"]
    assert swedish_sorted(["Åsa", "Ärla", "Émile", "Östen"]) == ["Émile", "Åsa", "Ärla", "Östen"]


def test_e_acute_sorts_with_e():
    assert swedish_sorted(["Rydman", "Rydén", "Rydell", "Rydberg"]) == [
        "Rydberg", "Rydell", "Rydén", "Rydman"]
    assert swedish_key("Rydén")[0] == swedish_key("Ryden")[0]


def test_u_umlaut_sorts_as_y():
    # "Müller" is read "Myller": after "Mylius" (li < ll), before "Myrén".
    assert swedish_sorted(["Müller", "Myrén", "Mylius", "Mustonen"]) == [
        "Mustonen", "Mylius", "Müller", "Myrén"]
    assert swedish_key("Über")[0] == swedish_key("yber")[0]


def test_danish_and_norwegian_letters_sort_as_their_swedish_twins():
    assert swedish_key("Bærum")[0] == swedish_key("Bärum")[0]
    assert swedish_key("Søberg")[0] == swedish_key("Söberg")[0]


def test_soft_hyphen_is_ignored():
    assert swedish_key("Ek\u00adström")[0] == swedish_key("Ekström")[0]
    assert swedish_sorted(["Ekvall", "Ek\u00adström", "Eklund"]) == ["Eklund", "Ek\u00adström", "Ekvall"]


def test_case_is_folded_but_order_stays_deterministic():
    assert swedish_key("åsa")[0] == swedish_key("Åsa")[0]
    # Equal letters: the text itself decides, so the order never depends on input order.
    assert swedish_sorted(["åsa", "Åsa", "ÅSA"]) == swedish_sorted(["ÅSA", "åsa", "Åsa"])
    assert swedish_sorted(["b", "A", "a", "B"]) == ["A", "a", "B", "b"]


def test_empty_and_none_sort_first():
    assert swedish_key(None) == swedish_key("") == ("", "")
    assert swedish_sorted(["Berg", "", None, "Al"]) == ["", None, "Al", "Berg"]  # stable


def test_key_function_for_records():
    people = [("Öberg", "Anders"), ("Åkesson", "Karin"), ("Ahlgren", "Jan-Erik")]
    assert swedish_sorted(people, key=lambda p: p[0])[0] == ("Ahlgren", "Jan-Erik")


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:")
    register_collation(c)
    c.execute("CREATE TABLE person (namn TEXT)")
    yield c
    c.close()


def test_sqlite_collation_matches_python(conn):
    names = ["Öberg", "Zetterlund", "Åkesson", "Ängström", "Rydén", "Rydell", "Müller", "Mylius",
             "Ek\u00adström", "Ekvall", "émile", "Eklund", "andersson", "Bærum", "Søberg", "Berg"]
    random.Random(3).shuffle(names)
    conn.executemany("INSERT INTO person VALUES (?)", [(n,) for n in names])
    in_sql = [r[0] for r in conn.execute("SELECT namn FROM person ORDER BY namn COLLATE sv")]
    assert in_sql == swedish_sorted(names)
    assert in_sql == ["andersson", "Berg", "Bærum", "Eklund", "Ek\u00adström", "Ekvall", "émile",
                      "Mylius", "Müller", "Rydell", "Rydén", "Søberg", "Zetterlund", "Åkesson",
                      "Ängström", "Öberg"]


def test_sqlite_collation_in_an_index_and_comparisons(conn):
    conn.execute("CREATE INDEX person_namn ON person (namn COLLATE sv)")
    conn.executemany("INSERT INTO person VALUES (?)", [("Åsa",), ("Ärla",), ("Zorn",), ("Adam",)])
    after_z = [r[0] for r in conn.execute(
        "SELECT namn FROM person WHERE namn > 'Zz' COLLATE sv ORDER BY namn COLLATE sv")]
    assert after_z == ["Åsa", "Ärla"]
