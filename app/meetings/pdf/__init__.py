"""A meeting's printed documents: kallelse.py (render_kallelse), tjansteskrivelse.py
(render_tjansteskrivelse, and every ärende's document in one build) and handlingar.py
(render_handlingar, the bundle); layout.py holds what they share."""
