"""The one normalisation every text gets on its way into the database
(docs/domain/text.md).

:func:`normalize` is registered as sqlite3's adapter for ``str`` (:func:`install`, done
when :mod:`db.connection` is imported). From then on the sqlite3 module hands every
``str`` parameter bound on any connection of the process to it before SQLite sees it:
the services' writes, the Excel imports, the command line, rich text and a raw
sqlite-utils insert alike, and the parameters of searches too (an NFD "Åsa" pasted from
a Mac finds the stored NFC one). Nothing can forget to call it.

What it does (and nothing else; it never trims or folds spaces, which is each field's
own business):

* a surrogate pair (two code points, from badly decoded UTF-16) becomes the character
  it encodes; a lone surrogate is removed (UTF-8 cannot hold it: every save crashed);
* line-break controls become ``\\n`` (CR LF, CR, vertical tab – Word's manual line
  break –, form feed, NEL, U+2028, U+2029); other C0 and C1 controls are removed, tab
  and newline stay;
* noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE,
  U+FFFF …) are removed (U+FFFF made every PDF with it fail PDF/A);
* bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are
  removed: the documents are left-to-right only, and an override reverses what the
  user sees of a title or a file name;
* the result is in Unicode normalisation form NFC ("a" + combining ring is stored as
  "å", so searching, sorting and printing see one letter).

A JSON array or object (the list fields: beslutsunderlag, skickas_till …) whose strings
hold controls that ``json.dumps`` escaped (``\\u0007``, ``\\r``) is decoded, its strings
normalised and encoded again, so list items get the same rule.

``str`` subclasses (enum members) are bound by sqlite3 without asking the adapter; they
are the program's own constants, never user text.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata

_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Removed once line breaks are ``\n``: controls but tab and newline, surrogates,
#: noncharacters, bidirectional controls.
_REMOVED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}{_BIDI_CONTROLS}]")
#: A character of the Basic Multilingual Plane the slow path has work with (a class
#: listing the astral noncharacters makes the search 15 times slower: a text with any
#: character beyond the BMP, an emoji, takes the slow path instead).
_NEEDS_WORK = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                         f"{_BIDI_CONTROLS}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: A control that ``json.dumps`` writes as an escape (tab and newline excepted).
_JSON_ESCAPED_CONTROL = re.compile(r'\\(?:[rbf]|u00[01][0-9a-fA-F]|u007[fF])')


def _pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def normalize(text: str) -> str:
    """``text`` as it is stored (see the module docstring)."""
    if text.isprintable() and text[:1] not in ("[", "{"):
        # Nearly every value: no control, format character, separator other than the
        # space, surrogate or noncharacter (str.isprintable is False for each of those,
        # so nothing below would remove or change anything); at most not yet NFC.
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text
        return unicodedata.normalize("NFC", text)
    json_like = text[:1] in ("[", "{") and _JSON_ESCAPED_CONTROL.search(text) is not None
    if not json_like and _NEEDS_WORK.search(text) is None and (
            text.isascii() or _ASTRAL.search(text) is None):
        # Nearly every text: at most not yet NFC.
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text
        return unicodedata.normalize("NFC", text)
    text = _REMOVED.sub("", _LINE_BREAK.sub("\n", _PAIR.sub(_pair, text)))
    if json_like:
        text = _normalize_json(text)
    return unicodedata.normalize("NFC", text)


def _normalize_json(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return text  # not JSON: a text that happens to start with a bracket
    if not isinstance(value, list | dict):
        return text
    return json.dumps(_normalize_value(value), ensure_ascii=False)


def _normalize_value(value):
    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, list):
        return [_normalize_value(v) for v in value]
    if isinstance(value, dict):
        return {normalize(k): _normalize_value(v) for k, v in value.items()}
    return value


def install() -> None:
    """Make :func:`normalize` the adapter of every ``str`` bound by sqlite3 in this
    process (idempotent)."""
    sqlite3.register_adapter(str, normalize)
