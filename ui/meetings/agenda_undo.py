"""The agenda's steps for Redigera → Ångra / Gör om (ui/undo.py): a move (by the
buttons or by dragging), an ärende added and an ärende removed. Each calls the ärende
service (app/meetings/arenden.py), so a justerat protokoll refuses the undo as it
refuses any change of its agenda (``refuse_if_justerat``).

A removed ärende is put back by adding the same content at the same place; it gets a new
id, which the history remembers so that earlier steps naming the old id still find it.
Its bilagor are files kept with the ärende and are not put back (the question before
removing says so)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6

from app.meetings import Arende
from ui import undo

if TYPE_CHECKING:
    from ui.meetings.agenda import AgendaPanel

KIND = "arende"
KINDS = ("meetings", "arenden")


class AgendaSteps:
    def __init__(self, panel: AgendaPanel):
        self.panel = panel
        self.arenden = panel.arenden

    @property
    def history(self) -> undo.UndoHistory | None:
        return undo.of_window(self.panel)

    def _id(self, arende_id: int) -> int:
        history = self.history
        return history.current_id(KIND, arende_id) if history is not None else arende_id

    def _reload(self, meeting_id: int, select: int | None = None) -> None:
        """Show the agenda again if the panel still shows that meeting."""
        panel = self.panel
        if shiboken6.isValid(panel) and panel.meeting is not None and panel.meeting.id == meeting_id:
            panel.reload(select)
            panel.changed.emit()

    def moved(self, meeting_id: int, before: list[Arende], after_ids: list[int],
              moved: int | None = None) -> None:
        """Record a new order already saved (``before`` is the order it replaced;
        ``moved`` the ärende the user moved, when known)."""
        before_ids = [a.id for a in before if a.id is not None]
        if moved is None:
            moved = _moved_one(before_ids, after_ids)
        number = next((a.nummer for a in before if a.id == moved), None)
        what = f"flytt av ärende {number}" if number is not None else "ny ordning av ärendena"

        def order(ids: list[int]) -> None:
            self.arenden.reorder(meeting_id, [self._id(i) for i in ids])

        if (history := self.history) is not None:
            history.record(what, lambda: order(after_ids), lambda: order(before_ids), KINDS,
                           after=lambda: self._reload(meeting_id))

    def added(self, arende: Arende) -> None:
        """Record an ärende just added (undo removes it, redo adds the same content)."""
        if (history := self.history) is None:
            return
        kept = self.arenden.get(arende.id)
        history.record(f"tillägg av ärende {kept.nummer} ”{kept.rubrik}”",
                       lambda: self._put_back(kept), lambda: self._take_away(kept), KINDS,
                       after=lambda: self._reload(kept.sammantrade_id))

    def remove(self, arende: Arende) -> None:
        """Remove ``arende`` as an undoable step (a refusal raises as from the service)."""
        kept = self.arenden.get(arende.id)
        if (history := self.history) is None:
            self._take_away(kept)
            return
        history.perform(f"borttagning av ärende {kept.nummer} ”{kept.rubrik}”",
                        lambda: self._take_away(kept), lambda: self._put_back(kept), KINDS,
                        after=lambda: self._reload(kept.sammantrade_id))

    def _take_away(self, kept: Arende) -> None:
        self.arenden.delete(self._id(kept.id))

    def _put_back(self, kept: Arende) -> None:
        again = self.arenden.add(replace(kept, id=None), position=kept.position)
        if (history := self.history) is not None:
            history.renamed(KIND, self._id(kept.id), again.id)


def _moved_one(before: list[int], after: list[int]) -> int | None:
    """The one ärende whose move turned ``before`` into ``after``, or None."""
    for candidate in before:
        if [i for i in before if i != candidate] == [i for i in after if i != candidate]:
            if before.index(candidate) != after.index(candidate):
                return candidate
    return None
