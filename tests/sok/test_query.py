"""What the user types becomes a query that finds what it says and never fails."""

from __future__ import annotations

import sqlite3

import pytest

from app.sok.query import fts_query
from db.migrations.m0018_sok import TOKENIZE

HOSTILE = ['"', '""', "'", "(", ")", "((a", "a)", "*", "**", "a*b*", "-", "-a", "a -b", "NOT", "a NOT b",
           "AND", "OR OR", "NEAR(a b, 2)", "NEAR", "col:val", "sok:x", "rubrik:alkohol", "^a", "a^", "+",
           "{rubrik text}: a", "a\\", "a;DROP TABLE sok;--", "§", "§§", "/", "2022/", "/29", "…", "a\u0000b",
           "\u2028", "é", "😀 glad", "a" * 500, "x " * 200, '"a', 'a"', '"a" "b', "a'b", "%", "_"]


@pytest.fixture(scope="module")
def index():
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE sok USING fts5(rubrik, text, tokenize = \"{TOKENIZE}\")")
    conn.executemany("INSERT INTO sok (rubrik, text) VALUES (?, ?)", [
        ("VON 2022/44-73 Riktlinjer", "Överföring av medel till hemtjänsten"),
        ("§ 15 Budget", "Nämnden beslutar (enligt förslag) att anta budgeten"),
        ("2022/29 Alkohol", "AND OR NOT är inga operatorer här"),
    ])
    yield conn
    conn.close()


def _found(index, text: str, **kw) -> list[int]:
    query = fts_query(text, **kw)
    return [r[0] for r in index.execute("SELECT rowid FROM sok WHERE sok MATCH ? ORDER BY rowid", [query])]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_text_raises_an_sql_error(index, text):
    query = fts_query(text)
    if query:
        index.execute("SELECT count(*) FROM sok WHERE sok MATCH ?", [query]).fetchone()
    index.execute("SELECT count(*) FROM sok WHERE sok MATCH ?", [fts_query(text, prefix_last=True) or '""'])


def test_words_are_all_required_and_operators_are_words(index):
    assert _found(index, "överföring hemtjänsten") == [1]
    assert _found(index, "överföring budget") == []
    assert _found(index, "AND OR NOT") == [3]
    assert _found(index, "(enligt förslag)") == [2]


def test_prefix_and_case_folding(index):
    assert _found(index, "hemtjänst*") == [1]
    assert _found(index, "hemtjänst") == []
    assert _found(index, "ÖVERFÖRING") == [1]
    assert _found(index, "overforing") == []
    assert _found(index, "hemtj", prefix_last=True) == [1]
    assert _found(index, "hemtj ", prefix_last=True) == []  # the word is finished


def test_dnr_and_paragraf_as_typed(index):
    assert _found(index, "2022/29") == [3]
    assert _found(index, "VON 2022/44-73") == [1]
    assert _found(index, "2022/44-73") == [1]
    assert _found(index, "VON 2022/44-74") == []
    assert _found(index, "§ 15") == [2]
    assert _found(index, "§15") == [2]
    assert _found(index, "§ 16") == []


def test_quoted_words_are_a_phrase(index):
    assert _found(index, '"medel till"') == [1]
    assert _found(index, '"till medel"') == []
    assert fts_query('   ') == "" and fts_query('"" ()') == ""
