"""Entity co-occurrence network: which actors and places are named together, and a
GraphML writer for Gephi, yEd or networkx.

Nodes are canonical entities (mentions and documents counted over the corpus);
an edge joins two entities named in one sentence (`level="sentence"`, weight =
number of such sentences) or in one document (`level="document"`, weight =
number of such documents).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import IO, Literal

from lagebild.model import Document

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XML_INVALID = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Node:
    id: str  # the canonical name
    type: str  # PER, ORG or LOC (the most frequent type given to the name)
    mentions: int = 0
    documents: int = 0

    @property
    def label(self) -> str:
        return self.id


@dataclass
class Edge:
    source: str
    target: str
    weight: int = 0  # sentences (or documents) naming both
    documents: set[str] = field(default_factory=set)


def _sentence_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def _units(doc: Document, level: str) -> dict[int, set[str]]:
    """Sentence index (or 0 for the whole document) -> canonical entities named in it."""
    starts = [s.start for s in doc.sentences]
    out: dict[int, set[str]] = defaultdict(set)
    for ent in doc.entities:
        for m in ent.mentions:
            key = _sentence_of(starts, m.start) if level == "sentence" and starts else 0
            out[key].add(ent.canonical)
    return out


def cooccurrence(docs: Iterable[Document], level: Literal["sentence", "document"] = "sentence"
                 ) -> tuple[list[Node], list[Edge]]:
    """Nodes sorted by mentions (most first), edges sorted by weight (heaviest first)."""
    types: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    edges: dict[tuple[str, str], Edge] = {}
    for doc in docs:
        for ent in doc.entities:
            types[ent.canonical][ent.type] += 1
            mentions[ent.canonical] += len(ent.mentions)
        for name in {e.canonical for e in doc.entities}:
            documents[name] += 1
        for names in _units(doc, level).values():
            for a, b in combinations(sorted(names), 2):
                edge = edges.setdefault((a, b), Edge(a, b))
                edge.weight += 1
                edge.documents.add(doc.id)
    nodes = [Node(name, types[name].most_common(1)[0][0], mentions[name], documents[name]) for name in types]
    nodes.sort(key=lambda n: (-n.mentions, -n.documents, n.id))
    return nodes, sorted(edges.values(), key=lambda e: (-e.weight, e.source, e.target))


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _key(root: ET.Element, key_id: str, domain: str, name: str, kind: str) -> None:
    ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})


def _data(parent: ET.Element, key: str, value: object) -> None:
    ET.SubElement(parent, "data", {"key": key}).text = _clean(str(value))


def graphml(nodes: list[Node], edges: list[Edge]) -> ET.ElementTree:
    """The network as a GraphML tree (undirected; keys label/type/mentions/documents/weight)."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    _key(root, "label", "node", "label", "string")
    _key(root, "type", "node", "type", "string")
    _key(root, "mentions", "node", "mentions", "int")
    _key(root, "documents", "node", "documents", "int")
    _key(root, "weight", "edge", "weight", "double")
    _key(root, "edocs", "edge", "documents", "int")
    graph = ET.SubElement(root, "graph", {"id": "lagebild", "edgedefault": "undirected"})
    ids = {n.id: f"n{i}" for i, n in enumerate(nodes)}
    for n in nodes:
        el = ET.SubElement(graph, "node", {"id": ids[n.id]})
        for key, value in (("label", n.label), ("type", n.type), ("mentions", n.mentions),
                           ("documents", n.documents)):
            _data(el, key, value)
    for i, e in enumerate(x for x in edges if x.source in ids and x.target in ids):
        el = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": ids[e.source], "target": ids[e.target]})
        _data(el, "weight", float(e.weight))
        _data(el, "edocs", len(e.documents))
    ET.indent(root)
    return ET.ElementTree(root)


def write_graphml(out: str | Path | IO[bytes], nodes: list[Node], edges: list[Edge]) -> None:
    """Write the network to a file path or a binary stream as UTF-8 GraphML.

    Example:
        >>> nodes, edges = cooccurrence(corpus.documents)
        >>> write_graphml("network.graphml", nodes, edges)
    """
    target: str | IO[bytes] = str(out) if isinstance(out, Path) else out
    graphml(nodes, edges).write(target, encoding="utf-8", xml_declaration=True)
