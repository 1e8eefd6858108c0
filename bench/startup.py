"""Start-up time: process start -> first paint of the main window, on the demo database.

Compared with a bare PySide6 QMainWindow started and measured the same way, so that the
figure says what the program itself adds on this machine. Both run offscreen in a fresh
subprocess several times; the median is reported. Target: at most 1.5 times the bare
window.

    .venv/bin/python bench/startup.py [--runs 7]

The program prints ``painted <epoch seconds>`` at its first paint when
NAMNDKANSLI_QUIT_AFTER_PAINT is set (ui/application.py); the bare window does the same
with an identical event filter. Time is measured from just before the subprocess is
spawned, so interpreter start-up and imports are included for both.

The main window paints before its first area has been built (the area's modules and
data load right after), so the program also prints ``ready <epoch seconds>`` once that
area is built and painted; that time is reported too, so that nothing hides behind the
first-paint figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.time():.6f}", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 780)
window.installEventFilter(FirstPaint(window))
window.show()
sys.exit(app.exec())
"""

PROGRAM = "import sys; from ui.launch import main; sys.exit(main(sys.argv[1:]))"


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # An installed program runs from compiled bytecode (pip compiles it; PySide6's is
    # compiled already). With PYTHONDONTWRITEBYTECODE set, as in some development
    # shells, every one of our modules would be compiled from source on every start and
    # the comparison would be unfair; the cache goes to the temporary folder instead of
    # the source tree, and the untimed first run fills it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir.parent / "pycache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["NAMNDKANSLI_DATA_DIR"] = str(data_dir)
    env["NAMNDKANSLI_QUIT_AFTER_PAINT"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    # Offscreen Qt warns about missing runtime dirs; keep stderr quiet and comparable.
    env.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    return env


def time_to_paint(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``python args`` to each ``<event> <epoch>`` line it prints
    (``painted``, and for the program ``ready``)."""
    start = time.time()
    done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    times = {}
    for line in done.stdout.splitlines():
        event, _, stamp = line.partition(" ")
        if event in ("painted", "ready"):
            times[event] = float(stamp) - start
    if "painted" not in times or done.returncode != 0:
        raise RuntimeError(f"No paint reported (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return times


def _ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:7.1f} ms  (runs: "
            f"{', '.join(f'{t * 1000:.0f}' for t in values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nk-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        env = _environment(data_dir)
        demo = data_dir / "demo.nkdb"
        subprocess.run([sys.executable, "-c", PROGRAM, "--db", str(demo), "demo"], env=env,
                       cwd=ROOT, check=True, capture_output=True)
        # One untimed run of each warms the OS file cache and Python's bytecode cache.
        time_to_paint(["-c", BARE_WINDOW], env)
        time_to_paint(["-c", PROGRAM, "gui", "--demo"], env)
        bare, painted, ready = [], [], []
        for _ in range(options.runs):
            # Interleaved, so that load from other processes hits both alike.
            bare.append(time_to_paint(["-c", BARE_WINDOW], env)["painted"])
            program = time_to_paint(["-c", PROGRAM, "gui", "--demo"], env)
            painted.append(program["painted"])
            ready.append(program.get("ready", program["painted"]))
    print(f"Bare QMainWindow, first paint:        {_ms(bare)}")
    print(f"Nämndkansli demo, first paint:        {_ms(painted)}")
    print(f"Nämndkansli demo, first area painted: {_ms(ready)}")
    ratio = statistics.median(painted) / statistics.median(bare)
    print(f"Ratio first paint / bare: {ratio:.2f}x (target <= 1.5x): "
          f"{'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    print(f"Ratio first area / bare:  {statistics.median(ready) / statistics.median(bare):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
