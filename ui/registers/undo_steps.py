"""A register's entries added, changed and removed as steps of Redigera → Ångra /
Gör om (ui/undo.py), for the tabs that can read and store one whole entry (``fetch`` and
``store``: delegationsbeslut and meddelanden). Every step calls the register's service,
so an entry reported at a meeting whose protokoll is justerat refuses the undo as it
refuses any change (app/registers/common.py ``refuse_justerat``).

A removed entry is put back by storing the same content as a new entry; it gets a new
id, which the history remembers so that earlier steps naming the old id still find it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import shiboken6

from ui import undo

if TYPE_CHECKING:
    from ui.registers.common import RegisterTab

KINDS = ("registers",)


class RegisterSteps:
    def __init__(self, tab: RegisterTab):
        self.tab = tab
        self.kind = f"register:{type(tab).__name__}"

    @property
    def enabled(self) -> bool:
        """Undoable: the tab reads and stores whole entries, and is in the main window."""
        return (callable(getattr(self.tab, "fetch", None)) and callable(getattr(self.tab, "store", None))
                and undo.of_window(self.tab) is not None)

    def _history(self) -> undo.UndoHistory:
        history = undo.of_window(self.tab)
        assert history is not None  # callers check enabled first
        return history

    def _id(self, entry_id: int) -> int:
        history = undo.of_window(self.tab)
        return history.current_id(self.kind, entry_id) if history is not None else entry_id

    def _show(self, entry_id: int | None = None) -> None:
        if shiboken6.isValid(self.tab):
            self.tab.reload(self._id(entry_id) if entry_id is not None else None)

    def before_edit(self, entry_id: int) -> Any | None:
        """The entry as stored before its dialog opens (for the step's undo)."""
        return self.tab.fetch(entry_id) if self.enabled else None

    def added(self, record: Any) -> None:
        if not self.enabled or record.id is None:
            return
        kept = self.tab.fetch(record.id)
        self._history().record(f"tillägg av {self.tab.describe(kept)}", lambda: self._put_back(kept),
                               lambda: self._take_away(kept), KINDS, after=lambda: self._show(kept.id))

    def edited(self, before: Any | None, record: Any) -> None:
        if not self.enabled or before is None or record.id is None:
            return
        after = self.tab.fetch(record.id)
        if after == before:
            return
        self._history().record(f"ändring av {self.tab.describe(after)}",
                               lambda: self.tab.store(replace(after, id=self._id(after.id))),
                               lambda: self.tab.store(replace(before, id=self._id(before.id))), KINDS,
                               after=lambda: self._show(after.id))

    def remove(self, record: Any) -> bool:
        """Remove ``record`` as a step; False when this tab's entries are not undoable
        (the caller removes it itself). A refusal raises as from the service."""
        if not self.enabled:
            return False
        kept = self.tab.fetch(record.id)
        self._history().perform(f"borttagning av {self.tab.describe(kept)}", lambda: self._take_away(kept),
                                lambda: self._put_back(kept), KINDS, after=lambda: self._show(kept.id))
        return True

    def _take_away(self, kept: Any) -> None:
        self.tab.delete_ids([self._id(kept.id)])

    def _put_back(self, kept: Any) -> None:
        again = self.tab.store(replace(kept, id=None))
        if (history := undo.of_window(self.tab)) is not None:
            history.renamed(self.kind, self._id(kept.id), again.id)
