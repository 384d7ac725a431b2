import pytest

from annalist.model import PartialDate, content_id


@pytest.mark.parametrize("text,precision", [("2023", "year"), ("2023-09", "month"), ("2023-09-13", "day"),
                                            ("2023-09-13T10:00:00Z", "day")])
def test_model_partial_date_parse_keeps_precision(text, precision):
    d = PartialDate.parse(text)
    assert d.precision == precision
    assert text.startswith(d.iso())


@pytest.mark.parametrize("bad", ["", "sept", "2023-13", "2023-02-30", "2023-09-13-01"])
def test_model_partial_date_rejects_bad_text(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


@pytest.mark.parametrize("a,b,ok", [
    ("2023-09", "2023-09-13", True),
    ("2023-09-12", "2023-09-13", False),
    ("2023", "2023-09-13", True),
    ("2023-08", "2023-09-01", False),
])
def test_model_partial_date_compatible(a, b, ok):
    assert PartialDate.parse(a).compatible(PartialDate.parse(b)) is ok
    assert PartialDate.parse(b).compatible(PartialDate.parse(a)) is ok


def test_model_content_id_is_deterministic_and_separates_parts():
    assert content_id("a", "b") == content_id("a", "b")
    assert content_id("ab", "c") != content_id("a", "bc")
