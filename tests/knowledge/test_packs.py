"""Every knowledge pack follows its schema and its codes exist."""

import pytest

from annalist.knowledge.packs import load_knowledge, validate_codes
from annalist.knowledge.tables import DATA_DIR, SCHEMAS, read_table
from annalist.model import PLOVER_TYPES

PACK_FILES = sorted(p for p in DATA_DIR.rglob("*.tsv"))


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_packs_every_file_follows_its_schema(path):
    rows = read_table(path)
    assert rows, f"{path} has no rows"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), f"{path} has no header comment saying what it is"


def test_packs_codes_types_and_modes_are_valid():
    assert validate_codes(load_knowledge()) == []


@pytest.mark.parametrize("lang", ["it", "en", "es", "fr", "de", "pt"])
def test_packs_every_plover_type_has_triggers(lang):
    pack = load_knowledge().packs[lang]
    types = {p.type for pats in pack.triggers.values() for p in pats} | {p.type for _, p in pack.trigger_prefixes}
    assert set(PLOVER_TYPES) <= types, sorted(set(PLOVER_TYPES) - types)


@pytest.mark.parametrize("lang", ["it", "en", "es", "fr", "de", "pt"])
def test_packs_core_tables_exist(lang):
    for name in ("countries", "demonyms", "roles", "metonyms", "triggers", "cues", "grammar", "dates"):
        assert (DATA_DIR / lang / f"{name}.tsv").exists(), name
        assert f"lang/{name}.tsv" in SCHEMAS


def test_packs_every_country_has_a_name_in_each_core_language():
    import pycountry

    for lang in ("it", "en", "es", "fr", "de", "pt"):
        codes = {r["code"] for r in read_table(DATA_DIR / lang / "countries.tsv")}
        missing = {c.alpha_3 for c in pycountry.countries} - codes
        assert not missing, (lang, sorted(missing)[:10])


@pytest.mark.parametrize("lang", ["it", "en", "es", "fr", "de", "pt"])
def test_packs_every_mode_has_triggers_but_a_few(lang):
    kn = load_knowledge()
    pack = kn.packs[lang]
    pats = [p for ps in pack.triggers.values() for p in ps] + [p for _, p in pack.trigger_prefixes]
    covered = {(p.type, p.mode) for p in pats if p.mode}
    all_modes = {(t, m) for t, ms in kn.modes.items() for m in ms}
    assert len(all_modes - covered) <= 2, sorted(all_modes - covered)
