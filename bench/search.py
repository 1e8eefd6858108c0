"""Search: a kommun's ten-year archive in one file, searched through the program's
service beside the same queries as bare FTS5 SQL (the floor) and as LIKE.

    .venv/bin/python bench/search.py [--rows 1000000] [--runs 5] [--keep FIL]

The archive (a temp file unless ``--keep``): eight nämnder with a nämnd and an
arbetsutskott each, eleven meetings a year for ten years, 25 ärenden a meeting with
their paragrafer and some yrkanden and reservationer, delegationsbeslut, meddelanden, ej
verkställda beslut, plans and budget rows, and bilagor of ten pages each, in the
proportions of the registers' exports; ``--rows`` searchable records in all (the
bilaga pages are half a page of text each, the largest part of the index). Texts are
drawn from a Zipf-distributed vocabulary of invented words and the domain's own words,
so a common word ("beslut") matches hundreds of thousands of rows and a rare one a few.
Every table is written with batch inserts in one transaction.

Printed: the index build time (filling ``sok`` from the records already there, as the
migration does for an existing file, plus the page texts indexed as they are stored),
the file size without and with the index, and for 20 typical queries the p50 and p95
of the median of ``--runs`` runs each:

* the service, ``SearchService.search(text)``: the best 10 of each kind (its default)
  with the count of each kind, the newer first on equal rank, snippets and where each
  hit opens;
* the floor, the same FTS5 query as bare SQL: ``SELECT rowid FROM sok WHERE sok MATCH ?
  ORDER BY rank LIMIT 20`` (the best 20 of all, no snippets);
* the same with snippets: ``SELECT rowid, snippet(sok, -1, …) … ORDER BY rank LIMIT 20``
  (what a bare result page of the best 20 of all costs);
* LIKE ``'%word%'`` for each word over the same texts, finding every match (as a list's
  filter does: LIKE cannot rank, so the best 20 need them all); one run, it reads the
  whole table.

Goal: the service's p50 ≤ 20 ms and ≤ 1.5 × the floor's.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from app.sok.query import fts_query, tokens  # noqa: E402
from app.sok.service import SearchService  # noqa: E402
from db import migrations  # noqa: E402
from db.connection import APPLICATION_ID  # noqa: E402
from db.migrations import m0018_sok, m0027_sok_dagordning  # noqa: E402

#: The index as it is searched: m0018's, numbered by day since m0027.
SEARCH_VERSION = 27
RECORDS_VERSION = 17
YEARS = range(2016, 2026)
NAMNDER = ["VON", "SN", "BUN", "KFN", "MBN", "TN", "KS", "ÖFN"]
MEETINGS_A_YEAR = 11
ARENDEN_A_MEETING = 25
PAGES_A_BILAGA = 10
#: Shares of the searchable records besides ärenden and paragrafer (which follow from
#: the meetings) — delegationsbeslut dominate, as in the registers' real exports.
SHARES = {"delegationsbeslut": 0.60, "meddelande": 0.08, "ej_verkstallt": 0.008, "bilaga_sida": 0.22}

DOMAIN = ("hemtjänst hemtjänsten hemtjänstens boende särskilt bostadsanpassning bostadsanpassningsbidrag "
          "alkoholservering alkoholservice serveringstillstånd färdtjänst äldreomsorg äldreomsorgen "
          "överföring investeringsmedel budgetuppföljning delårsrapport riktlinjer ekonomiskt bistånd "
          "utskrivningsklara LSS SoL korttidsboende daglig verksamhet kvalitet kvalitetsberättelse "
          "nämnden beslutar att godkänna anta förslaget informationen läggs till handlingarna beslut "
          "yrkande reservation avslag bifall återremiss ärendet förvaltningen socialchefen "
          "verksamhetsplan mål mått nyckeltal risk åtgärd personal rekrytering sjuksköterskor "
          "vård omsorg barn unga skola förskola kultur fritid miljö bygglov trafik väg gata").split()


def vocabulary(rng: random.Random, size: int = 30_000) -> tuple[list[str], list[float]]:
    """Invented Swedish-looking words and the domain's, with Zipf weights (cumulative)."""
    syllables = ("ba be bo da de fa fö ga gö ha he jä ka kä la lö ma mö na ne på ra rä sa sä ta tö va vä å ö "
                 "st ng rk lt nd ll tt").split()
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))))
    invented = sorted(words)
    rng.shuffle(invented)
    # The everyday words first (the most common), then the domain's words spread over
    # ranks 20 to 2 000 among invented ones: each found in hundreds to thousands of texts.
    ordered = ["att", "och", "i", "av", "för", "beslut", "nämnden", "till", "om", "som", *invented]
    domain = [w for w in DOMAIN if w not in ordered[:10]]
    for n, word in enumerate(domain):
        ordered.insert(20 + n * 2000 // len(domain), word)
    return ordered, list(accumulate(1.0 / (rank + 1) for rank in range(len(ordered))))


def a_day(rng: random.Random) -> str:
    return f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class Texts:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words, self.cum = vocabulary(rng)

    def __call__(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))


def build_archive(conn: sqlite3.Connection, rows: int, rng: random.Random) -> dict[str, int]:
    """Every source table filled, in one transaction; returns the records per kind."""
    text = Texts(rng)
    meetings = len(NAMNDER) * 2 * MEETINGS_A_YEAR * len(YEARS)
    arenden = meetings * ARENDEN_A_MEETING
    rest = max(0, rows - 2 * arenden - arenden // 3)
    counts = {"arende": arenden, "paragraf": arenden, "anforande": arenden // 3}
    counts |= {kind: int(rest * share / sum(SHARES.values())) for kind, share in SHARES.items()}
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO namnd (id, namn, kortnamn) VALUES (?, ?, ?)",
                     [(n, f"Nämnd {k}", k) for n, k in enumerate(NAMNDER, start=1)])
    conn.executemany("INSERT INTO organ (id, namnd_id, namn, typ, kortnamn) VALUES (?, ?, ?, ?, ?)",
                     [(2 * n - 1 + au, n, f"{k} {'au' if au else 'nämnd'}",
                       "arbetsutskott" if au else "nämnd", f"{k}{'AU' if au else ''}")
                      for n, k in enumerate(NAMNDER, start=1) for au in (0, 1)])
    meeting_rows, mid = [], 0
    for organ in range(1, 2 * len(NAMNDER) + 1):
        for year in YEARS:
            for month in range(1, MEETINGS_A_YEAR + 1):
                mid += 1
                day = f"{year}-{month + (month > 6):02d}-{rng.randint(1, 28):02d}"  # no meeting in July
                meeting_rows.append((mid, organ, day))
    conn.executemany("INSERT INTO sammantrade (id, organ_id, datum, status, skapad) "
                     "VALUES (?, ?, ?, 'genomfört', '2016-01-01')", meeting_rows)
    conn.executemany(
        "INSERT INTO arende (id, sammantrade_id, position, rubrik, dnr, forslag_till_beslut, beskrivning) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((a, (a - 1) // ARENDEN_A_MEETING + 1, (a - 1) % ARENDEN_A_MEETING + 1, text(6),
          f"{NAMNDER[(a * 7) % len(NAMNDER)]} {rng.choice(YEARS)}/{rng.randint(1, 400)}-{rng.randint(1, 99)}",
          f"<p>{text(20)}</p>", f"<p>{text(40)}</p><ul><li>{text(6)}</li></ul>")
         for a in range(1, arenden + 1)))
    conn.executemany(
        "INSERT INTO paragraf (arende_id, sammantrade_id, nummer, beslut) VALUES (?, ?, ?, ?)",
        ((a, (a - 1) // ARENDEN_A_MEETING + 1, (a - 1) % ARENDEN_A_MEETING + 1, f"<p>{text(40)}</p>")
         for a in range(1, arenden + 1)))
    conn.executemany(
        "INSERT INTO anforande (arende_id, slag, position, namn, text) VALUES (?, ?, 1, 'Ledamot', ?)",
        ((rng.randint(1, arenden), rng.choice(("yrkande", "reservation", "protokollsanteckning")), text(30))
         for _ in range(counts["anforande"])))
    conn.executemany(
        "INSERT INTO delegationsbeslut (namnd_id, datum, beskrivning, dnr, punkt, delegat, skapad) "
        "VALUES (?, ?, ?, ?, ?, ?, '2016-01-01')",
        ((rng.randint(1, len(NAMNDER)), a_day(rng), text(10), f"{rng.choice(YEARS)}/{rng.randint(1, 900)}",
          f"{rng.randint(1, 9)}.{rng.randint(1, 9)}", "Biståndshandläggare")
         for _ in range(counts["delegationsbeslut"])))
    conn.executemany(
        "INSERT INTO meddelande (namnd_id, dnr, rubrik, inkom, avsandare, skapad) "
        "VALUES (?, ?, ?, ?, ?, '2016-01-01')",
        ((rng.randint(1, len(NAMNDER)), f"{rng.choice(YEARS)}/{rng.randint(1, 900)}-73", text(8), a_day(rng),
          "Inspektionen för vård och omsorg") for _ in range(counts["meddelande"])))
    conn.executemany(
        "INSERT INTO ej_verkstallt_beslut (namnd_id, insats, lag, beslutsdatum, kon, orsak, orsak_text, "
        "skapad) VALUES (?, ?, ?, ?, ?, 1, ?, '2016-01-01')",
        ((rng.randint(1, len(NAMNDER)),
          rng.choice(("Särskilt boende", "Korttidsboende", "Daglig verksamhet")),
          rng.choice(("SoL", "LSS")), f"{rng.choice(YEARS)}-01-15", rng.choice("KM"), text(5))
         for _ in range(counts["ej_verkstallt"])))
    plans = [(p, (p - 1) % len(NAMNDER) + 1, f"Verksamhetsplan {text(2)}", YEARS[0] + (p - 1) // len(NAMNDER))
             for p in range(1, len(NAMNDER) * len(YEARS) + 1)]
    conn.executemany("INSERT INTO verksamhetsplan (id, namnd_id, titel, forsta_ar, skapad) "
                     "VALUES (?, ?, ?, ?, '2016-01-01')", plans)
    conn.executemany("INSERT INTO namndmal (plan_id, text, syfte) VALUES (?, ?, ?)",
                     ((p[0], text(12), text(20)) for p in plans for _ in range(20)))
    conn.executemany("INSERT INTO plan_risk (plan_id, risk, sannolikhet, konsekvens, atgard) "
                     "VALUES (?, ?, 3, 3, ?)",
                     ((p[0], text(6), text(12)) for p in plans for _ in range(10)))
    conn.executemany("INSERT INTO verksamhet (namnd_id, kod, namn) VALUES (?, ?, ?)",
                     ((n, str(k), text(3)) for n in range(1, len(NAMNDER) + 1) for k in range(40)))
    bilagor = counts["bilaga_sida"] // PAGES_A_BILAGA
    counts["bilaga_sida"] = bilagor * PAGES_A_BILAGA
    conn.executemany("INSERT INTO bilagefil (id, sha256, storlek, data) VALUES (?, ?, 1, x'25')",
                     ((f, f"{f:064x}") for f in range(1, bilagor + 1)))
    conn.executemany(
        "INSERT INTO bilaga (id, arende_id, position, titel, filnamn, sidor, fil_id, pdfa_niva, pdfa_ok, "
        "tillagd) VALUES (?, ?, 1, ?, 'b.pdf', ?, ?, '2b', 1, '2016-01-01')",
        ((b, rng.randint(1, arenden), text(4), PAGES_A_BILAGA, b) for b in range(1, bilagor + 1)))
    conn.execute("COMMIT")
    counts |= {"plan": len(plans) * 31, "budget": len(NAMNDER) * 40}
    return counts


def build_index(conn: sqlite3.Connection, pages: int, rng: random.Random) -> tuple[float, float]:
    """The index migrations' work on this file, timed: the index over the records (as for
    an existing file: m0018's table of page texts, then the index as m0027 numbers it) and
    the page texts stored and indexed (as bilagor attached)."""
    text = Texts(rng)
    started = time.perf_counter()
    conn.execute("BEGIN")
    m0018_sok.create_index(conn)
    m0027_sok_dagordning.drop_index(conn)
    m0027_sok_dagordning.create_index(conn)
    m0027_sok_dagordning.fill_index(conn)
    conn.execute("COMMIT")
    records = time.perf_counter() - started
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO bilagefil_sida (fil_id, sida, text) VALUES (?, ?, ?)",
                     (((n // PAGES_A_BILAGA) + 1, n % PAGES_A_BILAGA + 1, text(75)) for n in range(pages)))
    conn.execute("COMMIT")
    # The search's tables as of SEARCH_VERSION; the others of the versions between are not
    # made (search does not read them).
    conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'sok', '2026-01-01')",
                 [SEARCH_VERSION])
    conn.execute(f"PRAGMA user_version = {SEARCH_VERSION}")
    return records, time.perf_counter() - started


QUERIES = ["hemtjänst*", "bostadsanpassning", "överföring investeringsmedel", "alkoholservering",
           "2021/29", "VON 2021/144-73", "§ 15", "riktlinjer alkoholservice", "beslut", '"särskilt boende"',
           "färdtjänst", "budgetuppföljning delårsrapport", "utskrivningsklara", "LSS daglig verksamhet",
           "kvalitet*", "äldreomsorg*", "ekonomiskt bistånd", "sjuksköterskor rekrytering", "bygglov",
           "nämnden beslutar att godkänna"]


def timed(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def like(conn: sqlite3.Connection, text: str) -> int:
    """How many stored texts hold every word of ``text`` (LIKE: A–Z folded only)."""
    words = [w for w in tokens(text.replace("*", "")) if w != "§"] or [text]
    where = " AND ".join("(c3 LIKE ? OR c4 LIKE ?)" for _ in words)
    params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
    return conn.execute(f"SELECT count(*) FROM sok_content WHERE {where}", params).fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="FIL", help="keep the archive in FIL (must not exist)")
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "arkiv.nkdb"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrations.migrate(conn, APPLICATION_ID, target=RECORDS_VERSION)
        started = time.perf_counter()
        counts = build_archive(conn, args.rows, rng)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_without = path.stat().st_size
        kinds = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        print(f"Arkiv: {sum(counts.values()):,} sökbara poster ({kinds}), skrivet på "
              f"{time.perf_counter() - started:.0f} s; filen {size_without / 2**20:,.0f} MB utan index")
        records, pages = build_index(conn, counts["bilaga_sida"], rng)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_with = path.stat().st_size
        indexed = conn.execute("SELECT count(*) FROM sok").fetchone()[0]
        print(f"Index: {indexed:,} rader; posterna indexerade på {records:.1f} s, bilagornas "
              f"{counts['bilaga_sida']:,} sidtexter sparade och indexerade på {pages:.1f} s; filen "
              f"{size_with / 2**20:,.0f} MB med index och sidtexter ({size_with / size_without:.2f} × utan)")
        conn.close()

        db = Database(sqlite3.connect(path))
        service = SearchService(db)
        floor_sql = "SELECT rowid FROM sok WHERE sok MATCH ? ORDER BY rank LIMIT 20"
        page_sql = ("SELECT rowid, snippet(sok, -1, '[', ']', '…', 16) FROM sok WHERE sok MATCH ? "
                    "ORDER BY rank LIMIT 20")
        ours, floor, pages, likes = [], [], [], []
        print(f"{'Fråga':<32} {'träffar':>9} {'tjänsten':>9} {'FTS5':>8} {'+snippet':>9} {'LIKE':>9}")
        for text in QUERIES:
            query = fts_query(text)
            service.search(text)  # warm the page cache for both alike
            ours.append(timed(lambda t=text: service.search(t), args.runs))
            floor.append(timed(lambda q=query: db.execute(floor_sql, [q]).fetchall(), args.runs))
            pages.append(timed(lambda q=query: db.execute(page_sql, [q]).fetchall(), args.runs))
            likes.append(timed(lambda t=text: like(db.conn, t), 1))
            total = service.search(text).total
            print(f"{text:<32} {total:>9,} {ours[-1] * 1000:>7.1f} ms {floor[-1] * 1000:>6.1f} ms "
                  f"{pages[-1] * 1000:>6.1f} ms {likes[-1] * 1000:>7.0f} ms")
        (o50, o95), (f50, f95) = percentiles(ours), percentiles(floor)
        (p50, p95), (l50, l95) = percentiles(pages), percentiles(likes)
        print(f"Tjänsten p50 {o50 * 1000:.1f} ms, p95 {o95 * 1000:.1f} ms; bar FTS5 p50 {f50 * 1000:.1f} ms, "
              f"p95 {f95 * 1000:.1f} ms; med snippet p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms; "
              f"LIKE p50 {l50 * 1000:.0f} ms, p95 {l95 * 1000:.0f} ms")
        print(f"Kvot tjänsten/FTS5: p50 {o50 / f50:.2f}, p95 {o95 / f95:.2f}; mot FTS5 med snippet: "
              f"p50 {o50 / p50:.2f}, p95 {o95 / p95:.2f} (mål: p50 ≤ 20 ms och ≤ 1,5)")
        db.conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
