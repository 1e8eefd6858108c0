"""The report on ej verkställda gynnande beslut at a date: as an ärende to the nämnd
(render_evb_rapport) and as its statistics alone, the ärende's bilaga
(render_statistik)."""

from __future__ import annotations

from sqlite_utils import Database

from app.pdf.document import DocumentInfo, build_pdf
from app.registers.arenden import evb_arende
from app.registers.ej_verkstallda import EvbRapport
from app.registers.pdf.arende import render_arende
from app.registers.pdf.layout import finish_pdf, page_header, statistik_story


def render_evb_rapport(db: Database, namnd_id: int, rapport: EvbRapport, *,
                       pdfa_level: str | None = "2b") -> bytes:
    """The report as the ärende to the nämnd, dated the report's day."""
    return render_arende(db, namnd_id, evb_arende(db, namnd_id, rapport), datum=rapport.datum,
                         pdfa_level=pdfa_level)


def render_statistik(db: Database, namnd_id: int, rapport: EvbRapport, *,
                     pdfa_level: str | None = "2b") -> bytes:
    """Only the statistics (heading and the three tables): the bilaga of the ärende."""
    data = build_pdf(statistik_story(rapport), DocumentInfo(title=rapport.rubrik,
                                                            subject="Ej verkställda gynnande beslut"),
                     on_page=page_header(db, namnd_id, rapport.datum))
    return finish_pdf(data, pdfa_level)
