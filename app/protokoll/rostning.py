"""Open votes (omröstning) counted, pure Python.

KL 6 kap 30 §: at equal numbers of ja and nej the ordförande has the casting vote
(utslagsröst): the side the chair voted for wins. A chair who abstained cannot break
the tie; that is reported instead of guessed.
"""

from __future__ import annotations

from app.protokoll.model import ROSTER, Beslutande, Rostresultat, Votering


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def rakna(votering: Votering, beslutande: Beslutande | None = None, organ_namn: str = "") -> Rostresultat:
    """The result of ``votering``; ``beslutande`` (who takes part at the paragraph) gives
    the chair for the casting vote; ``organ_namn`` is used in the sentence."""
    counts = {r: 0 for r in ROSTER}
    for r in votering.roster:
        if r.rost in counts:
            counts[r.rost] += 1
    ja, nej, avstar = counts["ja"], counts["nej"], counts["avstår"]
    subject = organ_namn or "Organet"
    head = (
        f"Omröstningen utfaller med {_plural(ja, 'ja-röst', 'ja-röster')} mot "
        f"{_plural(nej, 'nej-röst', 'nej-röster')}; {avstar} avstår."
    )

    def decided(side: str) -> str:
        meaning = votering.ja_innebar if side == "ja" else votering.nej_innebar
        text = f"{subject} har alltså beslutat enligt {side}-förslaget"
        return text + (f" ({meaning.strip().rstrip('.')})." if meaning.strip() else ".")

    if ja != nej:
        side = "ja" if ja > nej else "nej"
        return Rostresultat(ja, nej, avstar, side, False, "", f"{head} {decided(side)}")
    chair = beslutande.ordforande if beslutande is not None else None
    if ja == 0:
        return Rostresultat(ja, nej, avstar, None, False, "", f"{head} Ingen har röstat ja eller nej.")
    if chair is None:
        return Rostresultat(
            ja,
            nej,
            avstar,
            None,
            False,
            "",
            f"{head} Lika röstetal, och ingen ordförande deltar i beslutet som kan fälla utslag.",
        )
    vote = next((r.rost for r in votering.roster if r.narvaro_id == chair.narvaro_id), None)
    if vote not in ("ja", "nej"):
        return Rostresultat(
            ja,
            nej,
            avstar,
            None,
            False,
            chair.namn_parti,
            f"{head} Lika röstetal, men ordföranden {chair.namn_parti} har inte röstat ja "
            "eller nej och kan inte fälla utslag.",
        )
    text = (
        f"{head} Vid lika röstetal har ordföranden utslagsröst; ordföranden {chair.namn_parti} "
        f"röstade {vote}. {decided(vote)}"
    )
    return Rostresultat(ja, nej, avstar, vote, True, chair.namn_parti, text)
