"""The Protokoll area (issue 4): write the protokoll during the meeting, justering,
and the protokoll, utdrag and anslag PDFs."""
