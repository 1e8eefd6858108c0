"""The protokoll's printed documents: protokoll.py (render_protokoll, and
render_rattelser for the rättelser after justering), utdrag.py (render_utdrag, the
protokollsutdrag) and anslag.py (render_anslag, the notice for the anslagstavla);
layout.py holds the page and the pieces they share. They read a
:class:`app.protokoll.dokument.ProtokollDocs` snapshot and give plain PDF bytes."""
