"""Scoring toponym recognition and resolution against geoparsing XML corpora.

Read formats (Gritta et al. 2019 and the corpora they collected):

- GeoVirus: ``<article><text/><locations><location><name/><start/><end/><lat/><lon/>``;
- GeoWebNews (GWN): ``<article><text/><toponyms><toponym><extractedName/><type/><start/>
  <end/><latitude/><longitude/>``; toponyms whose ``type`` is not a place name (Demonym,
  Language, Non_Toponym, Homonym, Noun_Modifier …) are left out of recognition, and only
  those with coordinates count for resolution;
- LGL / TR-News: ``<article><text/><toponyms><toponym><start/><end/><phrase/><gaztag>
  <lat/><lon/>``.

Every article is English.  Figures (``--json`` keys):

- ``toponym_precision`` / ``toponym_recall`` / ``toponym_f1``: the system's place names
  (:func:`annalist.extract.toponyms.find_toponyms`) against the gold toponyms; a system span
  matches a gold span it overlaps (each gold span matched at most once);
- ``acc_161km``: on the gold toponyms with coordinates, the share the resolver
  (:func:`annalist.extract.toponyms.resolve_spans`, given the gold spans of the article so the
  figure measures resolution alone) places within 161 km (100 miles) of the gold point; a
  name it cannot resolve is wrong;
- ``mean_km`` / ``median_km``: the error distances (an unresolved name counts as
  :data:`MAX_KM`, half the Earth's circumference);
- ``auc``: the area under the curve of the sorted log errors, normalised to 0–1 (Gritta et al.
  2018: 0 is perfect, lower is better): the mean of ln(1 + km) / ln(1 + MAX_KM).
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annalist.model import haversine_km

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge

MAX_KM = 20039.0
ACCURACY_KM = 161.0
ALIGN_WINDOW = 5
#: GWN types that are not place names (the pragmatic taxonomy's non-toponyms).
NOT_TOPONYMS = frozenset({"demonym", "language", "non_toponym", "homonym", "noun_modifier"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_geoxml(path: Path) -> list[Article]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"[E041] {path}: not XML ({exc}); want a GeoVirus, GeoWebNews, LGL or TR-News file") from None
    articles = []
    for n, art in enumerate(root.iter("article"), start=1):
        text = art.findtext("text") or ""
        gold: list[GoldToponym] = []
        for loc in art.iter("location"):  # GeoVirus
            s, e = loc.findtext("start"), loc.findtext("end")
            if s is None or e is None:
                continue
            name = loc.findtext("name") or ""
            a, b = _align(text, int(s), int(e), name)
            gold.append(GoldToponym(a, b, name, _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        for top in art.iter("toponym"):  # GWN, LGL, TR-News
            s, e = top.findtext("start"), top.findtext("end")
            if s is None or e is None:
                continue
            kind = (top.findtext("type") or "").strip().lower()
            if kind in NOT_TOPONYMS:
                continue
            lat = _float(top.findtext("latitude")) if top.find("latitude") is not None else _float(top.findtext("gaztag/lat"))
            lon = _float(top.findtext("longitude")) if top.find("longitude") is not None else _float(top.findtext("gaztag/lon"))
            name = top.findtext("extractedName") or top.findtext("phrase") or text[int(s):int(e)]
            a, b = _align(text, int(s), int(e), name)
            gold.append(GoldToponym(a, b, name, lat, lon))
        ident = art.get("file") or art.get("docid") or art.findtext("source") or f"article {n}"
        articles.append(Article(ident, text, tuple(sorted(gold, key=lambda g: g.start))))
    if not articles:
        raise ValueError(f"[E042] {path}: no <article> elements; want a GeoVirus, GeoWebNews, LGL or TR-News file")
    return articles


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """The gold offsets, moved onto the name when the corpus counts them a few characters off
    (GeoVirus counts one more character before the text than the XML keeps)."""
    if not name or text[start:end] == name:
        return start, end
    lo = max(0, start - ALIGN_WINDOW)
    found = [k for k in range(lo, min(len(text), end + ALIGN_WINDOW)) if text.startswith(name, k)]
    if not found:
        return start, end
    k = min(found, key=lambda k: abs(k - start))
    return k, k + len(name)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_geoxml(path: Path, knowledge: Knowledge) -> Report:
    from rich.markup import escape

    from annalist.evaluate import Report
    from annalist.extract.toponyms import find_toponyms, resolve_spans

    articles = read_geoxml(path)
    tp = n_sys = n_gold = 0
    errors: list[float] = []
    misses: list[str] = []
    far: list[tuple[float, str]] = []
    from rich.progress import track

    for art in track(articles, description="geoparsing", transient=True):
        system = find_toponyms(art.text, "en", knowledge)
        n_sys += len(system)
        n_gold += len(art.toponyms)
        used: set[int] = set()
        for g in art.toponyms:
            hit = next((k for k, t in enumerate(system) if k not in used and _overlap((t.start, t.end), (g.start, g.end))),
                       None)
            if hit is not None:
                used.add(hit)
                tp += 1
            elif len(misses) < 60:
                misses.append(f"  [yellow]missed[/yellow] {escape(g.name)} · {art.id}")
        located = [g for g in art.toponyms if g.lat is not None and g.lon is not None]
        resolved = resolve_spans(art.text, [(g.start, g.end) for g in located], "en", knowledge)
        for g, r in zip(located, resolved):
            if r.place is None or r.place.lat is None or r.place.lon is None:
                km = MAX_KM
            else:
                km = haversine_km(r.place.lat, r.place.lon, g.lat, g.lon)  # type: ignore[arg-type]
            errors.append(km)
            if km > ACCURACY_KM:
                where = f"{r.place.name} ({r.place.feature}, {r.place.country})" if r.place else "unresolved"
                far.append((km, f"  [magenta]{km:,.0f} km[/magenta] {escape(g.name)} → {escape(where)} · {art.id}"))
    precision = tp / n_sys if n_sys else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "toponym_precision": round(precision, 4),
        "toponym_recall": round(recall, 4),
        "toponym_f1": round(f1, 4),
        "acc_161km": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(statistics.fmean(math.log1p(e) / math.log1p(MAX_KM) for e in errors), 4) if errors else 0.0,
    }
    lines = [f"[bold]articles[/bold] {len(articles)}, gold toponyms {n_gold} ({len(errors)} with coordinates), "
             f"system toponyms {n_sys}, matched {tp}"]
    lines.append("[bold]resolution errors above 161 km[/bold] (largest first)")
    lines.extend(line for _, line in sorted(far, key=lambda t: -t[0])[:80])
    lines.append("[bold]missed toponyms[/bold] (first 60)")
    lines.extend(misses)
    return Report(figures, lines)
