"""A hit's snippet: app.sok.snippet.make_snippet against the word-by-word rule it
replaced (kept as ``reference_snippet`` in tests/sok/test_snippet.py), in the same run.

    .venv/bin/python bench/snippet.py [--runs 7]

Texts of 75 words (a paragraf's beslut) and 400 words (a bilaga page) drawn with a fixed
seed from the domain's words, numbers, Dnr and punctuation, searched for a word found
three times, for a Dnr and a prefix, for a word found nowhere (the hit was in the title
or the Dnr column), and for a word found everywhere. Printed: µs per call, the best of
``--runs`` runs, for both and their ratio (``make_snippet`` builds its matcher at every
call); and the new one through a SnippetMaker built once per query (what a search does
for its sixty hits).

Goal: the SnippetMaker (as a search marks its hits) ≤ 1/3 of the old on the 75- and
400-word texts, with hits and without.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.sok.query import terms  # noqa: E402
from app.sok.snippet import SnippetMaker, make_snippet  # noqa: E402

WORDS = (
    "nämnden beslutar att godkänna förvaltningens förslag till yttrande och överlämna det "
    "till kommunstyrelsen ärendet gäller ansökan om bistånd enligt socialtjänstlagen kap 4 "
    "§ 1 i form av insatser i ordinärt boende beslutet fattas med stöd av delegation från "
    "vård- och omsorgsnämnden Dnr VON 2021/118 yrkanden ordföranden föreslår bifall "
    "budget 2023 verksamhetsplan uppföljning av internkontroll enligt plan 12,5 mnkr "
    "äldreomsorg särskilt boende korttidsplats: beviljas, avslås – se bilaga 3."
).split()


def text(rng: random.Random, length: int, inserted: dict[int, str]) -> str:
    words = [inserted.get(n) or rng.choice(WORDS) for n in range(length)]
    lines = [" ".join(words[n:n + 12]) for n in range(0, length, 12)]
    return "\n".join(lines)


def reference():
    spec = importlib.util.spec_from_file_location("snippet_reference", ROOT / "tests/sok/test_snippet.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.reference_snippet


def best_time(call, runs: int) -> float:
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return min(timer.repeat(runs, number)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    reference_snippet = reference()
    rng = random.Random(1)
    cases = []
    for length in (75, 400):
        three = {length // 5: "Hemtjänst", length // 2: "hemtjänst", length - 9: "HEMTJÄNST"}
        dnr = {length // 3: "2022/29-73", length // 3 + 2: "bostadsanpassning"}
        cases += [
            (f"{length} words, 3 hits", text(rng, length, three), "hemtjänst"),
            (f"{length} words, Dnr and prefix", text(rng, length, dnr), "2022/29 bostad*"),
            (f"{length} words, no hit", text(rng, length, {}), "hemtjänst"),
            (f"{length} words, hits everywhere", text(rng, length, {}), "och"),
        ]
    print(f"{'case':34s} {'old µs':>8s} {'new µs':>8s} {'old/new':>8s} {'maker µs':>9s} {'old/maker':>9s}")
    for name, body, typed in cases:
        phrases = terms(typed)
        assert make_snippet(body, phrases) == reference_snippet(body, phrases), name
        maker = SnippetMaker(phrases)
        old = best_time(lambda body=body, phrases=phrases: reference_snippet(body, phrases), args.runs)
        new = best_time(lambda body=body, phrases=phrases: make_snippet(body, phrases), args.runs)
        made = best_time(lambda body=body, maker=maker: maker(body), args.runs)
        print(f"{name:34s} {old:8.1f} {new:8.1f} {old / new:8.1f} {made:9.1f} {old / made:9.1f}")


if __name__ == "__main__":
    main()
