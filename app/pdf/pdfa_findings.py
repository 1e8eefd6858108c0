"""The PDF/A validator's findings in Swedish (docs/domain/documents.md, "PDF/A only
when true").

pikepdf's validator reports each finding with a veraPDF rule id
(``ISO_19005_2:6.2.11.4.1-1``), the place in the file and an English sentence ("Type 1
font has no /FontDescriptor, so it is not embedded"). No English reaches the user: a
finding becomes one of the :class:`Cause` sentences below by its rule's clause (the
clauses are numbered differently in ISO 19005-1 and in 19005-2/-3), an unknown one the
general :data:`UNKNOWN`, and the English text goes to the log.

A cause is a phrase that completes "Filen …" / "Bilagan ”X” …", and advice that says
what the user can do, so that :func:`for_bilaga` can write "Bilagan ”X” (fil.pdf) har
typsnitt som inte är inbäddade; spara den som PDF/A i Word och bifoga den igen."
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: What Word (and most office programs) call saving an archivable PDF.
SAVE_AS_PDFA = ("spara den som PDF/A (i Word: Spara som → PDF → Alternativ → ”PDF/A-kompatibel”) "
                "och bifoga den igen")


@dataclass(frozen=True)
class Cause:
    """Why a file is not PDF/A: ``what`` completes "Filen …", ``advice`` says what the
    user can do about a file made elsewhere."""

    key: str
    what: str
    advice: str = SAVE_AS_PDFA


FONTS_NOT_EMBEDDED = Cause("typsnitt-inbäddning", "har typsnitt som inte är inbäddade")
FONTS = Cause("typsnitt", "har typsnitt som arkivformatet inte godtar (teckenkodning, teckenbredder "
                          "eller typsnittstyp)")
MISSING_GLYPHS = Cause("tecken", "har tecken som typsnittet saknar",
                       "byt ut de ovanliga tecknen (eller spara den som PDF/A i programmet den gjordes i) "
                       "och försök igen")
COLOURS = Cause("färger", "har färger utan angiven färgrymd eller en färgprofil som inte godtas "
                          "(vanligt i PDF-filer från tryckerier och bildprogram)")
OUTPUT_INTENT = Cause("färgprofil", "har en färgprofil för utskrift (OutputIntent) som inte godtas")
TRANSPARENCY = Cause("genomskinlighet", "har genomskinliga bilder eller effekter som arkivformatet inte "
                                        "tillåter")
IMAGES = Cause("bilder", "har bilder i ett format som arkivformatet inte tillåter")
GRAPHICS = Cause("grafik", "har grafik eller ritkommandon som arkivformatet inte tillåter")
ANNOTATIONS = Cause("anteckningar", "har kommentarer, länkar eller andra anteckningar som arkivformatet "
                                    "inte tillåter",
                    "ta bort kommentarerna, eller skriv ut den till en ny PDF (”Skriv ut” → ”Microsoft "
                    "Print to PDF”), och bifoga den igen")
FORMS = Cause("formulär", "har ifyllbara formulärfält",
              "skriv ut den till en ny PDF (”Skriv ut” → ”Microsoft Print to PDF”), så att fälten blir "
              "vanlig text, och bifoga den igen")
ACTIONS = Cause("åtgärder", "innehåller skript eller automatiska åtgärder (t.ex. JavaScript)",
                "skriv ut den till en ny PDF (”Skriv ut” → ”Microsoft Print to PDF”) och bifoga den igen")
METADATA = Cause("metadata", "har beskrivande uppgifter (XMP-metadata) som inte följer arkivformatet")
EMBEDDED_FILES = Cause("bifogade-filer", "har andra filer inbäddade i sig",
                       "ta bort de inbäddade filerna (eller bifoga dem som egna bilagor) och bifoga den igen")
LAYERS = Cause("lager", "har lager (valbart innehåll) som arkivformatet inte tillåter")
ENCRYPTED = Cause("kryptering", "är krypterad eller har behörighetsinställningar",
                  "spara en kopia utan skydd och bifoga den igen")
STRUCTURE = Cause("filstruktur", "är uppbyggd på ett sätt som arkivformatet inte tillåter (filens "
                                 "inre struktur)")
NOT_CHECKABLE = Cause("okontrollerbart", "innehåller delar som kontrollen av arkivformatet inte kan bedöma")
NOT_CHECKED = Cause("fel-vid-kontroll", "kunde inte kontrolleras fullt ut",
                    "öppna den i en PDF-läsare, spara en ny kopia som PDF/A och bifoga den igen")
UNKNOWN = Cause("okänt", "uppfyller inte arkivformatet PDF/A")

#: Clause prefixes, longest first within a part: ISO 19005-1 ("1") and 19005-2/-3 ("2").
_CLAUSES: dict[str, tuple[tuple[str, Cause], ...]] = {
    "1": (
        ("6.3.4", FONTS_NOT_EMBEDDED), ("6.3.5", MISSING_GLYPHS), ("6.3", FONTS),
        ("6.2.2", OUTPUT_INTENT), ("6.2.3", COLOURS), ("6.2.4", IMAGES), ("6.2", GRAPHICS),
        ("6.4", TRANSPARENCY), ("6.5", ANNOTATIONS), ("6.6", ACTIONS), ("6.7", METADATA),
        ("6.9", FORMS), ("6.1.11", EMBEDDED_FILES), ("6.1.13", LAYERS), ("6.1.3", ENCRYPTED),
        ("6.1", STRUCTURE),
    ),
    "2": (
        ("6.2.11.4", FONTS_NOT_EMBEDDED), ("6.2.11.8", MISSING_GLYPHS), ("6.2.11", FONTS),
        ("6.2.3", OUTPUT_INTENT), ("6.2.4", COLOURS), ("6.2.8", IMAGES), ("6.2.10", TRANSPARENCY),
        ("6.2", GRAPHICS), ("6.3", ANNOTATIONS), ("6.4", FORMS), ("6.5", ACTIONS), ("6.6", METADATA),
        ("6.8", EMBEDDED_FILES), ("6.9", LAYERS), ("6.1.12", ENCRYPTED), ("6.1.3", ENCRYPTED),
        ("6.1", STRUCTURE), ("6.10", STRUCTURE), ("6.11", STRUCTURE),
    ),
}
#: pikepdf's own rule ids (``pikepdf:<name>``) for what veraPDF has no rule for.
_LOCAL = {
    "embedded-file": EMBEDDED_FILES, "associated-files": EMBEDDED_FILES, "optional-content": LAYERS,
    "colour-space": COLOURS, "icc": COLOURS, "icc-components": COLOURS, "output-intent": OUTPUT_INTENT,
    "inline-image": IMAGES, "xmp": METADATA, "xmp-default-namespace": METADATA, "text-no-font": FONTS,
    "internal": NOT_CHECKED, "content-budget": NOT_CHECKED, "pattern": GRAPHICS, "shading": GRAPHICS,
    "filter": STRUCTURE, "resource-missing": STRUCTURE,
}
_ISO = re.compile(r"ISO_19005_([123]):(6(?:\.\d+)*)")
#: The English form :func:`app.pdf.pdfa` wrote before findings were translated, as still
#: stored with bilagor checked then: "message (where, rule)".
_STORED = re.compile(r"((?:ISO_19005_[123]|pikepdf):[^()\s,]+)\)\s*$")


def _clause_matches(clause: str, prefix: str) -> bool:
    return clause == prefix or clause.startswith(prefix + ".") or clause.startswith(prefix + "-")


def cause_of(rule: str, kind: str = "violation") -> Cause:
    """The cause for one finding's rule id; an ``unsupported`` finding (a construct the
    validator does not check) is :data:`NOT_CHECKABLE` unless its rule says more."""
    match = _ISO.match(rule)
    if match:
        part = "1" if match.group(1) == "1" else "2"
        clause = rule.split(":", 1)[1]
        for prefix, cause in _CLAUSES[part]:
            if _clause_matches(clause, prefix):
                return cause
        return UNKNOWN
    if rule.startswith("pikepdf:"):
        local = rule.removeprefix("pikepdf:")
        if local in _LOCAL:
            return _LOCAL[local]
        if local.startswith(("schema-", "content-", "page-tree", "depth", "form-", "role-", "structure-")):
            return NOT_CHECKABLE if kind == "unsupported" else STRUCTURE
    return NOT_CHECKABLE if kind == "unsupported" else UNKNOWN


def causes(findings: Iterable, subject: str = "") -> list[Cause]:
    """The distinct causes of the validator's findings (``Finding`` objects: ``rule``,
    ``where``, ``message``, ``kind``), in the order first found; each finding is logged
    in English with ``subject`` (what was checked)."""
    found: list[Cause] = []
    for finding in findings:
        log.info("PDF/A: %s: %s (%s, %s)", subject or "dokument", finding.message, finding.where,
                 finding.rule)
        cause = cause_of(finding.rule, getattr(finding, "kind", "violation"))
        if cause not in found:
            found.append(cause)
    # "Cannot be judged" says nothing more once a real cause is known.
    real = [c for c in found if c is not NOT_CHECKABLE]
    return real or found


def sentence(found: list[Cause], subject: str = "Filen") -> str:
    """ "Filen har typsnitt som inte är inbäddade och har bilder i ett format …" """
    whats = [c.what for c in found] or [UNKNOWN.what]
    joined = whats[0] if len(whats) == 1 else ", ".join(whats[:-1]) + " och " + whats[-1]
    return f"{subject} {joined}"


def for_bilaga(found: list[Cause], titel: str, filnamn: str = "") -> str:
    """ "Bilagan ”Riktlinjer” (riktlinjer.pdf) har typsnitt som inte är inbäddade; spara den
    som PDF/A … och bifoga den igen." """
    name = f"Bilagan ”{titel}”" + (f" ({filnamn})" if filnamn and filnamn != titel else "")
    advice = found[0].advice if found else UNKNOWN.advice
    return f"{sentence(found, name)}; {advice}."


def from_stored(text: str) -> list[Cause]:
    """The causes of a reason stored with a bilaga: the Swedish sentence of a cause as
    written now, or the English "message (where, rule)" of a bilaga checked before the
    findings were translated (its English is logged, never shown)."""
    for cause in _ALL:
        if cause.what in text:
            return [cause]
    match = _STORED.search(text)
    if match:
        log.info("PDF/A (sparad kontroll): %s", text)
        return [cause_of(match.group(1))]
    if text:
        log.info("PDF/A (sparad kontroll, okänd orsak): %s", text)
    return [UNKNOWN]


def stored_reason(text: str) -> str:
    """A bilaga's stored reason as shown: "Filen har typsnitt som inte är inbäddade;
    spara den som PDF/A … och bifoga den igen." ("" stays ""); an English reason stored
    before the findings were translated becomes that sentence too."""
    if not text:
        return ""
    if any(cause.what in text for cause in _ALL):
        return text
    return " ".join(f"Filen {cause.what}; {cause.advice}." for cause in from_stored(text))


_ALL = (FONTS_NOT_EMBEDDED, FONTS, MISSING_GLYPHS, COLOURS, OUTPUT_INTENT, TRANSPARENCY, IMAGES, GRAPHICS,
        ANNOTATIONS, FORMS, ACTIONS, METADATA, EMBEDDED_FILES, LAYERS, ENCRYPTED, STRUCTURE, NOT_CHECKABLE,
        NOT_CHECKED, UNKNOWN)
