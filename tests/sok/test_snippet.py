"""A hit's snippet: the words around the ones found, marked as the index tokenizes."""

from __future__ import annotations

import random
import sys
from itertools import islice

from app.sok.model import MARK_END, MARK_START
from app.sok.query import TOKEN, terms
from app.sok.snippet import LEAD, WIDTH, make_snippet


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


def test_a_query_word_marks_words_whatever_their_case_and_nothing_inside_words():
    # "_" is no letter: the index reads "av_gift" as two words.
    text = "AV beslutet: avslag av Nämnden, medelav av_gift"
    assert _marked(text, "av", width=16) == "[AV] beslutet: avslag [av] Nämnden, medelav [av]_gift"
    assert _marked(text, "nämnden* av*", width=16) == (
        "[AV] beslutet: [avslag av Nämnden], medelav [av]_gift")


def test_the_window_ends_at_the_last_word_when_the_best_hit_is_near_the_end():
    text = " ".join(f"ord{n}" for n in range(30)) + " beslut slut."
    assert _marked(text, "beslut") == "…ord24 ord25 ord26 ord27 ord28 ord29 [beslut] slut."


# The implementation before the hits were found by one expression over the lowered
# text: every word lowered and looked up. Kept here as the rule the fast one must equal.
def reference_snippet(text: str, phrases: list[tuple[list[str], bool]], width: int = WIDTH) -> str:
    words: set[str] = set()
    prefixes: list[str] = []
    for tokens, prefix in phrases:
        for n, token in enumerate(tokens):
            if prefix and n == len(tokens) - 1:
                prefixes.append(token.lower())
            else:
                words.add(token.lower())
    found = [token.lower() for token in TOKEN.findall(text)]
    if not found:
        return text.strip()
    if prefixes:
        starts = tuple(prefixes)
        hits = [n for n, token in enumerate(found) if token in words or token.startswith(starts)]
    else:
        hits = [n for n, token in enumerate(found) if token in words]
    first = 0
    if len(found) > width and hits:
        best, most, end = hits[0], 0, 0
        for i, hit in enumerate(hits):
            while end < len(hits) and hits[end] < hit + width:
                end += 1
            if end - i > most:
                best, most = hit, end - i
        first = max(0, min(best - LEAD, len(found) - width))
    last = min(len(found), first + width)
    marked = set(hits)
    spans = [m.span() for m in islice(TOKEN.finditer(text), last)]
    out = ["…" if first else ""]
    position = spans[first][0]
    for n in range(first, last):
        start, end = spans[n]
        hit = n in marked
        if hit and not (n > first and n - 1 in marked):
            out.append(text[position:start] + MARK_START)
        else:
            out.append(text[position:start])
        out.append(text[start:end])
        if hit and not (n + 1 < last and n + 1 in marked):
            out.append(MARK_END)
        position = end
    out.append("…" if last < len(found) else text[position:])
    return " ".join("".join(out).split())


_VOCABULARY = [
    "beslut", "Beslutet", "BESLUTADE", "nämnden", "Nämnd", "NÄMNDENS", "hemtjänst",
    "Hemtjänsten", "överföring", "Överföring", "ÖVERFÖRINGAR", "åtgärd", "Åtgärder", "ärende",
    "Ärendet", "av", "AV", "avslag", "medel", "och", "i", "§", "§§", "§15", "16", "15", "2022",
    "29", "2022/29", "2022/29-73", "VON", "Dnr", "dnr:", "5.1", "x", "a", "å", "ä", "ö", "Å",
    "Ä", "Ö", "e-post", "bo_stad", "–", "-", "/", ",", ".", ":", "(", ")", "\"", "'", "*",
]
#: Characters str.lower() lowers unlike the rest ("İ" to two, "Σ" by its neighbours) or
#: that other case rules fold ("ſ", the Kelvin sign, "ß", "ǅ"), a decomposed "é", digits
#: of other scripts, odd whitespace: in some texts only, so that most take the fast way.
_ODD_WORDS = ["İstanbul", "ΑΣ", "ας", "ΣΑ", "ſ", "\u212a", "ß", "ǅ", "é", "e\u0301", "٣", "²",
              "½", "\u00a0", "\x1c"]
_SPACES = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "", " \u00a0 "]
_QUERY_WORDS = [
    "beslut", "besl*", "NÄMND*", "nämnden", "hemtjänst*", "överföring", "Å", "ä*", "av", "a*",
    "§15", "§ 16", "§", "2022/29", "VON 2022/29-73", "5.1", "\"och i\"", "\"av medel\"", "29",
    "dnr", "İstanbul", "ας", "ΑΣ*", "s", "k*", "\u212a", "ſ*", "ss", "é", "*", "bo_stad", "e-post", "٣", "2",
]


def _random_text(rng: random.Random) -> str:
    length = rng.choice([0, 1, 2, 5, 8, 12, 16, 17, 20, 40, 75, 150, 400])
    vocabulary = _VOCABULARY + _ODD_WORDS if rng.random() < 0.2 else _VOCABULARY
    parts = [rng.choice(_SPACES) if rng.random() < 0.3 else ""]
    for _ in range(length):
        parts.append(rng.choice(vocabulary))
        parts.append(rng.choice(_SPACES))
    return "".join(parts)


def _random_phrases(rng: random.Random) -> list[tuple[list[str], bool]]:
    if rng.random() < 0.1:  # phrases as a caller might hand them, not only as terms() does
        words = _VOCABULARY + _ODD_WORDS + [""]
        return [([rng.choice(words) for _ in range(rng.randint(1, 3))], rng.random() < 0.5)
                for _ in range(rng.randint(0, 3))]
    query = " ".join(rng.choice(_QUERY_WORDS) for _ in range(rng.randint(1, 4)))
    return terms(query, prefix_last=rng.random() < 0.3)


def test_the_snippet_equals_the_word_by_word_rule_for_random_texts_and_queries():
    rng = random.Random(20240611)
    marked = 0
    for _ in range(6000):
        text, phrases = _random_text(rng), _random_phrases(rng)
        width = rng.choice([16, 16, 16, 8, rng.randint(1, 20)])
        expected = reference_snippet(text, phrases, width)
        assert make_snippet(text, phrases, width) == expected, (text, phrases, width)
        marked += MARK_START in expected
    assert marked > 2000  # the texts hold many hits, not only misses


def test_lowering_keeps_each_character_a_letter_or_digit_or_not():
    # The hits are found in text.lower() with the index's word boundaries read there;
    # that holds when str.lower() keeps the length (else the text is marked word by word)
    # and lowers no character into or out of a word.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if len(lowered) == 1:
            assert lowered.isalnum() == char.isalnum(), hex(code)
            assert (lowered in "§_") == (char in "§_"), hex(code)
