"""What copies of public records meant for others (the web copy, utdrag to other
recipients) show in place of what they must not show: the kommun's chosen rubrik for a
§ or ärende under sekretess, one per database in ``installning``
(app/protokoll/sekretess.py applies it; the kommun edits it with its own details)."""

from __future__ import annotations

from sqlite_utils import Database

from app.validation import clean_text

#: The rubrik a § or ärende under sekretess has in copies for others (the web copy,
#: utdrag to other recipients): one per database, chosen by the kommun
#: (app/protokoll/sekretess.py applies it).
SEKRETESS_RUBRIK_KEY = "sekretess_rubrik"
DEFAULT_SEKRETESS_RUBRIK = "Ärende som omfattas av sekretess"


def sekretess_rubrik(db: Database) -> str:
    """The public rubrik shown instead of a covered § or ärende's own."""
    row = db.execute("SELECT varde FROM installning WHERE nyckel = ?", [SEKRETESS_RUBRIK_KEY]).fetchone()
    return row[0] if row and row[0].strip() else DEFAULT_SEKRETESS_RUBRIK


def store_sekretess_rubrik(db: Database, text: str) -> str:
    """Store the public rubrik (inside the caller's transaction); empty goes back to the
    default. Returns the rubrik now in force."""
    value = " ".join(clean_text(text).split())
    db.execute("INSERT OR REPLACE INTO installning (nyckel, varde) VALUES (?, ?)",
               [SEKRETESS_RUBRIK_KEY, value])
    return sekretess_rubrik(db)
