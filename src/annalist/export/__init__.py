"""Exports of the store: PLOVER JSONL (the canonical interchange format)."""

from annalist.export.plover import event_to_plover, fused_to_plover, write_plover_jsonl

__all__ = ["event_to_plover", "fused_to_plover", "write_plover_jsonl"]
