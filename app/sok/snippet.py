"""A hit's snippet: the words around the ones found, marked.

FTS5's own snippet() would ask the index again for every hit shown (the query parsed
and its doclists searched once per hit); here the stored text of the few hits shown is
read by rowid and marked by the same rule the index tokenizes by (a run of letters and
digits, or §; case folded as ``str.lower()`` folds each word, diacritics kept). A word
of the query marks every occurrence, a prefix every word it begins.

The window shown is the ``width`` words with the most hits, starting at a hit (moved
right to its first hit a window loses none), the earliest of the best, with ``LEAD``
words of context before it (moved back to end at the text's last word, never before its
first); "…" where words are left out; adjacent hits ("2022/29", "§ 16") are marked as one.

Speed: a result shows some sixty hits and a bilaga page has hundreds of words, and
handing every word to Python cost more than the rest of a search. So the hits are found
by one regular expression over the lowered text (built once per query), and words are
counted only between hits and around the window, by regular expressions that step over
many words in one call; counts beyond what can matter to the window are capped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from app.sok.model import MARK_END, MARK_START
from app.sok.query import TOKEN

#: Words shown around the hits.
WIDTH = 16
#: Words kept before the first hit of the window, for context.
LEAD = 3

_ALNUM = re.compile(r"[^\W_]+")
#: str.lower() lowers "Σ" by the letters around it (and "İ" to two characters); every
#: other character by itself. A text holding either is marked word by word.
_SIGMA = "\u03a3"


class _Words:
    """Counting a text's words as TOKEN reads them, many in one regular expression call."""

    __slots__ = ("_ahead", "_between", "_chunk", "_chunks", "_word", "next", "token")

    def __init__(self, word: str, between: str, token: re.Pattern[str], chunk: str = "") -> None:
        #: A word (never split when a longer expression backtracks), what lies between
        #: words (neither letter, digit nor §), a word as TOKEN finds it; and, where \w is
        #: a letter or digit, a run of non-space holding at least one word.
        self._word, self._between, self.token, self._chunk = word, between, token, chunk
        #: Matches where another word follows.
        self.next = re.compile(f"{between}{word}")
        self._ahead: dict[int, re.Pattern[str]] = {}
        self._chunks: dict[int, re.Pattern[str]] = {}

    def ahead(self, count: int) -> re.Pattern[str]:
        """Matches ``count`` words from where it is applied; fails when fewer follow."""
        pattern = self._ahead.get(count)
        if pattern is None:
            pattern = self._ahead[count] = re.compile(f"(?:{self._between}{self._word}){{{count}}}")
        return pattern

    def between_count(self, text: str, start: int, end: int, cap: int) -> int:
        """Words in ``text[start:end]`` (whose ends are word boundaries), at most ``cap``."""
        if end - start > 4 * cap:
            # ``cap`` runs of non-space each holding a word hold ``cap`` words at least,
            # and the simpler expression steps over them faster.
            chunks = self._chunks.get(cap)
            if chunks is None and self._chunk:
                chunks = self._chunks[cap] = re.compile(f"(?:{self._chunk}){{{cap}}}")
            if chunks is not None and chunks.match(text, start, end):
                return cap
            if self.ahead(cap).match(text, start, end):
                return cap
        return min(cap, len(self.token.findall(text, start, end)))


_ANY_WORD = r"(?:[^\W_]++|§)"
#: By whether the text is without "_": there (in most texts) \w is exactly a letter or
#: digit, and the simpler classes run faster.
_WORDS = {
    True: _Words(r"(?:\w++|§)", r"[^\w§]*+", re.compile(r"\w+|§"),
                 r"\s*+(?:[^\w\s§]++\s++)*+[^\w\s§]*+[\w§]\S*+"),
    False: _Words(_ANY_WORD, r"(?:[^\w§]|_)*+", TOKEN),
}


class SnippetMaker:
    """``make_snippet`` for one query's phrases, to be called for each hit's text."""

    __slots__ = ("_finder", "_prefixes", "_section", "_words")

    def __init__(self, phrases: Iterable[tuple[Sequence[str], bool]]) -> None:
        words: set[str] = set()
        prefixes: list[str] = []
        for tokens, prefix in phrases:
            for n, token in enumerate(tokens):
                if prefix and n == len(tokens) - 1:
                    prefixes.append(token.lower())
                else:
                    words.add(token.lower())
        self._words = frozenset(words)
        self._prefixes = tuple(prefixes)
        # The lowered words of a text are runs of letters and digits, or §: a query word
        # of anything else can never be one (lowering keeps a character a letter or
        # digit, or not; tests/sok/test_snippet.py checks every character).
        alnum_words = sorted((w for w in words if _ALNUM.fullmatch(w)), key=len, reverse=True)
        alnum_prefixes = sorted((p for p in prefixes if _ALNUM.fullmatch(p)), key=len, reverse=True)
        self._section = "§" in words or "§" in prefixes
        parts = []
        if "" in prefixes:
            parts.append(_ANY_WORD)  # begins every word
        else:
            if alnum_words:
                parts.append("(?:" + "|".join(map(re.escape, alnum_words)) + r")(?![^\W_])")
            if alnum_prefixes:
                parts.append("(?:" + "|".join(map(re.escape, alnum_prefixes)) + r")[^\W_]*+")
            if self._section:
                parts.append("§")
        self._finder = re.compile("|".join(parts)) if parts else None

    def _hits(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every word of ``text`` the query marks, in order."""
        if not (self._words or self._prefixes):
            return []
        lowered = text.lower()
        if len(lowered) != len(text) or _SIGMA in text:
            words, prefixes = self._words, self._prefixes
            return [m.span() for m in TOKEN.finditer(text)
                    if (token := m.group().lower()) in words or token.startswith(prefixes)]
        if self._finder is None:
            return []
        # Lowered one by one, the characters stay where they were. The finder matches
        # whole words only where one begins; a match starting inside a word lies within
        # that word, so skipping it skips no word's beginning.
        return [m.span() for m in self._finder.finditer(lowered)
                if not (m.start() and lowered[m.start() - 1].isalnum() and text[m.start()] != "§")]

    def __call__(self, text: str, width: int = WIDTH) -> str:
        hits = self._hits(text)
        words = _WORDS["_" not in text]
        if not hits:
            first_word = words.token.search(text)
            if first_word is None:
                return text.strip()
            window = words.ahead(width).match(text, first_word.start())
            return _shown(text, words, first_word.start(), window, False, width, hits, [], 0, 0)
        # Word numbers of the hits counted from the first; a gap of ``cap`` words or more
        # is counted as ``cap``: no window reaches across it, nor LEAD words back.
        cap = max(width, LEAD + 1)
        numbers = [0]
        for (_start, end), (start, _end) in pairwise(hits):
            numbers.append(numbers[-1] + 1 + words.between_count(text, end, start, cap - 1))
        best, most, end = 0, 0, 0
        for i, number in enumerate(numbers):
            while end < len(numbers) and numbers[end] < number + width:
                end += 1
            if end - i > most:
                best, most = i, end - i
        # The window starts LEAD words before the best hit, or earlier so that it ends at
        # the last word, and never before the first word.
        best_start = hits[best][0]
        # Words before the hit are counted backwards, in the reversed text before it (the
        # same words, reversed); mostly the LEAD words are found in a short stretch, when
        # the last one found does not reach the stretch's start.
        before = LEAD
        stretch = text[max(0, best_start - 160):best_start][::-1]
        back = words.ahead(before).match(stretch)
        if back is None or back.end() == len(stretch):
            back = words.ahead(before).match(text[:best_start][::-1])
        window = None
        if back is not None:
            window_start = best_start - back.end()
            window = words.ahead(width).match(text, window_start)
            if window is None:  # fewer than width - LEAD words from the hit on
                before = width - len(words.token.findall(text, best_start))
                back = words.ahead(before).match(text[:best_start][::-1])
                if back is not None:
                    window_start = best_start - back.end()
                    window = words.ahead(width).match(text, window_start)
        if back is None:  # fewer words before the hit: the window starts at the first
            before = len(words.token.findall(text, 0, best_start))
            window_start = words.token.search(text).start()  # type: ignore[union-attr]
            window = words.ahead(width).match(text, window_start)
        cut_before = back is not None and words.token.search(text, 0, window_start) is not None
        return _shown(text, words, window_start, window, cut_before, width, hits, numbers, best,
                      numbers[best] - before)


def _shown(text: str, words: _Words, window_start: int, window: re.Match[str] | None,
           cut_before: bool, width: int, hits: list[tuple[int, int]], numbers: list[int],
           best: int, first: int) -> str:
    """The words from ``window_start`` (numbered ``first`` as the hits are) to the end of
    ``window`` (``width`` words; None: fewer are left), the hits among them marked,
    whitespace made single spaces."""
    if window is not None and words.next.match(text, window.end()):
        window_end, cut_after = window.end(), True
    else:
        window_end, cut_after = len(text), False
    out = ["…" if cut_before else ""]
    position = window_start
    low = best
    while low > 0 and numbers[low - 1] >= first:
        low -= 1
    high = best
    while high < len(hits) and numbers[high] < first + width:
        high += 1
    for n in range(low, high):
        start, end = hits[n]
        if n == low or numbers[n - 1] != numbers[n] - 1:
            out.append(text[position:start])
            out.append(MARK_START)
            position = start
        if n == high - 1 or numbers[n + 1] != numbers[n] + 1:
            out.append(text[position:end])
            out.append(MARK_END)
            position = end
    out.append(text[position:window_end])
    out.append("…" if cut_after else "")
    return " ".join("".join(out).split())


def make_snippet(text: str, phrases: list[tuple[list[str], bool]], width: int = WIDTH) -> str:
    """The snippet of ``text`` for the query's ``phrases`` (as app.sok.query.terms gives);
    a search marks its many hits with one :class:`SnippetMaker`."""
    return SnippetMaker(phrases)(text, width)
