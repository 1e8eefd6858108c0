"""A hit's snippet: the words around the ones found, marked as the index tokenizes."""

from __future__ import annotations

from app.sok.model import MARK_END, MARK_START
from app.sok.query import terms
from app.sok.snippet import make_snippet


def _marked(text: str, typed: str, width: int = 8) -> str:
    return make_snippet(text, terms(typed), width).replace(MARK_START, "[").replace(MARK_END, "]")


def test_words_fold_case_and_keep_swedish_letters():
    assert _marked("Överföring av medel", "överföring") == "[Överföring] av medel"
    assert _marked("Overforing av medel", "överföring") == "Overforing av medel"


def test_prefix_marks_every_word_it_begins():
    assert _marked("Hemtjänsten och hemtjänstens personal", "hemtjänst*") == (
        "[Hemtjänsten] och [hemtjänstens] personal")


def test_words_found_side_by_side_are_one_mark():
    assert _marked("Dnr VON 2022/29-73 gäller", "2022/29") == "Dnr VON [2022/29]-73 gäller"
    assert _marked("Enligt § 15 i protokollet", "§15") == "Enligt [§ 15] i protokollet"


def test_a_long_text_is_cut_around_the_hits_with_some_words_before():
    text = " ".join(f"ord{n}" for n in range(40)) + " bostadsanpassning " + " ".join(
        f"mer{n}" for n in range(40))
    assert _marked(text, "bostadsanpassning") == "…ord37 ord38 ord39 [bostadsanpassning] mer0 mer1 mer2 mer3…"


def test_no_words_gives_the_text():
    assert _marked("  bara   text ", "annat") == "bara text"
    assert make_snippet("", terms("x")) == ""
