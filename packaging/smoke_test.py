"""Smoke test of the BUILT program (not the source): does it run without the repository?

    python3 packaging/smoke_test.py [dist/namndkansli]       (make package-test)

Copies the built folder to a temporary folder whose name has a space and Swedish
letters (as "C:\\Program\\Nämndkansli test" would), and runs its executable there with an
environment that has neither the repository nor its virtual environment: no PYTHONPATH,
no VIRTUAL_ENV, PATH without .venv, a fresh HOME and data folder, working directory
elsewhere. Then:

  --help, --version           the command line
  demo, check                 a demo database is created and passes its integrity check
  moten --json, handlingar    a kallelse with handlingar as PDF/A (fonts, ReportLab, pikepdf)
  export delegationsbeslut    an Excel file (openpyxl)
  import --dry-run            the exported file read back (python-calamine)
  resources/guide             the user guide (F1) is in the program
  gui (offscreen)             the main window is painted with the demo database and the
                              program quits (NAMNDKANSLI_QUIT_AFTER_PAINT)
  a second start with a file  hands the file to the running program and exits
  portable.txt                data lands in data/ beside the program
  linux/install-desktop.sh    menu entry, MIME type and icons for the user, and removal

Prints each step's time and the built folder's size; exits non-zero on the first
failure. Needs only Python's standard library.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "namndkansli.exe" if os.name == "nt" else "namndkansli"
# On Windows the windowed namndkansli.exe prints nothing; the console twin does.
CLI_NAME = "namndkansli-cli.exe" if os.name == "nt" else "namndkansli"


class SmokeFailure(Exception):
    pass


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def clean_environment(home: Path, data: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "NAMNDKANSLI_", "QT_", "CONDA"))}
    venv_bin = str(ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin"))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and Path(p).resolve() != Path(venv_bin).resolve())
    env["HOME"] = str(home)
    env["USERPROFILE"] = str(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_RUNTIME_DIR"] = str(home / "runtime")
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LANG"] = env.get("LANG") or "C.UTF-8"
    if data is not None:
        env["NAMNDKANSLI_DATA_DIR"] = str(data)
    return env


class Runner:
    def __init__(self, program: Path, work: Path, env: dict[str, str]):
        self.program, self.work, self.env = program, work, env
        self.timings: list[tuple[str, float]] = []

    def passed(self, title: str, start: float) -> None:
        """A step checked here rather than by one run of the program."""
        elapsed = time.monotonic() - start
        self.timings.append((title, elapsed))
        print(f"  ok  {elapsed:6.2f} s  {title}", flush=True)

    def run(self, title: str, args: list[str], *, exe: str = CLI_NAME, env: dict | None = None,
            expect: int = 0, timeout: float = 180) -> subprocess.CompletedProcess:
        start = time.monotonic()
        try:
            done = subprocess.run([str(self.program / exe), *args], cwd=self.work,
                                  env=env or self.env, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"{title}: ingen avslutning efter {timeout:.0f} s") from exc
        elapsed = time.monotonic() - start
        self.timings.append((title, elapsed))
        status = "ok" if done.returncode == expect else "FEL"
        print(f"  {status:3} {elapsed:6.2f} s  {title}", flush=True)
        if done.returncode != expect:
            raise SmokeFailure(f"{title}: slutkod {done.returncode} (väntade {expect})\n"
                               f"--- stdout ---\n{done.stdout[-3000:]}\n"
                               f"--- stderr ---\n{done.stderr[-3000:]}")
        return done


def expect_in(title: str, needle: str, text: str) -> None:
    if needle not in text:
        raise SmokeFailure(f"{title}: väntade {needle!r} i utskriften:\n{text[-2000:]}")


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise SmokeFailure(f"{what}: inte inom {timeout:.0f} s")


def smoke(built: Path) -> int:
    """Runs every step; returns how many passed (raises SmokeFailure at the first that fails)."""
    version = {}
    exec((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"), version)
    with tempfile.TemporaryDirectory(prefix="nk-smoke-") as tmp_name:
        tmp = Path(tmp_name)
        program = tmp / "Nämndkansli test"
        start = time.monotonic()
        shutil.copytree(built, program, symlinks=True)
        home, data, work = tmp / "hem", tmp / "data", tmp / "arbete"
        for folder in (home, work):
            folder.mkdir()
        env = clean_environment(home, data)
        r = Runner(program, work, env)
        r.passed(f"kopierad till {program}", start)
        db = work / "demo nämnd.nkdb"

        out = r.run("--help", ["--help"]).stdout
        for verb in ("gui", "demo", "check", "backup", "kallelse", "handlingar"):
            expect_in("--help", verb, out)
        out = r.run("--version", ["--version"]).stdout
        expect_in("--version", f"Nämndkansli {version['__version__']}", out)

        r.run("demo", ["--db", str(db), "demo"])
        expect_in("check", "Allt är i ordning.", r.run("check", ["--db", str(db), "check"]).stdout)

        meetings = json.loads(r.run("moten --json", ["--db", str(db), "moten", "--json"]).stdout)
        if not meetings:
            raise SmokeFailure("moten --json: demodatabasen har inga sammanträden")
        pdf = work / "handlingar.pdf"
        r.run("handlingar (PDF/A)", ["--db", str(db), "handlingar", str(meetings[0]["id"]), "-o", str(pdf)])
        if not pdf.read_bytes().startswith(b"%PDF") or pdf.stat().st_size < 10_000:
            raise SmokeFailure(f"handlingar: {pdf} är ingen rimlig PDF ({pdf.stat().st_size} byte)")
        xlsx = work / "delegationsbeslut.xlsx"
        exported = r.run("export delegationsbeslut (Excel)",
                         ["--db", str(db), "export", "delegationsbeslut", str(xlsx)]).stdout
        if not xlsx.read_bytes().startswith(b"PK"):
            raise SmokeFailure("export: ingen .xlsx-fil skrevs")
        written = re.search(r"(\d+) rader skrevs", exported)
        if not written or int(written.group(1)) == 0:
            raise SmokeFailure(f"export: antalet skrivna rader saknas i utskriften:\n{exported}")
        # Reading .xlsx goes through python-calamine's compiled module, which the frozen
        # program must carry (a missing hidden import only shows when a file is read).
        # Read back into the same file: every exported row is found unchanged, which
        # shows that all of them were read (and every exported column recognised).
        out = r.run("import --dry-run delegationsbeslut (Excel läses)",
                    ["--db", str(db), "import", "--dry-run", "--namnd", "VON", "delegationsbeslut",
                     str(xlsx)]).stdout
        expect_in("import", f"0 nya, 0 ändrade, {written.group(1)} oförändrade", out)

        # The user guide F1 opens (app/guide.py finds it below resources/ in the program).
        start = time.monotonic()
        guides = sorted(p.name for p in program.rglob("resources/guide/*.md"))
        if "index.md" not in guides or "protokoll.md" not in guides:
            raise SmokeFailure(f"handledningen saknas i programmet (hittade {guides or 'inga sidor'})")
        r.passed(f"handledningen: {len(guides)} sidor", start)

        gui_env = dict(env, NAMNDKANSLI_QUIT_AFTER_PAINT="1")
        out = r.run("gui: huvudfönstret ritat och stängt", ["gui", "--db", str(db)],
                    exe=EXE_NAME, env=gui_env).stdout
        expect_in("gui", "painted ", out)

        hand_over(r, db, data)
        portable(r, program, env)
        if sys.platform.startswith("linux"):
            desktop_integration(r, program, home)

        size, count = folder_size(built)
        print(f"\nStorlek: {size / 1e6:.1f} MB i {count} filer ({built})")
        print(f"Tid för alla steg: {sum(t for _title, t in r.timings):.1f} s")
        return len(r.timings)


def hand_over(r: Runner, db: Path, data: Path) -> None:
    """A second start with a file gives it to the running program and exits."""
    start = time.monotonic()
    first = subprocess.Popen([str(r.program / EXE_NAME), "gui", "--db", str(db)], cwd=r.work,
                             env=r.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        logs = data / "loggar"

        def listening() -> bool:
            if first.poll() is not None:
                raise SmokeFailure(f"gui avslutades oväntat med {first.returncode}: {first.stderr.read()}")
            return any("Tar emot filer från senare starter" in p.read_text(encoding="utf-8", errors="replace")
                       for p in logs.glob("*.log*"))

        wait_for(listening, 60, "det första fönstret tar emot filer")
        r.passed("gui: första fönstret igång och lyssnar", start)
        out = r.run("andra start med filen: lämnas över", ["gui", str(db)], exe=CLI_NAME,
                    timeout=60).stdout
        expect_in("andra start", "redan är igång", out)
        wait_for(lambda: any(f"Ombedd att öppna {db}" in p.read_text(encoding="utf-8", errors="replace")
                             for p in logs.glob("*.log*")), 20, "det första fönstret tog emot filen")
    finally:
        first.terminate()
        try:
            first.wait(20)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(10)


def portable(r: Runner, program: Path, env: dict[str, str]) -> None:
    (program / "portable.txt").write_text("", encoding="utf-8")
    try:
        portable_env = {k: v for k, v in env.items() if k != "NAMNDKANSLI_DATA_DIR"}
        out = r.run("bärbart läge: --help visar datamappen", ["--help"], env=portable_env).stdout
        expect_in("bärbart läge", str(program / "data"), out.replace("\n", " ").replace("  ", " "))
        r.run("bärbart läge: demo utan --db", ["demo"], env=portable_env)
        if not (program / "data" / "namndkansli.nkdb").is_file():
            raise SmokeFailure("bärbart läge: databasen hamnade inte i data/ bredvid programmet")
        if (Path(env["HOME"]) / ".local" / "share" / "namndkansli").exists():
            raise SmokeFailure("bärbart läge: något skrevs ändå i användarens datamapp")
    finally:
        (program / "portable.txt").unlink()


def desktop_integration(r: Runner, program: Path, home: Path) -> None:
    script = program / "linux" / "install-desktop.sh"
    share = home / ".local" / "share"
    r.run("linux/install-desktop.sh", [], exe=str(script.relative_to(program)))
    desktop = share / "applications" / "namndkansli.desktop"
    text = desktop.read_text(encoding="utf-8")
    expect_in("install-desktop.sh", f'Exec="{program / "namndkansli"}" gui %f', text)
    expect_in("install-desktop.sh", "MimeType=application/x-namndkansli-database;", text)
    for path in (share / "mime" / "packages" / "namndkansli.xml",
                 share / "icons" / "hicolor" / "48x48" / "apps" / "namndkansli.png",
                 share / "icons" / "hicolor" / "scalable" / "apps" / "namndkansli.svg"):
        if not path.is_file():
            raise SmokeFailure(f"install-desktop.sh: {path} saknas")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        if check.returncode != 0 or check.stdout.strip():
            raise SmokeFailure(f"desktop-file-validate: {check.stdout}{check.stderr}")
    r.run("linux/install-desktop.sh --remove", ["--remove"], exe=str(script.relative_to(program)))
    if desktop.exists():
        raise SmokeFailure("install-desktop.sh --remove lämnade menyposten kvar")


def main() -> int:
    built = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "namndkansli").resolve()
    if not (built / EXE_NAME).is_file():
        print(f"Hittar inget byggt program i {built} (kör make package först).", file=sys.stderr)
        return 2
    print(f"Röktest av det byggda programmet {built}")
    try:
        passed = smoke(built)
    except SmokeFailure as exc:
        print(f"\nRÖKTESTET MISSLYCKADES: {exc}", file=sys.stderr)
        print("Röktest: 0 passed, 1 failed")
        return 1
    # The plain summary line CI reads, like pytest's.
    print(f"Röktest: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
