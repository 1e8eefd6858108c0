"""Widgets every area uses, one of each (docs/ARCHITECTURE.md): forms with field errors
and record dialogs (forms.py), status lines (status.py), questions (dialogs.py), button
rows (buttons.py), date fields (fields.py), Swedish wording (text.py), the rich-text
editor (richtext_edit.py) and the leave-or-revert guard (guard.py). Nothing is imported
here, so an area loads only what it uses."""
