"""Text the documents cannot print is refused where it enters (docs/domain/text.md).

Every PDF draws user text with Liberation Sans and, for letters it lacks, DejaVu Sans
(app/pdf/fonts.py), through ReportLab, which neither reorders right-to-left text nor
joins Arabic letters. So two kinds of characters cannot be printed as typed:

* letters of right-to-left scripts (Unicode bidi class R, AL or AN: Hebrew, Arabic,
  Syriac, Thaana, N'Ko …): a name would come out backwards, Arabic letters unjoined;
* characters neither font has (most emoji, Chinese, Devanagari …), which would print as
  a □.

Rather than print something else than was typed into a protokoll, the program refuses
them with a Swedish message naming the character and quoting the text it is in, next to
the field (a :class:`ValidationError` with the field's name) or on the Excel cell. An
emoji that DejaVu Sans has (😀, ☺, ✔) prints, in black and white, and is accepted.
Controls, noncharacters and surrogates are not refused: the database's one
normalisation (db/text.py) removes them silently, and the characters the documents
leave out as invisible (formatting characters such as soft hyphens and zero-width
joiners, variation selectors) are kept as typed.

:func:`checked_entry` applies the refusal to every public method of every service
(app/changes.py ``AnnouncingService``): a call whose arguments carry such text may read,
but when it writes, what it wrote is rolled back and the refusal raised.
"""

from __future__ import annotations

import functools
import inspect
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.validation import FieldError, ValidationError
from db.text import normalize

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Bidi classes of right-to-left letters and Arabic digits.
RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})
#: Every assigned character below this one is in Liberation Sans (Latin, Latin-1,
#: Latin Extended A and B; tests/test_text_boundary.py checks it), so text made of
#: nothing else needs no look at the fonts.
_LATIN_END = "\u0250"
#: Parameters that are not text for a document: a file's path (a folder's name is never
#: printed; a bilaga's file name that reaches a page prints through the PDFs' safety net,
#: app/pdf/text.py, with a □ for what no font has).
_NOT_TEXT = frozenset({"path"})


@functools.cache
def printable(ch: str) -> bool:
    """The documents print ``ch`` as typed, or leave it out because it is invisible."""
    if ch < _LATIN_END:
        return True
    if unicodedata.bidirectional(ch) in RIGHT_TO_LEFT:
        return False
    from app.pdf import fonts  # ReportLab: only imported when text goes beyond Latin

    category = unicodedata.category(ch)
    has_glyph = fonts.main_font_has(ch) or fonts.fallback_has(ch)
    if category in ("Cc", "Cf") or (category == "Mn" and not has_glyph):
        return True  # app/pdf/text.py leaves these out: invisible anyway
    return has_glyph


@lru_cache(maxsize=1)
def _plainly_printable() -> frozenset[str]:
    """Characters up to U+2FFF that print and that the normalisation leaves alone (no
    controls, formatting characters or marks, which compose or vanish)."""
    found = set()
    for code in range(0x20, 0x3000):
        ch = chr(code)
        if unicodedata.category(ch)[0] not in "CM" and printable(ch):
            found.add(ch)
    return frozenset(found)


def unprintable(text: str | None) -> list[str]:
    """The distinct characters of ``text`` (as it will be stored) that the documents
    cannot print, in the order they occur."""
    # Nearly every text: Latin only (nothing composes below U+0300), or letters and
    # punctuation the fonts have, already in NFC (20 000 imported rows of Swedish text
    # are checked in about 0.2 s).
    if not text or text.isascii() or max(text) < _LATIN_END:
        return []
    if _plainly_printable().issuperset(text) and unicodedata.is_normalized("NFC", text):
        return []
    text = normalize(text)
    found: list[str] = []
    for ch in text:
        if not printable(ch) and ch not in found:
            found.append(ch)
    return found


def describe(ch: str) -> str:
    """``”🎉” (U+1F389 PARTY POPPER)``: the character, its code point and Unicode name."""
    name = unicodedata.name(ch, "")
    return f"”{_isolated(ch)}” (U+{ord(ch):04X}{' ' + name if name else ''})"


def _isolated(text: str) -> str:
    """``text`` between first-strong and pop isolates when it holds right-to-left letters,
    so that a message quoting it is still laid out left to right around it (without them
    Qt lays out the whole message from the right, quotation marks and all)."""
    if any(unicodedata.bidirectional(ch) in RIGHT_TO_LEFT for ch in text):
        return f"\u2068{text}\u2069"
    return text


def _excerpt(text: str, ch: str, width: int = 50) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    at = text.find(ch)
    start = max(0, min(at - width // 2, len(text) - width))
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


def problem(text: str | None) -> str | None:
    """Why ``text`` cannot be printed, in Swedish, naming the characters and quoting the
    text around the first; None when it can."""
    chars = unprintable(text)
    if not chars or text is None:
        return None
    quoted = f"Texten ”{_isolated(_excerpt(normalize(text), chars[0]))}” innehåller"
    rtl = [ch for ch in chars if unicodedata.bidirectional(ch) in RIGHT_TO_LEFT]
    missing = [ch for ch in chars if ch not in rtl]
    sentences = []
    if rtl:
        sentences.append(
            f"{quoted} {_script(rtl[0])}, som {describe(rtl[0])}, vilken skrivs från höger till "
            "vänster: i protokoll och andra dokument skulle den skrivas ut baklänges och med lösa "
            "bokstäver. Skriv namnet eller texten med latinska bokstäver.")
    if missing:
        shown = ", ".join(describe(ch) for ch in missing[:3])
        if len(missing) > 3:
            shown += f" och {len(missing) - 3} till"
        which = "tecknet" if len(missing) == 1 else "tecknen"
        sentences.append(
            f"{'Den innehåller också' if rtl else quoted} {shown}, som typsnitten i protokoll och andra "
            f"dokument saknar (det skulle skrivas ut som □). Ta bort {which} eller skriv med ord.")
    return " ".join(sentences)


_SCRIPTS = {"HEBREW": "hebreisk skrift", "ARABIC": "arabisk skrift", "SYRIAC": "syrisk skrift",
            "THAANA": "thaanaskrift", "NKO": "N'Ko-skrift"}


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    return _SCRIPTS.get(first, "en skrift")


# -- the services' entry ---------------------------------------------------------------------

def argument_errors(names: Iterable[str], args: tuple, kw: dict[str, Any]) -> list[FieldError]:
    """One error per field whose text in a service call's arguments cannot be printed.

    A plain argument is named by its parameter, text inside a record (a dataclass, or a
    list of them) by the record's field, so a form shows the message at its widget.
    """
    errors: dict[str, FieldError] = {}
    for name, value in [*zip(names, args, strict=False), *kw.items()]:
        if name not in _NOT_TEXT:
            _walk(value, name, False, 0, errors)
    return list(errors.values())


@functools.cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def _walk(value: Any, field: str, in_record: bool, depth: int, errors: dict[str, FieldError]) -> None:
    if isinstance(value, str):
        if field not in errors and (message := problem(value)) is not None:
            errors[field] = FieldError(field, message)
    elif depth > 4 or isinstance(value, bytes | bytearray | int | float) or value is None:
        return
    elif is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            item = getattr(value, name)
            # Most fields of an imported row are empty, numbers or Latin text: answered
            # here rather than by a call each (an import hands over 10 000 records).
            if item is None or type(item) in _NOT_TEXT_TYPES or (
                    type(item) is str and (not item or item.isascii() or max(item) < _LATIN_END)):
                continue
            _walk(item, field if in_record else name, True, depth + 1, errors)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _walk(item, field, in_record, depth + 1, errors)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, field, in_record, depth + 1, errors)


_NOT_TEXT_TYPES = frozenset({int, float, bool, bytes, bytearray})

#: Per thread: inside a service call already (only the outermost call's arguments are
#: what a caller handed in; nested calls see text already in the database).
_inside = threading.local()


@contextmanager
def texts_checked() -> Iterator[None]:
    """Service calls in this block do not look through their arguments again: for an
    Excel import, whose every cell's text was checked as it was read
    (app/excel_import/parsing.py), so that storing 10 000 rows does not walk 10 000
    records a second time (a tenth of the import)."""
    before = getattr(_inside, "call", False)
    _inside.call = True
    try:
        yield
    finally:
        _inside.call = before


def checked_entry(method: Callable) -> Callable:
    """``method`` (a service's public method) refusing text the documents cannot print:
    see the module docstring."""
    names = list(inspect.signature(method).parameters)[1:]

    @functools.wraps(method)
    def checked(self: Any, *args: Any, **kw: Any) -> Any:
        if getattr(_inside, "call", False):
            return method(self, *args, **kw)
        _inside.call = True
        try:
            errors = argument_errors(names, args, kw)
            if not errors:
                return method(self, *args, **kw)
            return _read_only(self.db, errors, lambda: method(self, *args, **kw))
        finally:
            _inside.call = False

    return checked


def _read_only(db: Database, errors: list[FieldError], call: Callable[[], Any]) -> Any:
    """``call()`` inside a savepoint that is rolled back, with ``errors`` raised, when it
    wrote (a search for an emoji is answered; a save of one is refused). A savepoint, not
    BEGIN IMMEDIATE: a read must not need the write lock, nor a writable file."""
    conn = db.conn
    before = conn.total_changes
    conn.execute("SAVEPOINT nk_unprintable")
    try:
        try:
            result = call()
        except ValidationError as exc:  # the call's own field errors and ours at once
            raise ValidationError([*exc.errors, *errors]) from None
        if conn.total_changes != before:
            raise ValidationError(errors)
    except BaseException:
        if conn.in_transaction:  # a trigger's RAISE(ROLLBACK) may have ended it already
            conn.execute("ROLLBACK TO SAVEPOINT nk_unprintable")
            conn.execute("RELEASE SAVEPOINT nk_unprintable")
        raise
    conn.execute("RELEASE SAVEPOINT nk_unprintable")
    return result
