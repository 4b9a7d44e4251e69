"""The report (HTML and Markdown) on a real analyzed corpus, the SVG charts, and the
entity network with its GraphML export."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import EXAMPLES
from lagebild.api import Corpus, analyze
from lagebild.model import Document, Entity, Mention, Sentence
from lagebild.reconcile.network import GRAPHML_NS, cooccurrence, write_graphml
from lagebild.report import render_html, render_markdown, write_report
from lagebild.report.charts import Scale
from lagebild.report.svg import anchor, interval, timeline_svg

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("report")
    return analyze([EXAMPLES], db=f"sqlite:///{folder / 'ex.db'}", workers=0)


@pytest.fixture(scope="module")
def html(corpus: Corpus) -> str:
    return render_html(corpus)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Two articles whose title, outlet and text try to inject markup."""
    folder = tmp_path_factory.mktemp("hostile")
    texts = [f"Laut Behörden sollen rund 12.000 Soldaten in der Region sein. Der Minister {HOSTILE} schwieg.",
             "Die Regierung nannte am Montag 12.500 Soldaten.</svg><img src=x onerror=alert(1)> Mehr folgt."]
    lines = [{"id": f"h{i}", "title": f"{HOSTILE} Titel {i}", "outlet": f"<b>Outlet {i}</b>\"'&",
              "language": "de", "published": f"2025-06-1{i}", "text": text} for i, text in enumerate(texts, 1)]
    (folder / "hostile.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    return analyze([folder / "hostile.jsonl"], db=f"sqlite:///{folder / 'h.db'}", workers=0)


@pytest.mark.parametrize("section", ["overview", "figures", "timeline", "network", "sources", "documents"])
def test_report_has_section(html: str, section: str) -> None:
    assert f'id="{section}"' in html


@pytest.mark.parametrize("kind", ["figures"])
def test_report_one_chart_per_group(corpus: Corpus, html: str, kind: str) -> None:
    groups = corpus.groups()
    assert groups, "the example corpus has figures reported by several outlets"
    cards = re.findall(r'<figure class="card" id="(g\d+)".*?</figure>', html, flags=re.S)
    assert len(cards) == len(groups)
    assert html.count(f'class="chart {kind}"') == len(groups)
    for group in groups:
        assert render_escaped(group.reason) in html


def render_escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.parametrize("attribute", ["href"])
def test_report_every_link_has_a_target(html: str, attribute: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = set(re.findall(rf'\b{attribute}="#([^"]+)"', html))
    assert targets and targets <= ids


@pytest.mark.parametrize("part", ["claims"])
def test_report_claims_link_to_their_sentence(corpus: Corpus, html: str, part: str) -> None:
    for doc in corpus.documents:
        for claim in getattr(doc, part):
            assert f'id="{anchor(doc.id, claim.sentence)}"' in html


@pytest.mark.parametrize("marker", ['class="removed"'])
def test_report_shows_removed_lines_with_reason(corpus: Corpus, html: str, marker: str) -> None:
    removed = [ln for d in corpus.documents for ln in d.lines if not ln.keep and ln.text.strip()]
    assert removed
    assert html.count(marker) == len(removed)
    assert all(f"entfernt: {render_escaped(ln.reason or '')}" in html for ln in removed)


@pytest.mark.parametrize("section", ['<section class="doc"'])
def test_report_lists_copies_once_under_original(corpus: Corpus, html: str, section: str) -> None:
    copies = corpus.duplicates()
    assert copies
    assert html.count(section) == len(corpus.documents) - len(copies)
    for copy, original in copies.items():
        start = html.index(f'{section} id="{anchor(original)}"')
        body = html[start:html.index("</section>", start)]
        assert f'id="{anchor(copy)}"' in body
        assert f'{section} id="{anchor(copy)}"' not in html


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_escapes_hostile_text(hostile: Corpus, tmp_path: Path, fmt: str) -> None:
    out = write_report(hostile, tmp_path / f"r.{fmt}", format=fmt).read_text("utf-8")  # type: ignore[arg-type]
    assert "Titel 1" in out and "Outlet 1" in out
    assert "<script" not in out and "<img" not in out and "<b>Outlet" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize("count", [1])
def test_report_hostile_outlet_is_escaped_inside_svg(hostile: Corpus, count: int) -> None:
    html = render_html(hostile)
    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert charts
    for svg in charts:
        ET.fromstring(svg)  # each chart is well-formed XML: nothing broke out of it
    assert len(hostile.groups()) >= count
    assert "&lt;b&gt;Outlet 1&lt;/b&gt;" in "".join(charts)


@pytest.mark.parametrize("heading", ["# Lagebild", "## Zahlen im Streit", "## Zeitleiste", "## Artikel"])
def test_report_markdown_has_heading(corpus: Corpus, heading: str) -> None:
    text = render_markdown(corpus)
    assert re.search(rf"^{re.escape(heading)}", text, flags=re.M)
    assert text.count("\n### ") == len(corpus.groups())


@pytest.mark.parametrize("fmt", ["pdf"])
def test_report_rejects_unknown_format(corpus: Corpus, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(ValueError, match="html"):
        write_report(corpus, tmp_path / "r", format=fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize("value, start, end", [
    ("2024", date(2024, 1, 1), date(2025, 1, 1)),
    ("2024-06", date(2024, 6, 1), date(2024, 7, 1)),
    ("2024-12", date(2024, 12, 1), date(2025, 1, 1)),
    ("2023-FA", date(2023, 9, 1), date(2023, 12, 1)),
    ("2023-WI", date(2023, 12, 1), date(2024, 3, 1)),
    ("2024-W25", date(2024, 6, 17), date(2024, 6, 24)),
    ("2025-06-17", date(2025, 6, 17), date(2025, 6, 18)),
])
def test_report_interval_covers_granularity(value: str, start: date, end: date) -> None:
    assert interval(value) == (start, end)


@pytest.mark.parametrize("month, day", [("2024-06", "2024-06-10")])
def test_report_timeline_draws_month_as_month_wide_bar(month: str, day: str) -> None:
    rows = [{"value": v, "granularity": g, "text": v, "doc_id": "d", "outlet": "O", "kind": "time", "sentence": "s"}
            for v, g in ((month, "month"), (day, "day"), ("2025-01", "month"))]
    svg = timeline_svg(rows)
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="1[04]"', svg)]
    assert len(widths) == 3
    month_width, day_width = widths[0], widths[-1]  # bars are drawn coarse first: months, then the day
    assert month_width > 20 * day_width / 3 and month_width > 25


@pytest.mark.parametrize("lo, hi, log", [(1000, 15000, False), (600, 6000, False), (200, 1_200_000, True)])
def test_report_scale_goes_logarithmic_for_wide_spreads(lo: float, hi: float, log: bool) -> None:
    scale = Scale(lo, hi, 0, 100)
    assert scale.log is log
    assert 0 <= scale(lo) < scale(hi) <= 100


def _doc() -> Document:
    text = "Kim traf Putin in Moskau. Putin lobte Kim. Lawrow reiste ab."
    spans = [(0, 25), (26, 42), (43, 61)]
    doc = Document(id="t", source="t", raw=text, raw_format="txt", text=text)
    doc.sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]

    def ent(name: str, kind: str, word: str) -> Entity:
        return Entity(name, kind, [Mention(word, m.start(), m.end()) for m in re.finditer(word, text)])

    doc.entities = [ent("Kim Jong-un", "PER", "Kim"), ent("Vladimir Putin", "PER", "Putin"),
                    ent("Moscow", "LOC", "Moskau"), ent("Sergei Lavrov", "PER", "Lawrow")]
    return doc


@pytest.mark.parametrize("level, expected", [
    ("sentence", {("Kim Jong-un", "Vladimir Putin"): 2, ("Kim Jong-un", "Moscow"): 1, ("Moscow", "Vladimir Putin"): 1}),
    ("document", {("Kim Jong-un", "Vladimir Putin"): 1, ("Kim Jong-un", "Moscow"): 1, ("Moscow", "Vladimir Putin"): 1,
                  ("Kim Jong-un", "Sergei Lavrov"): 1, ("Sergei Lavrov", "Vladimir Putin"): 1,
                  ("Moscow", "Sergei Lavrov"): 1}),
])
def test_network_cooccurrence_counts_shared_units(level: str, expected: dict[tuple[str, str], int]) -> None:
    nodes, edges = cooccurrence([_doc()], level=level)  # type: ignore[arg-type]
    assert {(e.source, e.target): e.weight for e in edges} == expected
    assert [(n.id, n.mentions) for n in nodes][:2] == [("Kim Jong-un", 2), ("Vladimir Putin", 2)]


def _graphml(nodes: list, edges: list) -> ET.Element:
    buffer = io.BytesIO()
    write_graphml(buffer, nodes, edges)
    return ET.fromstring(buffer.getvalue())


@pytest.mark.parametrize("key", ["label", "type", "mentions", "weight"])
def test_network_graphml_declares_key(key: str) -> None:
    root = _graphml(*cooccurrence([_doc()]))
    names = {k.get("attr.name") for k in root.iter(f"{{{GRAPHML_NS}}}key")}
    assert key in names


@pytest.mark.parametrize("level", ["sentence"])
def test_network_graphml_has_nodes_and_edges_of_corpus(corpus: Corpus, tmp_path: Path, level: str) -> None:
    nodes, edges = cooccurrence(corpus.documents, level=level)  # type: ignore[arg-type]
    path = tmp_path / "net.graphml"
    write_graphml(path, nodes, edges)
    root = ET.parse(path).getroot()
    ns = {"g": GRAPHML_NS}
    xml_nodes = root.findall("g:graph/g:node", ns)
    xml_edges = root.findall("g:graph/g:edge", ns)
    assert len(xml_nodes) == len(nodes) > 10 and len(xml_edges) == len(edges) > 10
    labels = {n.find("g:data[@key='label']", ns).text for n in xml_nodes}  # type: ignore[union-attr]
    assert labels == {n.id for n in nodes}
    ids = {n.get("id") for n in xml_nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in xml_edges)
    heaviest = xml_edges[0].find("g:data[@key='weight']", ns)
    assert heaviest is not None and float(heaviest.text or 0) == edges[0].weight


@pytest.mark.parametrize("name", ["a\x00b<&>"])
def test_network_graphml_survives_hostile_names(name: str) -> None:
    doc = _doc()
    doc.entities[0].canonical = name
    root = _graphml(*cooccurrence([doc]))
    labels = [d.text for d in root.iter(f"{{{GRAPHML_NS}}}data") if d.get("key") == "label"]
    assert "ab<&>" in labels
