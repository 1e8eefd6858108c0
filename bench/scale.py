"""Scale: a ten-year archive of a nämnd – eleven meetings a year with some 29 MB of
bilagor each, and 500 000 register rows – in one database file of more than 3 GB.

    .venv/bin/python bench/scale.py --folder /tmp/nk-scale [--gb 3.2] [--keep] [--only paint backup days]

Prints

* how long building the file took and how big it is;
* open to first paint of the main window on the archive, beside the demo database and a
  bare QMainWindow started and measured the same way (bench/startup.py's subprocess runs);
* the automatic backup at opening on the archive: how long it took, and the longest stall
  of the GUI event loop while it ran (a timer due every 5 ms, in the same window; the
  window's longest stall while idle for as long is printed beside it);
* the disk used by backups after 30 simulated days: the program clock (app/clock.py) is
  set to each day in turn and the window's automatic backup (app/backup.py
  ``automatic_backup``, with the default settings) runs as it would at that day's first
  opening.

Check the free space first (``df -h``): the archive, a copy being taken and the copies
kept under the default disk limit need some 20 GB. The folder is removed at the end
unless ``--keep``.

The bilagor are cheap to make: each is a valid one-page PDF whose file is filled up by an
unreferenced stream of random bytes (what a scanned document weighs), so that every
bilaga is a different file (bilagefil is unique by SHA-256) and nothing compresses.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import startup  # noqa: E402  (bench/startup.py: the first-paint measurement)

from app import clock  # noqa: E402

YEARS = 10
MEETINGS_PER_YEAR = 11  # no meeting in July
ARENDEN_PER_MEETING = 8
BILAGOR_PER_MEETING = 7
REGISTER_ROWS = 500_000
MB = 1024 * 1024
PARTS = ["paint", "backup", "days"]
GB = 1024 * MB


def bilaga_pdf(n: int, size: int, rng: random.Random) -> bytes:
    """A valid one-page PDF of about ``size`` bytes: "Bilaga n" on the page, and the
    rest an unreferenced stream of random bytes that readers skip."""
    content = f"BT /F1 14 Tf 72 760 Td (Bilaga {n}) Tj ET".encode()
    filler = rng.randbytes(max(0, size - 1200))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NAMNDKANSLI_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT)
    return env


def make_demo(path: Path, data_dir: Path) -> None:
    subprocess.run([sys.executable, "-c", startup.PROGRAM, "--db", str(path), "demo"],
                   env=_environment(data_dir), cwd=ROOT, check=True, capture_output=True)


def build_archive(path: Path, data_dir: Path, total_bytes: int, demo: Path | None = None) -> dict[str, int]:
    """The demo database (``demo``, or one made now), then ten years of meetings with
    bilagor and the registers, written with plain SQL in one transaction per meeting
    (minutes, not hours)."""
    if demo is not None:
        shutil.copy(demo, path)
    else:
        make_demo(path, data_dir)
    rng = random.Random(2024)
    conn = sqlite3.connect(path, isolation_level=None)
    # Building needs no crash safety; the file ends in WAL mode like every program file.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    organ_id, namnd_id = conn.execute("SELECT id, namnd_id FROM organ ORDER BY id LIMIT 1").fetchone()
    last_year = clock.today().year - 1
    meetings = [(year, month) for year in range(last_year - YEARS + 1, last_year + 1)
                for month in range(1, 13) if month != 7]
    per_bilaga = total_bytes // (len(meetings) * BILAGOR_PER_MEETING)
    counts = {"sammanträden": 0, "ärenden": 0, "bilagor": 0, "register": 0}
    n = 0
    for year, month in meetings:
        day = date(year, month, 20).isoformat()
        conn.execute("BEGIN")
        mid = conn.execute(
            "INSERT INTO sammantrade (organ_id, datum, starttid, plats, status, skapad) "
            "VALUES (?, ?, '14:15', 'Nämndsalen', 'genomfört', ?)",
            [organ_id, day, f"{day}T09:00:00"]).lastrowid
        arenden = []
        for position in range(1, ARENDEN_PER_MEETING + 1):
            arenden.append(conn.execute(
                "INSERT INTO arende (sammantrade_id, position, rubrik, dnr) VALUES (?, ?, ?, ?)",
                [mid, position, f"Ärende {position} vid sammanträdet {day}", f"VON {year}/{n + position}"]
            ).lastrowid)
        for b in range(BILAGOR_PER_MEETING):
            n += 1
            data = bilaga_pdf(n, per_bilaga, rng)
            fil = conn.execute("INSERT INTO bilagefil (sha256, storlek, data) VALUES (?, ?, ?)",
                               [hashlib.sha256(data).hexdigest(), len(data), data]).lastrowid
            conn.execute(
                "INSERT INTO bilaga (arende_id, position, titel, datum, filnamn, sidor, fil_id, pdfa_niva, "
                "pdfa_ok, tillagd) VALUES (?, ?, ?, ?, ?, 1, ?, '2b', 0, ?)",
                [arenden[b % len(arenden)], b // len(arenden) + 1, f"Underlag {n}", day, f"underlag-{n}.pdf",
                 fil, f"{day}T10:00:00"])
        conn.execute("COMMIT")
        counts["sammanträden"] += 1
        counts["ärenden"] += len(arenden)
        counts["bilagor"] += BILAGOR_PER_MEETING
    start = date(last_year - YEARS + 1, 1, 1)

    def beslut(i: int):
        day = (start + timedelta(days=i % (YEARS * 365))).isoformat()
        return (namnd_id, "beslut", day, "Biståndshandläggare", "3.1", f"Beslut om bistånd nr {i + 1}",
                f"VON {day[:4]}/{i + 1}", int(day[:4]), i + 1, f"{day}T12:00:00")

    def meddelande(i: int):
        day = (start + timedelta(days=i % (YEARS * 365))).isoformat()
        return (namnd_id, f"VON {day[:4]}/{i + 1}", int(day[:4]), i + 1, f"Meddelande nr {i + 1}", day,
                "Region Sörmland", f"{day}T12:00:00")

    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO delegationsbeslut (namnd_id, form, datum, delegat, punkt, beskrivning, dnr, dnr_ar, "
        "dnr_nr, skapad) VALUES (?,?,?,?,?,?,?,?,?,?)", (beslut(i) for i in range(REGISTER_ROWS * 4 // 5)))
    conn.executemany(
        "INSERT INTO meddelande (namnd_id, dnr, dnr_ar, dnr_nr, rubrik, inkom, avsandare, skapad) "
        "VALUES (?,?,?,?,?,?,?,?)", (meddelande(i) for i in range(REGISTER_ROWS // 5)))
    conn.execute("COMMIT")
    counts["register"] = REGISTER_ROWS
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="a folder with some 20 GB free")
    parser.add_argument("--gb", type=float, default=3.2, help="size of the bilagor together (GB)")
    parser.add_argument("--keep", action="store_true", help="keep the folder afterwards")
    parser.add_argument("--demo", type=Path, help="a demo database to start from (default: made now)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS, help="measure only these")
    options = parser.parse_args()
    folder = options.folder
    folder.mkdir(parents=True, exist_ok=True)
    data_dir = folder / "data"
    archive = folder / "arkiv.nkdb"
    try:
        if not archive.exists():
            t = time.perf_counter()
            counts = build_archive(archive, data_dir, int(options.gb * GB), options.demo)
            size = archive.stat().st_size / GB
            print(f"Built {archive} in {time.perf_counter() - t:.0f} s: {size:.2f} GB, "
                  + ", ".join(f"{v} {k}" for k, v in counts.items()), flush=True)
        if options.build_only:
            return 0
        return measure(folder, archive, data_dir, options.only)
    finally:
        if not options.keep and not options.build_only:
            shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path, archive: Path, data_dir: Path, parts: list[str]) -> int:
    if "paint" in parts:
        measure_first_paint(archive, data_dir)
    if "backup" in parts:
        measure_window_backup(archive, folder / "data-fönster")
    if "days" in parts:
        measure_thirty_days(archive, folder / "data-30-dagar")
    return 0


def _seconds(values: list[float]) -> str:
    return f"median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"


def measure_first_paint(archive: Path, data_dir: Path, runs: int = 3) -> None:
    """Subprocess start to first paint (and to the first area painted), as bench/startup.py
    measures it, for a bare window, the demo and the archive, interleaved."""
    env = startup._environment(data_dir)
    demo = data_dir / "demo.nkdb"
    if not demo.exists():
        make_demo(demo, data_dir)
    cases = {"Bare QMainWindow": ["-c", startup.BARE_WINDOW],
             "Nämndkansli, demo": ["-c", startup.PROGRAM, "gui", str(demo)],
             f"Nämndkansli, archive ({archive.stat().st_size / GB:.1f} GB)": ["-c", startup.PROGRAM, "gui",
                                                                           str(archive)]}
    for args in cases.values():  # warms the file cache and the bytecode cache
        startup.time_to_paint(args, env)
    painted: dict[str, list[float]] = {name: [] for name in cases}
    ready: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, args in cases.items():
            times = startup.time_to_paint(args, env)
            painted[name].append(times["painted"])
            ready[name].append(times.get("ready", times["painted"]))
    print("Open to first paint (process start, offscreen, file cache warm):")
    for name in cases:
        print(f"  {name:<34} first paint {_seconds(painted[name])}; first area {_seconds(ready[name])}")


def measure_window_backup(archive: Path, data_dir: Path) -> None:
    """The window's automatic backup on the archive, in the running window: its time, and
    the GUI event loop's longest stall meanwhile (a timer due every 5 ms) beside the
    longest stall of the idle window over as long a time."""
    os.environ["NAMNDKANSLI_DATA_DIR"] = str(data_dir)
    from PySide6.QtCore import QEvent, QEventLoop, QTimer

    from app import backup
    from app.session import Session
    from ui import main_window
    from ui.application import make_application

    main_window.BACKUP_DELAY_MS = 24 * 3600 * 1000  # started by hand below, once the window is idle
    app = make_application()
    window = main_window.MainWindow(Session.open(archive))
    window.resize(1280, 720)
    window.show()
    ticks: list[float] = []
    meter = QTimer()
    meter.setInterval(5)
    meter.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def run_until(done, timeout: float) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        deadline = time.perf_counter() + timeout

        def check() -> None:
            # A slot that returns nothing: PySide 6 mishandles a bool returned by a slot
            # (the process then dies at exit with "bool_dealloc").
            if done() or time.perf_counter() > deadline:
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()

    def longest_stall() -> float:
        return max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)

    run_until(lambda: not window.area_pending, 60)
    run_until(lambda: False, 1.0)  # let the first area settle
    meter.start()
    started = time.perf_counter()
    window.start_automatic_backup()
    run_until(lambda: window._backup_task is not None and window._backup_task.ended.is_set()
              and bool(backup.list_backups(archive)), 600)
    took = time.perf_counter() - started
    during = longest_stall()
    made = backup.list_backups(archive)
    ticks.clear()
    run_until(lambda: False, took)
    idle = longest_stall()
    meter.stop()
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    print(f"Automatic backup in the open window: {took:.1f} s for {made[0].path.stat().st_size / GB:.2f} GB "
          f"(on a worker: the job runner)")
    print(f"  longest GUI event-loop stall while it ran: {during * 1000:.0f} ms "
          f"(idle window over {took:.0f} s: {idle * 1000:.0f} ms); the window "
          f"{'was not blocked' if during < 0.25 else 'WAS BLOCKED'} (a 5 ms timer; 250 ms counts as blocked)")
    shutil.rmtree(data_dir, ignore_errors=True)


def measure_thirty_days(archive: Path, data_dir: Path) -> None:
    """Thirty days, one opening each (the program clock set to each day at 08:00, a second
    opening at 13:00): the window's automatic backup with the default settings."""
    os.environ["NAMNDKANSLI_DATA_DIR"] = str(data_dir)
    from datetime import datetime

    from app import backup, config

    retention = backup.Retention.from_settings(config.Settings())
    first = clock.today() + timedelta(days=1)
    taken, times = 0, []
    for n in range(30):
        day = first + timedelta(days=n)
        for hour in (8, 13):
            with clock.pinned(datetime(day.year, day.month, day.day, hour, 0, 0)):
                t = time.perf_counter()
                if backup.automatic_backup(archive, retention) is not None:
                    taken += 1
                    times.append(time.perf_counter() - t)
    copies = backup.list_backups(archive)
    used = sum(c.path.stat().st_size for c in copies)
    size = archive.stat().st_size
    print(f"30 simulated days, two openings a day, default settings ({retention.days} daily, "
          f"{retention.weeks} weekly, {retention.months} monthly, at most {retention.max_copies} copies "
          f"and {retention.max_bytes / GB:.0f} GB):")
    print(f"  copies taken: {taken} (of 60 openings), each {_seconds(times)}")
    print(f"  kept: {len(copies)} copies ({', '.join(c.label[:10] for c in copies)}), "
          f"disk used by backups {used / GB:.2f} GB")
    print(f"  before (a copy at every opening, ten kept): 60 copies taken, 10 kept = {10 * size / GB:.1f} GB "
          "(computed from the file size, not run)")
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
