"""Widgets every area uses, one of each (docs/ARCHITECTURE.md): forms with field errors
and record dialogs (forms.py), status lines (status.py), questions (dialogs.py), button
rows (buttons.py), date fields (fields.py), Swedish wording (text.py), the rich-text
editor (richtext_edit.py), the leave-or-revert guard (guard.py), rows that wrap in a
narrow window (flow.py), panels that scroll in a low one (scroll.py) and what to do
first on a new database (first_step.py). Nothing is imported here, so an area loads
only what it uses."""
