"""Which text of a chapter the report editor shows: the chapter's own, or, for a chapter
written per förvaltning, one förvaltning's. One rich-text editor shows them in turn;
what is typed in one is kept while another is shown, and "Spara kapitlet" saves them
all at once (RapportService.save_kapitel), so switching förvaltning loses nothing and
asks nothing."""

from __future__ import annotations

from copy import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.rapport.model import ForvaltningsText
from ui.widgets.richtext_edit import RichTextEdit

OWN = -1  # the chapter's own text, printed before the förvaltningar's
OWN_LABEL = "Kapitlets egen text (före förvaltningarna)"
TO_REVIEW = "att granska"


class TextChoice(QWidget):
    """The "Texten gäller" chooser over the chapter's editor."""

    #: Another text is shown (the editor updates its review note).
    shown_changed = Signal()

    def __init__(self, editor: RichTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.combo = QComboBox()
        self.combo.setObjectName("kapitel_forvaltning")
        self.combo.setToolTip("Kapitlet skrivs per förvaltning: välj vems text du skriver")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Texten gäller:", buddy=self.combo))
        layout.addWidget(self.combo, 1)
        self.texts: list[ForvaltningsText] = []
        self.own_att_granska = False
        self.buffer: dict[int, str] = {}  # what each text holds now, typed or as stored
        self.baseline: dict[int, str] = {}  # each shown text as the editor first gave it back
        self.shown = OWN
        self._switching = False
        self.combo.currentIndexChanged.connect(self._chosen)

    # -- loading ---------------------------------------------------------------------------
    def load(self, own: str, texts: list[ForvaltningsText], per_forvaltning: bool,
             own_att_granska: bool = False) -> None:
        """A chapter's texts; the editor shows its own text."""
        self.texts = [copy(t) for t in texts]
        self.own_att_granska = own_att_granska
        self.buffer = {OWN: own, **{i: t.text for i, t in enumerate(self.texts)}}
        self.baseline = {}
        self._switching = True
        try:
            self.combo.clear()
            self.combo.addItem(OWN_LABEL, OWN)
            for i in range(len(self.texts)):
                self.combo.addItem(self._label(i), i)
            self.combo.setCurrentIndex(0)
        finally:
            self._switching = False
        self._show(OWN)
        self.set_per_forvaltning(per_forvaltning)

    def _label(self, i: int) -> str:
        t = self.texts[i]
        return f"{t.rubrik} – {TO_REVIEW}" if t.att_granska else t.rubrik

    def set_per_forvaltning(self, on: bool) -> None:
        """Show the chooser; turned off, the chapter's own text is shown."""
        self.setVisible(on and bool(self.texts))
        if not on and self.shown != OWN:
            self.combo.setCurrentIndex(0)

    # -- switching -------------------------------------------------------------------------
    def _stash(self) -> None:
        self.buffer[self.shown] = self.editor.stored()

    def _show(self, key: int) -> None:
        self.shown = key
        self.editor.set_stored(self.buffer.get(key, ""))
        # Compared with what the editor gives back, so showing a text is no change of it.
        self.baseline.setdefault(key, self.editor.stored())
        self.buffer[key] = self.editor.stored()

    def _chosen(self, _index: int) -> None:
        if self._switching:
            return
        key = self.combo.currentData()
        if key is None or key == self.shown:
            return
        self._stash()
        self._show(key)
        self.shown_changed.emit()

    # -- what was typed ----------------------------------------------------------------------
    def state(self) -> tuple:
        """The texts changed since they were loaded (None where unchanged), to see a change."""
        self._stash()
        return tuple(self.buffer[k] if k in self.baseline and self.buffer[k] != self.baseline[k] else None
                     for k in [OWN, *range(len(self.texts))])

    def own_text(self) -> str:
        self._stash()
        return self.buffer[OWN]

    def changed_texts(self) -> list[ForvaltningsText]:
        """The förvaltningar's texts that were changed, with what they hold now."""
        self._stash()
        out = []
        for i, t in enumerate(self.texts):
            if i in self.baseline and self.buffer[i] != self.baseline[i]:
                changed = copy(t)
                changed.text = self.buffer[i]
                out.append(changed)
        return out

    def shown_text(self) -> ForvaltningsText | None:
        """The förvaltning's text shown (None: the chapter's own)."""
        return self.texts[self.shown] if self.shown != OWN else None

    def shown_to_review(self) -> bool:
        t = self.shown_text()
        return self.own_att_granska if t is None else t.att_granska

    def mark_shown_reviewed(self) -> None:
        t = self.shown_text()
        if t is None:
            self.own_att_granska = False
        else:
            t.att_granska = False
            self.combo.setItemText(self.combo.findData(self.shown), self._label(self.shown))

