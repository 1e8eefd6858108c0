"""Why the Protokoll area's buttons and fields are off, as their tooltips say it
(ui/widgets/buttons.py: enable_or_explain)."""

from __future__ import annotations

#: The meeting's protokoll is justerat: everything reads, nothing changes.
PROTOKOLL_JUSTERAT = "Protokollet är justerat och kan inte ändras. Rättelser görs under Justering."
#: The paragraph is justerad (with the protokoll, or at once).
PARAGRAF_JUSTERAD = "Paragrafen är justerad och kan inte ändras. Rättelser görs under Justering."
NO_MEETING = "Välj ett sammanträde i listan först."
NOT_STARTED = "Protokollet är inte påbörjat: tryck ”Påbörja protokollet” först."
NOT_JUSTERAT = "Inget i protokollet är justerat än: utdrag görs av justerade paragrafer."
NOT_LOCKED = "Anslaget görs när protokollet är justerat."
NOT_PUBLISHED = "Webbkopian görs av det som är justerat; inget i protokollet är justerat än."
