from dataclasses import replace

from annalist.model import Actor, Event, Evidence, PartialDate, Place
from annalist.resolve.fusion import fuse_events

SITE = Place("fac:test-site", "Test Site", 50.0, 120.0, "RUS", "facility", 5)
TOWN = Place("gn:1", "Far Town", 43.0, 131.0, "RUS", "city", 4)


def _event(eid, doc, etype, actor, recipient, date, place=None, aux=()):
    return Event(
        id=eid, doc_id=doc, type=etype, mode=None, context=(),
        actor=tuple(Actor(None, c, "GOV") for c in actor),
        recipient=tuple(Actor(None, c, "GOV") for c in recipient),
        date=PartialDate.parse(date) if date else None, place=place, aux=aux,
        evidence=Evidence(doc, 0, 0, 10, 0, 5, "met"), rule="t", confidence=0.8, language="en",
    )


def test_fusion_month_report_joins_day_event_from_other_source():
    a = _event("a", "d1", "CONSULT", ["PRK"], ["RUS"], "2023-09", SITE)
    b = _event("b", "d2", "CONSULT", ["RUS"], ["PRK"], "2023-09-13", SITE)
    fused = fuse_events([a, b])
    assert len(fused) == 1
    assert fused[0].sources == ("d1", "d2")
    assert fused[0].date == PartialDate(2023, 9, 13)


def test_fusion_two_days_stay_two_events():
    a = _event("a", "d1", "MOBILIZE", ["PRK"], [], "2023-09-12")
    b = _event("b", "d2", "MOBILIZE", ["PRK"], [], "2023-09-13")
    assert len(fuse_events([a, b])) == 2


def test_fusion_far_places_stay_apart_and_history_is_left_out():
    a = _event("a", "d1", "CONSULT", ["PRK"], ["RUS"], "2023-09", SITE)
    b = _event("b", "d2", "CONSULT", ["PRK"], ["RUS"], "2023-09", TOWN)
    old = _event("c", "d3", "CONSULT", ["PRK"], ["RUS"], "2016-04-28", SITE, aux=("historical",))
    fused = fuse_events([a, b, old])
    assert len(fused) == 2
    assert all("c" not in f.members for f in fused)


def test_fusion_report_without_recipient_joins_and_discrepancy_is_reported():
    a = _event("a", "d1", "ACCUSE", ["JPN"], ["PRK"], "2023-09-13", SITE)
    b = _event("b", "d2", "ACCUSE", ["JPN"], [], "2023-09", None)
    c = _event("c", "d3", "ACCUSE", ["JPN"], ["PRK"], "2023-09-13",
               Place("fac:other", "Other Site", 50.1, 120.1, "RUS", "facility", 5))
    fused = fuse_events([a, b, c])
    assert len(fused) == 1
    assert fused[0].recipient_countries == ("PRK",)
    assert [d.attribute for d in fused[0].discrepancies] == ["place"]


def test_fusion_is_independent_of_input_order():
    evs = [
        _event("a", "d1", "CONSULT", ["PRK"], ["RUS"], "2023-09", SITE),
        _event("b", "d2", "CONSULT", ["RUS"], ["PRK"], "2023-09-13", SITE),
        _event("c", "d3", "AGREE", ["RUS"], ["PRK"], "2023-09-13"),
    ]
    assert fuse_events(evs) == fuse_events(list(reversed(evs)))


def test_fusion_implicit_recipient_neither_joins_nor_separates():
    # one report names the target of the protest, the other names none (recipient by convention)
    named = _event("a", "d1", "PROTEST", ["KEN"], ["USA"], "2024-06-25")
    implicit = replace(_event("b", "d2", "PROTEST", ["KEN"], [], "2024-06-25"),
                       recipient=(Actor(None, "KEN", None, implicit=True),))
    fused = fuse_events([implicit, named])
    assert len(fused) == 1
    assert fused[0].recipient_countries == ("USA",)  # the named recipient leads
