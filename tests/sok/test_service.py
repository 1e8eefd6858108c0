"""Searching the demo file: grouped by kind, ranked, with snippets and what opens the hit."""

from __future__ import annotations

import random

import pytest
from pdf_samples import make_pdf

from app.sok import SearchService
from app.sok.model import CODE_SHIFT, DAY_MASK, DAY_SHIFT, MARK_END, MARK_START
from app.sok.service import _newest


@pytest.fixture
def search(demo_session):
    return SearchService(demo_session.db)


def test_a_word_in_a_beslut_a_delegationsbeslut_and_a_bilaga_finds_all_three(search, demo_session):
    result = search.search("boende")
    kinds = {g.kind for g in result.groups}
    assert {"paragraf", "delegationsbeslut", "bilaga"} <= kinds
    db = demo_session.db
    for hit in result.hits:
        assert any(marked and "boende" in text.lower() for text, marked in hit.snippet_parts()), hit
    paragraf = next(h for g in result.groups if g.kind == "paragraf" for h in g.hits if h.table == "paragraf")
    assert db.execute("SELECT sammantrade_id FROM paragraf WHERE arende_id = ?",
                      [paragraf.arende_id]).fetchone()[0] == paragraf.sammantrade_id
    assert "boende" in db.execute("SELECT lower(beslut || beskrivning) FROM paragraf WHERE arende_id = ?",
                                  [paragraf.arende_id]).fetchone()[0]
    delegation = next(g for g in result.groups if g.kind == "delegationsbeslut").hits[0]
    assert "boende" in db.execute("SELECT lower(beskrivning || punkt || dnr) FROM delegationsbeslut "
                                  "WHERE id = ?", [delegation.id]).fetchone()[0]
    bilaga = next(g for g in result.groups if g.kind == "bilaga").hits[0]
    fil_id, arende_id = db.execute("SELECT fil_id, arende_id FROM bilaga WHERE id = ?",
                                   [bilaga.id]).fetchone()
    assert bilaga.arende_id == arende_id and bilaga.page >= 1
    assert "boende" in db.execute("SELECT lower(text) FROM bilagefil_sida WHERE fil_id = ? AND sida = ?",
                                  [fil_id, bilaga.page]).fetchone()[0]


def test_overforing_finds_the_capitalised_word(search):
    result = search.search("överföring")
    assert result.total >= 20
    assert all("Överföring" in h.snippet_marked("", "") or "överföring" in h.snippet_marked("", "").lower()
               for h in result.hits)
    assert search.search("overforing").groups == []


def test_each_kind_keeps_its_best_and_counts_all(search):
    result = search.search("av", limit=3)
    assert len(result.groups) >= 5
    for group in result.groups:
        assert len(group.hits) == min(3, group.total)
        ranks = [(h.rank, h.datum or "") for h in group.hits]
        assert [r for r, _ in ranks] == sorted(r for r, _ in ranks)


def test_equal_rank_puts_the_newer_record_first(search, demo_session):
    # The demo's monthly meddelanden "Utskrivningsklara <månad>" rank alike.
    hits = search.search("utskrivningsklara", typ="meddelande", limit=50).hits
    equal = [h for h in hits if h.rank == hits[0].rank]
    assert len(equal) > 1
    assert [h.datum for h in equal] == sorted((h.datum for h in equal), reverse=True)


def test_filters_by_kind_year_and_namnd(search, demo_session):
    everything = search.search("beslut")
    only = search.search("beslut", typ="delegationsbeslut")
    assert [g.kind for g in only.groups] == ["delegationsbeslut"]
    assert only.groups[0].total == next(g for g in everything.groups if g.kind == "delegationsbeslut").total
    year = search.search("beslut", ar=2024)
    assert year.hits and all(h.datum.startswith("2024") for h in year.hits)
    namnd = demo_session.db.execute("SELECT id FROM namnd ORDER BY id").fetchone()[0]
    assert all(h.namnd_id == namnd for h in search.search("beslut", namnd=namnd).hits)
    assert search.search("beslut", namnd=namnd + 1000).groups == []
    with pytest.raises(ValueError, match="Okänd typ"):
        search.search("beslut", typ="protokollet")


def test_dnr_and_paragraf_open_their_meeting(search, demo_session):
    hits = search.search("2022/29").hits
    assert {h.table for h in hits} >= {"arende", "paragraf"}
    for hit in hits:
        assert hit.sammantrade_id is not None and hit.where.endswith(hit.datum)
    paragraf = next(h for h in search.search("§ 16", typ="paragraf").hits if h.table == "paragraf")
    assert demo_session.db.execute("SELECT nummer FROM paragraf WHERE arende_id = ?",
                                   [paragraf.arende_id]).fetchone()[0] == 16


def test_plan_hits_name_their_plan(search, demo_session):
    hits = search.search("hemtjänst*", typ="plan").hits
    assert hits and all(h.plan_id is not None for h in hits)
    titles = {r[0] for r in demo_session.db.execute("SELECT titel FROM verksamhetsplan")}
    assert all(h.where in titles for h in hits)


def test_a_bilaga_attached_is_found_at_its_page(demo_session):
    db = demo_session.db
    arende_id = db.execute("SELECT a.id FROM arende a JOIN sammantrade s ON s.id = a.sammantrade_id "
                           "WHERE s.status = 'planerat' LIMIT 1").fetchone()[0]
    bilaga = demo_session.bilagor.attach(arende_id, make_pdf(3, "Kvalitetsberättelse Zebrafink"), "kb.pdf")
    hits = SearchService(db).search("zebrafink sida 3").hits
    assert [(h.table, h.id, h.page, h.arende_id) for h in hits] == [("bilaga", bilaga.id, 3, arende_id)]
    demo_session.bilagor.remove(bilaga.id)
    assert SearchService(db).search("zebrafink").groups == []


def test_snippet_parts_split_at_the_marks():
    from app.sok.model import Hit

    hit = Hit("arende", "arende", 1, "t", f"a {MARK_START}b{MARK_END} c {MARK_START}d{MARK_END}", None, 0.0)
    assert hit.snippet_parts() == [("a ", False), ("b", True), (" c ", False), ("d", True)]
    assert hit.snippet_marked("<b>", "</b>") == "a <b>b</b> c <b>d</b>"


def test_a_tie_at_the_limit_is_decided_by_date(search):
    everything = search.search("utskrivningsklara", typ="meddelande", limit=200).hits
    tied = [h for h in everything if h.rank == everything[0].rank]
    assert len(tied) > 2
    two = search.search("utskrivningsklara", typ="meddelande", limit=2).hits
    assert [h.id for h in two] == [h.id for h in everything[:2]]
    assert [h.datum for h in two] == sorted((h.datum for h in tied), reverse=True)[:2]


def test_the_newest_of_thousands_tied_are_those_a_full_sort_by_day_gives():
    # Matches of one rank over two source codes of one kind (paragraf: 2 and 3), in the
    # index's rowid order, many on the same day: only the end of each code's run is
    # sorted, which must pick exactly what sorting them all does.
    rng = random.Random(27)
    for _ in range(300):
        rowids = sorted({(code << CODE_SHIFT) + (rng.choice([0, *range(18000, 18000 + rng.randint(1, 40))])
                                                 << DAY_SHIFT) + rng.randint(1, 5000)
                         for code in (2, 3) for _ in range(rng.randint(0, 120))})
        tied = [(-1.5, rowid) for rowid in rowids]
        wanted = rng.randint(1, 12)
        expected = sorted(tied, key=lambda m: (-((m[1] >> DAY_SHIFT) & DAY_MASK), m[1]))[:wanted]
        assert _newest(tied, wanted) == expected
