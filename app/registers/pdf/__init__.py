"""The registers' printed documents: arende.py (render_arende, a register's ärende:
the delegation list, the meddelanden list) and evb.py (render_evb_rapport, the report
on ej verkställda beslut as an ärende, and render_statistik, its statistics alone as
the bilaga); layout.py holds what they share."""
