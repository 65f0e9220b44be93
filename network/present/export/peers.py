"""Writers for peers' tools: a Kumu workbook, Pajek ``.net`` and UCINET DL.

- **Kumu** (docs.kumu.io, "Structure your data for Kumu"): an XLSX with an
  ``Elements`` sheet (``ID``, ``Label``, ``Type``, ``Description``, ``Tags``) and a
  ``Connections`` sheet (``ID``, ``From``, ``To``, ``Type``, ``Direction``,
  ``Strength``, ``Description``), ``ID`` first so that two organisations with one name
  stay two; ``From``/``To`` name element IDs.  ``Type`` is the Japanese label; the
  codes and every other Renkei field follow as extra columns (Kumu keeps them as
  fields).  Every cell is a string or number, never a formula.
- **Pajek** (UTF-8, no BOM): ``*Vertices`` with quoted labels, then ``*Arcs`` (directed
  ties) and ``*Edges`` (undirected), as Pajek orders them, each line ``from to strength l "type"``.  Pajek has
  no escape inside quotes, so ``"`` and ``\\`` in a label are written as their full-width
  forms ＂ and ＼ (NFKC folds them back), tabs and newlines as spaces, and a name
  two organisations share gets `` [id]``.  Before ``*Vertices``, comment lines that Pajek,
  NetworkX and igraph skip carry every field for Renkei's own import:
  ``% renkei-vertex n {JSON}`` (the organisation id and fields) and
  ``% renkei-tie from to {JSON}`` (the tie's fields), blank fields left out.
- **UCINET DL**: ``format=edgelist1`` with a ``labels:`` list (so isolates travel)
  and one ``from to strength`` line per tie, numbered from 1; labels holding a space,
  comma or ``=`` are quoted.  DL has no tie type or direction per line: every tie
  is written once, source first.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", name="れんぷく", sector="intermediary")
>>> G.add_node("b", name="石巻 市", sector="government")
>>> _ = G.add_edge("b", "a", key="t1", type="commission", directed=True, strength=4)
>>> print(write_pajek(G).decode())
*Network Renkei
% renkei-vertex 1 {"id": "a", "name": "れんぷく", "sector": "intermediary"}
% renkei-vertex 2 {"id": "b", "name": "石巻 市", "sector": "government"}
% renkei-tie 2 1 {"type": "commission", "directed": "yes", "strength": 4}
*Vertices 2
1 "れんぷく"
2 "石巻 市"
*Arcs
2 1 4 l "commission"
<BLANKLINE>
>>> print(write_dl(G).decode())
DL N=2
FORMAT=EDGELIST1
LABELS:
れんぷく
"石巻 市"
DATA:
2 1 4
<BLANKLINE>
"""

from __future__ import annotations

import io
import json
from collections import Counter

import networkx as nx

from network.present.export.fields import edge_fields, edge_values, node_fields, node_values
from network.present.export.text import clean_text

__all__ = ["write_kumu", "write_pajek", "write_dl", "KUMU_ELEMENT_COLUMNS", "KUMU_CONNECTION_COLUMNS"]

KUMU_ELEMENT_COLUMNS = ["ID", "Label", "Type", "Description", "Tags"]
KUMU_CONNECTION_COLUMNS = ["ID", "From", "To", "Type", "Direction", "Strength", "Description"]
_ELEMENT_SOURCES = {"Label": "name", "Type": "sector_ja", "Description": "note", "Tags": "tags"}
_CONNECTION_SOURCES = {"Type": "type_ja", "Strength": "strength", "Description": "note"}


def _rows(G: nx.MultiDiGraph) -> tuple[list[list], list[list]]:
    nf, ef = node_fields(G), edge_fields(G)
    n_extra = [k for k, _ in nf if k not in _ELEMENT_SOURCES.values() and k != "label"]
    e_extra = [k for k, _ in ef if k not in _CONNECTION_SOURCES.values() and k not in ("tie_id", "type")]
    elements = [KUMU_ELEMENT_COLUMNS + n_extra]
    for n, d in G.nodes(data=True):
        v = node_values(d, nf)
        elements.append(
            [clean_text(str(n))] + [v[_ELEMENT_SOURCES[c]] for c in KUMU_ELEMENT_COLUMNS[1:]] + [v[k] for k in n_extra]
        )
    connections = [KUMU_CONNECTION_COLUMNS + ["tie_type"] + e_extra]
    for u, w, k, d in G.edges(keys=True, data=True):
        v = edge_values(k, d, ef)
        connections.append(
            [
                clean_text(str(k)),
                clean_text(str(u)),
                clean_text(str(w)),
                v["type_ja"],
                "directed" if v["directed"] else "undirected",
                v["strength"],
                v["note"],
                v["type"],
            ]
            + [v[x] for x in e_extra]
        )
    return elements, connections


def _text_cell(ws, value: str):  # noqa: ANN001, ANN202
    """A cell openpyxl would take for a formula (it starts with ``=``), written as text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def write_kumu(G: nx.MultiDiGraph) -> bytes:
    """A Kumu import workbook (XLSX bytes) of ``G``."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # streams rows: linear in the size of the network
    for title, rows in zip(("Elements", "Connections"), _rows(G)):
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        for row in rows:
            ws.append([_text_cell(ws, v) if isinstance(v, str) and v.startswith("=") else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _labels(G: nx.MultiDiGraph, clean) -> dict:  # noqa: ANN001
    """One label per node: the cleaned name, `` [id]`` added where names are shared."""
    names = {n: clean(str(d.get("name") or n)) for n, d in G.nodes(data=True)}
    seen = Counter(names.values())
    return {n: (f"{s} [{clean(str(n))}]" if seen[s] > 1 else s) for n, s in names.items()}


def _pajek_text(s: str) -> str:
    s = clean_text(s).replace('"', "＂").replace("\\", "＼")
    return " ".join(s.split()) or "?"


#: Fields the Renkei comment lines leave out: derived (labels, tie id) or a tool's default.
_PAJEK_SKIP = {"label", "sector_ja", "tie_id", "type_ja"}


def _renkei_json(values: dict[str, object]) -> str:
    keep = {k: v for k, v in values.items() if k not in _PAJEK_SKIP and v not in ("", None)}
    if keep.get("weight") == 1.0:
        del keep["weight"]
    if "directed" in keep:
        keep["directed"] = "yes" if keep["directed"] else "no"
    return json.dumps(keep, ensure_ascii=False)  # one line: JSON escapes line breaks


def _renkei_lines(G: nx.MultiDiGraph, index: dict) -> list[str]:
    nf, ef = node_fields(G), edge_fields(G)
    out = [
        f"% renkei-vertex {index[n]} " + _renkei_json({"id": clean_text(str(n)), **node_values(d, nf)})
        for n, d in G.nodes(data=True)
    ]
    out += [
        f"% renkei-tie {index[u]} {index[v]} " + _renkei_json(edge_values(k, d, ef))
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    return out


def write_pajek(G: nx.MultiDiGraph) -> bytes:
    """``G`` as a Pajek network (UTF-8): vertices, then arcs (directed ties) and edges (undirected)."""
    labels = _labels(G, _pajek_text)
    index = {n: i for i, n in enumerate(G.nodes, 1)}
    out = ["*Network Renkei", *_renkei_lines(G, index), f"*Vertices {len(index)}"]
    out += [f'{index[n]} "{labels[n]}"' for n in G.nodes]
    arcs, edges = [], []
    for u, v, k, d in G.edges(keys=True, data=True):
        e = edge_values(k, d)
        line = f'{index[u]} {index[v]} {e["strength"]} l "{_pajek_text(str(e["type"]))}"'
        (arcs if e["directed"] else edges).append(line)
    out += (["*Arcs", *arcs] if arcs else []) + (["*Edges", *edges] if edges else [])
    return ("\n".join(out) + "\n").encode("utf-8")


def _dl_label(s: str) -> str:
    s = " ".join(clean_text(s).replace('"', "＂").split()) or "?"
    return f'"{s}"' if any(c in s for c in " ,=") else s


def write_dl(G: nx.MultiDiGraph) -> bytes:
    """``G`` as a UCINET DL file (edgelist1, labels listed, strength as the value)."""
    labels = _labels(G, lambda s: " ".join(clean_text(s).split()))
    index = {n: i for i, n in enumerate(G.nodes, 1)}
    out = [f"DL N={len(index)}", "FORMAT=EDGELIST1", "LABELS:"]
    out += [_dl_label(labels[n]) for n in G.nodes]
    out.append("DATA:")
    out += [f"{index[u]} {index[v]} {edge_values(k, d)['strength']}" for u, v, k, d in G.edges(keys=True, data=True)]
    return ("\n".join(out) + "\n").encode("utf-8")
