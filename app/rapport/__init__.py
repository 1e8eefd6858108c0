"""Reports to the fullmäktige (delårsrapport, bokslut, verksamhetsberättelse): a
report per nämnd and period, its outline of written and generated chapters (a written
one optionally per förvaltning), printed as one PDF/A document (pdf/), copied to the
next period (copyforward.py), listed, printed and copied on the command line (cli.py)."""

from app.rapport.model import INNEHALL, SLAG, ForvaltningsText, Kapitel, Rapport
from app.rapport.service import RapportService

__all__ = ["INNEHALL", "SLAG", "ForvaltningsText", "Kapitel", "Rapport", "RapportService"]
