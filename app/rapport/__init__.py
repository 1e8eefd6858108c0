"""Reports to the fullmäktige (delårsrapport, bokslut, verksamhetsberättelse): a
report per nämnd and period, its outline of written and generated chapters, printed
as one PDF/A document (pdf/), listed and printed on the command line (cli.py)."""

from app.rapport.model import INNEHALL, SLAG, Kapitel, Rapport
from app.rapport.service import RapportService

__all__ = ["INNEHALL", "SLAG", "Kapitel", "Rapport", "RapportService"]
