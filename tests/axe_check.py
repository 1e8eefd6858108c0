"""axe-core (npm) run in Debian's headless Chromium against a page of a web copy.

The page is copied beside itself with axe.min.js inlined and a script that, once
axe.run has finished, writes the violations as JSON into a <pre> at the end of the body;
``chromium --dump-dom`` (with a virtual time budget, so the promise settles) prints the
DOM and the JSON is read back. The <pre> is added after the run, so it is not checked.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(os.environ.get("NK_AXE_JS", ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  "--virtual-time-budget=20000", "--dump-dom"]

_RUN = """
<script>
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(function (r) {
  var out = document.createElement('pre');
  out.id = 'axe-resultat';
  out.textContent = JSON.stringify({violations: r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.html; })};
  }), passes: r.passes.length});
  document.body.appendChild(out);
}, function (e) {
  var out = document.createElement('pre');
  out.id = 'axe-resultat';
  out.textContent = JSON.stringify({error: String(e)});
  document.body.appendChild(out);
});
</script>
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str:
    """Why axe cannot run here ("" when it can)."""
    if chromium() is None:
        return "chromium saknas (packaging/linux/ensure-test-tools.sh installerar det)"
    if not AXE.is_file():
        return f"axe-core saknas i {AXE.parent} (make test installerar det med npm)"
    return ""


def _real_clock_environment() -> dict[str, str]:
    """The environment without libfaketime: ``make test-faketime`` preloads it into the
    test process to move the program's clock, and Chromium (a browser checking a page,
    not the program) hangs under it."""
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    for name in [n for n in env if n.startswith("FAKETIME")]:
        env.pop(name)
    return env


def run_axe(page: Path) -> dict:
    """axe's violations at WCAG 2.1 AA for ``page`` (a file of a web copy folder)."""
    script = AXE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    source = page.read_text(encoding="utf-8")
    probe = page.with_name(f".axe-{page.name}")
    probe.write_text(source.replace("</body>", f"<script>{script}</script>{_RUN % json.dumps(TAGS)}</body>"),
                     encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="nk-chromium-")
    try:
        done = subprocess.run([chromium() or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               probe.as_uri()], capture_output=True, text=True, timeout=120,
                              env=_real_clock_environment())
    finally:
        probe.unlink(missing_ok=True)
        shutil.rmtree(profile, ignore_errors=True)
    found = re.search(r'<pre id="axe-resultat">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe gav inget resultat: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))
