"""Ingest: turning what the user names into Documents, or into errors that say why not.

>>> from annalist.ingest import read_inputs
>>> for item in read_inputs(["articles/", "more.jsonl", "-"]):  # doctest: +SKIP
...     print(item)

One module per source format (:mod:`~annalist.ingest.text`, :mod:`~annalist.ingest.jsonl`);
:mod:`~annalist.ingest.core` dispatches on what each path is; every Document is built by
:func:`~annalist.ingest.document.make_document`; error codes are listed in
:mod:`~annalist.ingest.errors`.
"""

from annalist.ingest.core import MAX_BYTES, read_inputs

__all__ = ["MAX_BYTES", "read_inputs"]
