"""The web copy checked by axe-core in headless Chromium: no violations at WCAG 2.1 AA
(tags wcag2a, wcag2aa, wcag21a, wcag21aa) on the demo's pages, and the check itself
finds a violation where there is one."""

from __future__ import annotations

import pytest
from axe_check import missing, run_axe
from publicering_fixtures import au_meeting, justera_with_sekretess

from app.publicering import PubliceringService

pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "axe kan köras")


def test_axe_finds_a_violation_where_there_is_one(tmp_path):
    page = tmp_path / "fel.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="a.png">'
                    "</main></body></html>", encoding="utf-8")
    found = {v["id"] for v in run_axe(page)["violations"]}
    assert {"html-has-lang", "image-alt"} <= found


def test_the_arbetsutskott_copy_has_no_violations(demo_session, tmp_path):
    db = demo_session.db
    result = PubliceringService(db).write(au_meeting(db), tmp_path / "webb")
    for name in ("index.html", "anslag.html", "protokoll.html", "kallelse.html"):
        report = run_axe(tmp_path / "webb" / name)
        assert report["violations"] == [], name
        assert report["passes"] > 5, name
    assert result.notes == ()


def test_the_namnd_copy_with_sekretess_votes_and_bilagor_has_no_violations(demo_session, tmp_path):
    db = demo_session.db
    mid, _secret = justera_with_sekretess(db)
    PubliceringService(db).write(mid, tmp_path / "webb")
    protokoll = (tmp_path / "webb" / "protokoll.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="mitt">Ja</th>' in protokoll and 'href="bilagor/' in protokoll
    for name in ("anslag.html", "protokoll.html", "kallelse.html"):
        assert run_axe(tmp_path / "webb" / name)["violations"] == [], name
    PubliceringService(db).write(mid, tmp_path / "en-fil.html", single_file=True)
    assert run_axe(tmp_path / "en-fil.html")["violations"] == []
