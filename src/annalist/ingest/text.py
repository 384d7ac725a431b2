"""Plain-text articles (``.txt``, ``.md``, standard input): one file, one Document.

A file may start with an inline date header, the word ``date`` then ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``, then the text on the same line::

     date 2023-09 Sono durati due ore i colloqui …

Blanks may precede it and the text may start on the next line instead.  The header sets
``published`` with its precision and is removed from the text; without it ``published`` is
None (never today's date).  ``date`` here is a keyword of the file format, like a JSONL field
name, not a word the engine understands.

Decoding, in this order, each step tried only when the previous one failed:

1. a UTF-32 or UTF-16 byte-order mark → that encoding;
2. UTF-8 (a byte-order mark is dropped);
3. windows-1252, when every non-ASCII character it yields is a Latin-1 letter or a
   typographic mark and they are a small share of the letters (the WHATWG default for
   unlabelled legacy Western text; charset detection confuses it with windows-1250);
4. charset-normalizer: its best reading that is confident (low chaos, and coherent text
   or a multi-byte encoding that decoded cleanly) and has no sign stuck to a letter, the
   mark of letters misread in the wrong code page ("powiedzia³" for "powiedział").

Control bytes (NUL and friends) mean binary content and are rejected first, with the
position of the first one.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from annalist.ingest import errors
from annalist.ingest.document import make_document
from annalist.model import Document, InputError, PartialDate

__all__ = ["DecodeFailure", "decode", "read_text", "split_header"]

#: charset-normalizer results above this mess ratio are rejected.
MAX_CHAOS = 0.1
#: … and so are single-byte results below this coherence.
MIN_COHERENCE = 0.3
#: At most this share of the letters may be non-ASCII for the windows-1252 shortcut.
MAX_LEGACY_LETTER_SHARE = 0.3

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text: C0 controls except tab, newline, vertical tab, form feed,
# carriage return and escape.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Multi-byte legacy encodings: a clean decode of a real text is itself strong evidence.
_MULTI_BYTE = frozenset({
    "big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp",
    "euc_kr", "gb18030", "gb2312", "gbk", "hz", "johab", "shift_jis", "shift_jis_2004",
    "shift_jisx0213",
})
# Non-letters that Western windows-1252 text commonly contains.  Rarer signs (¹ ³ ¥ ¼ ¾ ¦ ¯
# …) are left out on purpose: they are what windows-1250 letters (ą ł Ą ľ Ś Ż …) look like
# when misread as windows-1252.
_LEGACY_MARKS = frozenset("\u00a0\u00ad“”‘’„‚–—…•€«»°·§©®™±×÷¡¿ªº¢£‹›†‡‰")

_HEADER = re.compile(r"\s*date[ \t]+(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[ \t]+|[ \t]*\n|\Z)")


@dataclass(frozen=True, slots=True)
class DecodeFailure:
    """Why bytes are not text: a message and the byte offset where the evidence is."""

    message: str
    byte: int


def read_text(data: bytes | str, *, origin: str) -> Document | InputError:
    """One Document from the bytes (or already decoded text) of a plain-text article.

    >>> doc = read_text(b" date 2023-09 Keller e Otieno hanno firmato un accordo.", origin="a.txt")
    >>> doc.text, doc.published.iso(), doc.published.precision
    ('Keller e Otieno hanno firmato un accordo.', '2023-09', 'month')
    """
    if isinstance(data, bytes):
        decoded = decode(data)
        if isinstance(decoded, DecodeFailure):
            return errors.input_error(
                origin, errors.NOT_TEXT,
                f"not text: {decoded.message} (position byte {decoded.byte})",
                position=f"byte {decoded.byte}",
            )
        text = decoded
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        return errors.input_error(
            origin, errors.EMPTY, "empty: the file has no text; remove it or give it some text"
        )
    try:
        published, body = split_header(text)
    except ValueError as exc:
        return errors.input_error(
            origin, errors.BAD_DATE,
            f"bad date header: {exc}; write it as 'date YYYY', 'date YYYY-MM' or "
            "'date YYYY-MM-DD' followed by the text",
            position="line 1",
        )
    return make_document(body, origin=origin, published=published)


def split_header(text: str) -> tuple[PartialDate | None, str]:
    """Split an inline ``date YYYY[-MM[-DD]]`` header off ``text``.

    Raises ``ValueError`` when the header is there but is not a real date.

    >>> split_header(" date 2023-09-13 Testo.")
    (PartialDate(year=2023, month=9, day=13), 'Testo.')
    >>> split_header("Testo senza data.")
    (None, 'Testo senza data.')
    """
    match = _HEADER.match(text)
    if match is None:
        return None, text
    date = PartialDate.parse(match.group(1))
    date.first_day()  # a year 0 or a 30 February raises ValueError here
    return date, text[match.end() :]


def decode(data: bytes) -> str | DecodeFailure:
    """Decode an article's bytes (see the module docstring for the order of attempts)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                message = f"invalid {encoding.upper()} despite its byte-order mark"
                return DecodeFailure(message, exc.start)
    control = _CONTROL_BYTES.search(data)
    if control is not None:
        return DecodeFailure(
            f"control byte 0x{control.group()[0]:02x}, so this looks like a binary file; "
            "give annalist text, Markdown or JSONL files",
            control.start(),
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    legacy = _windows_1252(data)
    if legacy is not None:
        return legacy
    guessed = _charset_normalizer(data)
    if guessed is not None:
        return guessed
    return DecodeFailure(
        "not UTF-8 and its encoding could not be told with confidence; convert it to UTF-8 "
        "(e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE)",
        first_bad,
    )


def _windows_1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes 0x81, 0x8d, 0x8f, 0x90 and 0x9d are unassigned
        return None
    letters = non_ascii_letters = 0
    for char in text:
        if char in _LEGACY_MARKS:
            continue
        if char.isalpha():
            letters += 1
            if not char.isascii():
                non_ascii_letters += 1
                if unicodedata.name(char, "").split()[0] != "LATIN":
                    return None
        elif not char.isascii():
            return None
    if letters and non_ascii_letters > MAX_LEGACY_LETTER_SHARE * letters:
        return None  # mostly accented letters: another script read as windows-1252
    return text


def _charset_normalizer(data: bytes) -> str | None:
    """charset-normalizer's first confident reading that does not look misread."""
    for match in charset_normalizer.from_bytes(data):
        if match.chaos > MAX_CHAOS or match.encoding.startswith(("utf_16", "utf_32")):
            continue  # no byte-order mark and no NUL bytes: not really UTF-16/32
        if match.encoding not in _MULTI_BYTE and match.coherence < MIN_COHERENCE:
            continue
        text = str(match)
        if not _has_symbol_inside_words(text):
            return text
    return None


def _has_symbol_inside_words(text: str) -> bool:
    """True when a Latin-range sign touches a letter, as misread letters do ("powiedzia³").

    Only signs between U+00A0 and U+02FF count (where one code page's letters land when read
    with another); CJK punctuation, which legitimately touches letters, is not looked at.
    """
    for i, char in enumerate(text):
        if not "\u00a0" <= char <= "\u02ff" or char in _LEGACY_MARKS:
            continue
        category = unicodedata.category(char)
        if category[0] in "LMZ" or category == "Nd":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalpha() or after.isalpha():
            return True
    return False
