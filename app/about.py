"""What the Om-dialog says: version, license, the bundled fonts and their licenses, and
the third-party components with theirs (the packaged program ships all of them).

Read from what is actually shipped: the fonts' Debian copyright files in
``resources/fonts/`` and the installed distributions' metadata (the packaged program
carries that metadata, see packaging/namndkansli.spec), so the list cannot drift from
what is bundled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from importlib import metadata
from pathlib import Path
from typing import cast

from app import APP_ID, APP_NAME, __version__

PROGRAM_LICENSE = "GPL-3.0-or-later"
PROGRAM_LICENSE_TITLE = "GNU General Public License, version 3 eller senare"
#: Full license texts shipped in resources/licenses: the program's own, and the LGPL
#: under which the bundled Qt/PySide6 libraries are used.
LICENSE_FILES = {"GPL-3.0": "GPL-3.0.txt", "LGPL-3.0": "LGPL-3.0.txt"}

#: Readable names of the license identifiers used in the fonts' copyright files.
LICENSE_TITLES = {
    "SIL-OFL-1.1": "SIL Open Font License 1.1",
    "OFL-1.1": "SIL Open Font License 1.1",
    "bitstream-vera": "Bitstream Vera-licensen (fri typsnittslicens)",
    "GPL-2+": "GNU General Public License, version 2 eller senare",
}
#: Build tools that some dependencies declare but the program never ships.
NOT_SHIPPED = {"pip", "setuptools", "wheel"}


@dataclass(frozen=True)
class FontLicense:
    name: str           # "Liberation Fonts"
    license_id: str     # "SIL-OFL-1.1"
    files: tuple[str, ...]
    license_file: Path

    @property
    def license_title(self) -> str:
        return LICENSE_TITLES.get(self.license_id, self.license_id)

    def text(self) -> str:
        return self.license_file.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    license: str


def resource_dir(name: str) -> Path:
    """``resources/<name>`` from source and in the installed or packaged program."""
    import resources

    for folder in resources.__path__:
        candidate = Path(folder) / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Mappen resources/{name} saknas i installationen.")


def license_text(license_id: str) -> str:
    return (resource_dir("licenses") / LICENSE_FILES[license_id]).read_text(encoding="utf-8")


def _copyright_fields(text: str) -> tuple[str, str]:
    """Upstream-Name and the license of ``Files: *`` from a Debian copyright file."""
    name = re.search(r"^Upstream-Name:\s*(.+)$", text, re.MULTILINE)
    block = re.search(r"^Files:\s*\*\s*$(.*?)(?:^\s*$|\Z)", text, re.MULTILINE | re.DOTALL)
    lic = re.search(r"^License:\s*(\S+)", block.group(1) if block else text, re.MULTILINE)
    return (name.group(1).strip() if name else "", lic.group(1).strip() if lic else "")


def font_licenses(folder: Path | None = None) -> list[FontLicense]:
    """One entry per ``LICENSE-<Family>.txt`` in the font folder, with the font files
    whose names start with that family."""
    folder = folder or resource_dir("fonts")
    fonts = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))
    result = []
    for license_file in sorted(folder.glob("LICENSE-*.txt")):
        family = license_file.stem.removeprefix("LICENSE-")
        name, license_id = _copyright_fields(license_file.read_text(encoding="utf-8"))
        files = tuple(f for f in fonts if f.lower().startswith(family.lower()))
        result.append(FontLicense(name or family, license_id or "okänd", files, license_file))
    return result


def _license_of(dist: metadata.Distribution) -> str:
    # An email Message at run time; the PackageMetadata protocol in the stubs has no get().
    meta = cast(Message, dist.metadata)
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    return "se paketets licensfil"


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def components(root: str = APP_ID) -> list[Component]:
    """The distributions the program depends on (recursively, with the extras it asks
    for), sorted by name; those whose metadata is not present are left out."""
    found: dict[str, Component] = {}
    visited: set[tuple[str, frozenset[str]]] = set()

    def visit(name: str, extras: set[str]) -> None:
        if (_canonical(name), frozenset(extras)) in visited:
            return
        visited.add((_canonical(name), frozenset(extras)))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        key = _canonical(dist.metadata["Name"])
        if key in NOT_SHIPPED:
            return
        if key not in found and key != _canonical(root):
            found[key] = Component(dist.metadata["Name"], dist.version, _license_of(dist))
        for requirement in dist.requires or []:
            text, _, marker = requirement.partition(";")
            if "extra" in marker:
                wanted = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
                if not any(e in extras for e in wanted):
                    continue
            elif marker.strip() and not _marker_holds(marker):
                continue
            match = _REQUIREMENT.match(text)
            if match:
                sub_extras = {e.strip() for e in (match.group(2) or "").split(",") if e.strip()}
                visit(match.group(1), sub_extras)

    visit(root, set())
    return sorted(found.values(), key=lambda c: c.name.lower())


def _marker_holds(marker: str) -> bool:
    """Environment markers (python_version, sys_platform …) without the extras."""
    try:
        from packaging.markers import InvalidMarker, Marker, UndefinedEnvironmentName
    except ImportError:  # the packaged program may not carry packaging: list it
        return True
    try:
        return Marker(marker).evaluate({"extra": ""})
    except (InvalidMarker, UndefinedEnvironmentName):  # better listed than hidden
        return True


def program_summary() -> dict[str, str]:
    return {
        "name": APP_NAME,
        "version": __version__,
        "license": PROGRAM_LICENSE,
        "license_title": PROGRAM_LICENSE_TITLE,
    }
