"""The tagged PDF alternative: the web copy's pages as PDFs with a structure tree,
read back by poppler (``pdfinfo -struct-text``) and pikepdf."""

from __future__ import annotations

import re
import shutil
import subprocess

import pikepdf
import pytest
from publicering_fixtures import PLANTED, SECRET_RUBRIK, justera_with_sekretess

from app.publicering import PubliceringService

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils saknas")


def structure(path) -> str:
    done = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True)
    assert "Syntax Warning" not in done.stderr, done.stderr
    return done.stdout


@pytest.fixture
def published(demo_session, tmp_path):
    mid, secret = justera_with_sekretess(demo_session.db)
    result = PubliceringService(demo_session.db).write(mid, tmp_path / "webb", pdf=True)
    assert {"anslag.pdf", "protokoll.pdf", "kallelse.pdf"} <= set(result.files)
    return tmp_path / "webb", secret


def test_the_protokoll_pdf_is_walked_by_headings_tables_and_lists(published):
    folder, secret = published
    info = subprocess.run(["pdfinfo", str(folder / "protokoll.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Protokoll – Vård- och omsorgsnämnden", info, re.M)
    tree = structure(folder / "protokoll.pdf")
    headings = re.findall(r"^  H2 \(block\)\n    \"(§ \d+) ", tree, re.M)
    assert headings == [f"§ {n}" for n in range(1, 14)]
    assert re.search(r'H1 \(block\)\n    "Protokoll – Vård- och omsorgsnämnden', tree)
    assert re.search(r'TH:\n\s+/Scope /Row\n\s+"Beslutande"', tree)
    assert re.search(r'TH:\n\s+/Scope /Column\n\s+"Ja"', tree)
    assert re.search(r"L \(block\)\n\s+LI \(block\)\n\s+LBody", tree)
    assert '"§ 6 Ärende som omfattas av sekretess"' in tree
    assert SECRET_RUBRIK not in tree
    assert not any(s in tree for s in secret["beskrivning"].split(". ") if len(s) > 25)
    assert not any(number in tree for number in PLANTED)


def test_every_marked_content_belongs_to_the_tree_and_the_language_is_swedish(published):
    folder, _secret = published
    for name in ("anslag.pdf", "protokoll.pdf", "kallelse.pdf"):
        with pikepdf.open(folder / name) as pdf:
            assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "sv-SE"
            nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
            parents = dict(zip(nums[::2], nums[1::2], strict=True))
            for n, page in enumerate(pdf.pages):
                mcids = [int(op.operands[1].MCID) for op in pikepdf.parse_content_stream(page)
                         if op.operator == pikepdf.Operator("BDC")]
                assert mcids == list(range(len(mcids))), name
                assert int(page.obj.StructParents) == n
                assert len(parents[n]) == len(mcids), name
            with pdf.open_metadata() as meta:
                assert meta["dc:title"].startswith(("Anslag – ", "Protokoll – ", "Kallelse – "))
