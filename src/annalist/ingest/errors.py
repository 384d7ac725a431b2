"""The codes of ingest errors, and the one way to build an :class:`~annalist.model.InputError`.

Each code names one kind of rejection so that users can grep for it; the reason text always
says what was wrong and how to fix it.  ``reason`` starts with the bracketed code, so a reason
printed on its own is still greppable.

====  ======================================================================
I001  the path does not exist
I002  the path cannot be read (permissions, a broken directory, not a file)
I003  the file or JSONL line is bigger than the size limit
I004  not text: binary content or an encoding that could not be determined
I005  empty: no text left (empty, blank, or nothing but embed leftovers)
I006  a JSONL line is not valid JSON
I007  a JSONL line is valid JSON but not an object
I008  a JSONL record has no usable ``text``
I009  an unusable date (JSONL ``published`` or a ``date`` header)
I010  a JSONL field has the wrong type
I011  a directory holds no file that annalist reads
I012  an HTML page with no article body (nothing the extractor takes for the main text)
I013  a WARC response that is not an HTML page (another content type, or an HTTP error status)
I014  a compressed or WARC file that is truncated or corrupt (the rest of the file is unreadable)
I015  a feed that cannot be parsed at all (no feed, no entries)
I016  a feed entry with no text (no content, summary or description)
I017  a CSV/TSV row that cannot be used (ragged, or no text in the text column)
I018  a URL that could not be fetched (HTTP error, timeout, too big, too many redirects)
I019  a format that cannot be read (unknown, or forced with --format on the wrong content)
====  ======================================================================
"""

from __future__ import annotations

from annalist.model import InputError

__all__ = ["input_error"]

MISSING = "I001"
UNREADABLE = "I002"
OVERSIZED = "I003"
NOT_TEXT = "I004"
EMPTY = "I005"
BAD_JSON = "I006"
NOT_AN_OBJECT = "I007"
NO_TEXT = "I008"
BAD_DATE = "I009"
BAD_FIELD = "I010"
NOTHING_TO_READ = "I011"
NO_ARTICLE = "I012"
NOT_HTML = "I013"
CORRUPT = "I014"
BAD_FEED = "I015"
EMPTY_ENTRY = "I016"
BAD_ROW = "I017"
FETCH_FAILED = "I018"
BAD_FORMAT = "I019"


def input_error(origin: str, code: str, message: str, *, position: str = "") -> InputError:
    """An :class:`InputError` whose reason reads ``"[code] message"``.

    >>> input_error("a.txt", EMPTY, "empty file; remove it").reason
    '[I005] empty file; remove it'
    """
    return InputError(origin=origin, position=position, code=code, reason=f"[{code}] {message}")
