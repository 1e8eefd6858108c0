"""The Protokoll area: write the protokoll during the meeting, justering,
and the protokoll, utdrag and anslag PDFs."""
