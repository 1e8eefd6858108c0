"""PDF/A of a signed document: the project's validator (pikepdf's) plus the PDF/A-2
rules on signatures that it does not check (docs/domain/documents.md).

pikepdf's validator reports any interactive form (``/AcroForm``, which every signature
needs) as "not supported" and never looks into the appearance streams of the signature
widgets, so a signed file can neither pass nor be trusted to fail on it. This module
checks a signed file in three parts:

1. the validator on the file as it is, every finding but the unsupported ``/AcroForm``;
2. the rules of ISO 19005-2 on interactive forms and signatures, for a form holding
   signature fields only: 6.4.1 (no NeedAppearances, no A/AA on fields and widgets),
   6.4.2 (no XFA), 6.3.2/6.3.3 (widgets printed, visible, one normal appearance
   stream), 6.4.3 (each signature's byte range covers its whole revision) and 6.1.12
   (no /Perms other than DocMDP/UR3);
3. the validator on a copy whose signature appearances are drawn onto their pages as
   ordinary form XObjects (with form and widgets removed): their fonts, colours and
   transparency are then checked as page content is.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import pdfa as _pdfa

from app.pdf.pdfa import check_level

_PRINT, _HIDDEN, _INVISIBLE, _NOVIEW, _TOGGLE_NOVIEW = 4, 2, 1, 32, 256


def _is_acroform_unsupported(finding) -> bool:
    return finding.rule == "pikepdf:schema-Catalog" and str(finding.where).endswith("/AcroForm")


def _is_esic_unsupported(finding) -> bool:
    """The ESIC developer extension, which PAdES declares in the catalog: ISO 32000
    extensions are allowed in PDF/A-2 (veraPDF accepts them); pikepdf does not check them."""
    return finding.kind == "unsupported" and str(finding.where).endswith("/Extensions (Extensions) /ESIC")


def _messages(report, skip=lambda f: False) -> list[str]:
    return [f"{f.message} ({f.where}, {f.rule})" for f in report.findings if not skip(f)]


def _field_type(obj: pikepdf.Object) -> pikepdf.Object | None:
    node: pikepdf.Object | None = obj
    while node is not None:
        if "/FT" in node:
            return node.FT
        node = node.get("/Parent")
    return None


def _form_findings(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    form = pdf.Root.get("/AcroForm")
    if form is None:
        return found
    if bool(form.get("/NeedAppearances", False)):
        found.append("NeedAppearances is true (ISO 19005-2 6.4.1-3)")
    if "/XFA" in form:
        found.append("the form has XFA (6.4.2-1)")
    perms = pdf.Root.get("/Perms")
    if perms is not None and set(perms.keys()) - {"/DocMDP", "/UR3"}:
        found.append("/Perms has keys other than DocMDP and UR3 (6.1.12-1)")
    for fld in form.get("/Fields", []):
        if _field_type(fld) != pikepdf.Name.Sig:
            found.append(f"form field {fld.get('/T', '?')} is not a signature field")
        if "/AA" in fld or "/A" in fld:
            found.append(f"form field {fld.get('/T', '?')} has actions (6.4.1-2)")
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != pikepdf.Name.Widget:
                continue
            where = f"page {index + 1} widget {annot.get('/T', '?')}"
            flags = int(annot.get("/F", 0))
            if not flags & _PRINT or flags & (_HIDDEN | _INVISIBLE | _NOVIEW | _TOGGLE_NOVIEW):
                found.append(f"{where}: flags {flags} shall set Print only (6.3.2-2)")
            if "/A" in annot or "/AA" in annot:
                found.append(f"{where}: has actions (6.4.1-1)")
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            appearance = annot.get("/AP")
            empty = rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0
            if appearance is None and not empty:
                found.append(f"{where}: no appearance (6.3.3-1)")
            elif appearance is not None and (set(appearance.keys()) != {"/N"}
                                             or not isinstance(appearance.N, pikepdf.Stream)):
                found.append(f"{where}: the appearance shall be one /N stream (6.3.3-2, 6.3.3-4)")
    return found


def _byte_range_findings(data: bytes) -> list[str]:
    """6.4.3-1: each signature covers its whole revision, all but its /Contents."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    found = []
    for sig in PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures:
        coverage = sig.evaluate_signature_coverage()
        if coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            found.append(f"signature {sig.field_name} does not cover its whole revision (6.4.3-1)")
    return found


def _appearances_as_content(pdf: pikepdf.Pdf) -> None:
    """Draw each widget's normal appearance where it lies and remove widgets and form."""
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = pikepdf.Array()
        drawn: list[str] = []
        for annot in annots:
            appearance = annot.get("/AP")
            if annot.get("/Subtype") != pikepdf.Name.Widget:
                kept.append(annot)
                continue
            if appearance is None or not isinstance(appearance.get("/N"), pikepdf.Stream):
                continue
            x1, y1, x2, y2 = (float(v) for v in annot.Rect)
            bx1, by1, bx2, by2 = (float(v) for v in appearance.N.get("/BBox", [0, 0, 1, 1]))
            sx = (x2 - x1) / (bx2 - bx1) if bx2 != bx1 else 1
            sy = (y2 - y1) / (by2 - by1) if by2 != by1 else 1
            name = pikepdf.Name(f"/NkSignaturbild{len(drawn)}")
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            if "/XObject" not in page.obj.Resources:
                page.obj.Resources.XObject = pikepdf.Dictionary()
            page.obj.Resources.XObject[name] = appearance.N
            drawn.append(f"q {sx:.4f} 0 0 {sy:.4f} {x1 - bx1 * sx:.2f} {y1 - by1 * sy:.2f} cm {name} Do Q")
        if len(kept):
            page.obj.Annots = kept
        else:
            del page.obj["/Annots"]
        if drawn:
            page.contents_add(pdf.make_stream("\n".join(drawn).encode()), prepend=False)
    for key in ("/AcroForm", "/Perms"):
        if key in pdf.Root:
            del pdf.Root[key]


def signed_findings(data: bytes, level: str = "2b") -> list[str]:
    """What keeps the signed ``data`` from being PDF/A at ``level``; [] = it is (the
    findings are the validator's English, for tests and the log)."""
    level = check_level(level)
    report = _pdfa.validate_written(io.BytesIO(data), level)
    found = _messages(report, lambda f: _is_acroform_unsupported(f) or _is_esic_unsupported(f))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found += _form_findings(pdf)
        _appearances_as_content(pdf)
        copy = io.BytesIO()
        pdf.save(copy, **_pdfa.resolve_save_kwargs(level))
    found += [f"signature appearance: {m}"
              for m in _messages(_pdfa.validate_written(copy, level), _is_esic_unsupported)]
    return found + _byte_range_findings(data)
