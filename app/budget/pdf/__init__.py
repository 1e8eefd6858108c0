"""The economy's printed documents, one module per document: internbudget.py
(render_internbudget, the year's internbudget with the investeringsbudget starting
that year), investeringar.py (render_investeringar, a year's investeringsbudget and
investeringsredovisningar) and uppfoljning.py (render_uppfoljning, a month's
budgetuppföljning). layout.py holds what they share (page head, tables, finish),
diagram.py the charts."""
