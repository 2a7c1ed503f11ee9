"""The document page's "Tình trạng hiệu lực" section: the document's effect status with its evidence (the
registry row, ``rasoat.registry``), the status of each căn cứ on the signing date, and the relations diagram
(lược đồ) drawn as inline SVG on the server: on the right what this document cites as căn cứ, guides, amends,
repeals, replaces; on the left the documents that do so to it ("được hướng dẫn bởi", "bị thay thế bởi"…), from
the stored citations and the registry facts.  Each node links to the document's page when it is stored, else
to its registry row."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from rasoat import effect
from rasoat.numbers import number_key

# relation of an outgoing citation → label on the right; of an incoming one (or a registry fact) → on the left
OUTGOING = {"can_cu": "căn cứ", "huong_dan": "hướng dẫn", "sua_doi": "sửa đổi, bổ sung", "bai_bo": "bãi bỏ",
            "thay_the": "thay thế"}
INCOMING = {"can_cu": "được viện dẫn làm căn cứ bởi", "huong_dan": "được hướng dẫn bởi",
            "sua_doi": "được sửa đổi, bổ sung bởi", "bai_bo": "bị bãi bỏ bởi", "thay_the": "bị thay thế bởi",
            effect.REPEALED_PART: "bị bãi bỏ một phần bởi"}
COLOURS = {"can_cu": "#4a6fa5", "huong_dan": "#5b8c5a", "sua_doi": "#c08a1e", "bai_bo": "#b03a2e",
           "thay_the": "#8e44ad", effect.REPEALED_PART: "#d35400"}  # stroke of an edge, by relation
RELATION_OF_KIND = {effect.REPLACED: "thay_the", effect.REPEALED_WHOLE: "bai_bo", effect.AMENDED: "sua_doi",
                    effect.REPEALED_PART: effect.REPEALED_PART, effect.GROUND: "can_cu"}  # a fact's edge
STATUS_CLASS = {effect.IN_FORCE: "ok", effect.PARTLY_REPEALED: "warn", effect.REPEALED: "bad",
                effect.NOT_YET: "warn", effect.UNKNOWN: "muted"}

MAX_NODES = 14  # nodes per side of the diagram; the rest are counted under the last one
WIDTH, NODE_W, NODE_H, ROW = 900, 250, 30, 40  # the drawing's width, a node's box, the distance between rows
MARGIN = 20  # around the drawing
LABEL_CHARS = 34  # characters of a node's text before it is cut


@dataclass
class Node:
    number: str
    relation: str
    label: str
    href: str | None = None


def effect_context(conn: sqlite3.Connection, doc_id: str, doc_url: Callable[..., str],
                   registry_url: Callable[[str | None], str]) -> dict | None:
    """The status, its evidence (with links), the căn cứ statuses and the SVG diagram of one document.
    ``registry_url(key)`` is the registry row of a number key (the whole registry for None)."""
    conn.row_factory = sqlite3.Row
    if not _has(conn, "registry"):
        return None
    doc = conn.execute("select id, number, doc_type, issued_on from documents where id = ?", [doc_id]).fetchone()
    if doc is None:
        return None
    key = number_key(doc["number"]) if doc["number"] else None
    reg = conn.execute("select * from registry where number_key = ?", [key]).fetchone() if key else None
    stored = _stored_ids(conn)
    evidence = [_evidence_link(e, conn, doc_url) for e in json.loads(reg["evidence"] or "[]")] if reg else []
    grounds = [dict(c) for c in conn.execute(
        "select c.rowid as id, c.raw, c.number, c.status, c.target_id, c.number_key, c.name, c.doc_type, "
        "c.issued_on from citations c where c.document_id = ? and c.relation = 'can_cu' order by c.page, c.start",
        [doc_id])]
    for g in grounds:
        if not g["number_key"] and (named := effect.name_number(g["doc_type"], g["name"], g["issued_on"])):
            g["number_key"] = number_key(named)  # a law known by its name and date: its registry row
        g["href"] = (doc_url(g["target_id"]) if g["target_id"]
                     else registry_url(g["number_key"]) if g["number_key"] else None)
        g["css"] = STATUS_CLASS.get(g["status"], "muted")
    left, right = _nodes(conn, doc, key, stored, doc_url, registry_url)
    return dict(
        registry=dict(reg) if reg else None, status=reg["status"] if reg else effect.UNKNOWN,
        css=STATUS_CLASS.get(reg["status"] if reg else effect.UNKNOWN, "muted"),
        lists=[(label, json.loads(reg[col] or "[]")) for col, label in (
            ("replaced_by", "Bị thay thế bởi"), ("repealed_by", "Bị bãi bỏ bởi"),
            ("partly_repealed_by", "Bị bãi bỏ một phần bởi"), ("amended_by", "Được sửa đổi, bổ sung bởi"))
            if reg and json.loads(reg[col] or "[]")],
        evidence=evidence, grounds=grounds,
        registry_href=registry_url(key) if key else None, registry_all=registry_url(None),
        svg=diagram_svg(doc["number"] or "văn bản này", left, right),
        stored_href=lambda n: (doc_url(stored[k]) if (k := number_key(n)) in stored else registry_url(k)),
    )


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [table]).fetchone() is not None


def _stored_ids(conn: sqlite3.Connection) -> dict[str, str]:
    return {k: i for i, k in conn.execute("select id, number_key from documents where number_key is not null "
                                          "and error is null order by issued_on desc")}


def _evidence_link(e: dict, conn: sqlite3.Connection, doc_url: Callable[..., str]) -> dict:
    """A fact's evidence with where to open it: the clause in a stored document (the citation's mark when the
    fact was read from one, else the page), the Công báo page, or nothing (a fact file's source named)."""
    out = dict(e, label=effect.KIND_LABELS.get(e.get("kind"), e.get("kind")), href=e.get("url"))
    if e.get("document_id"):
        hit = conn.execute("select rowid from citations where document_id = ? and page = ? and start = ?",
                           [e["document_id"], e.get("page"), e.get("start")]).fetchone()
        out["href"] = doc_url(e["document_id"], f"c-{hit[0]}" if hit else f"trang-{e.get('page') or 1}")
    return out


def _nodes(conn, doc, key, stored, doc_url, registry_url) -> tuple[list[Node], list[Node]]:
    def href(number: str | None, target_id: str | None = None) -> str | None:
        k = number_key(number) if number else None
        if target_id:
            return doc_url(target_id)
        if k and k in stored:
            return doc_url(stored[k])
        return registry_url(k) if k else None

    right: dict[tuple[str, str], Node] = {}
    for c in conn.execute("select number, name, relation, target_id from citations where document_id = ? "
                          "and relation in ('can_cu', 'huong_dan', 'sua_doi', 'bai_bo', 'thay_the') "
                          "order by page, start", [doc["id"]]):
        number = c["number"] or c["name"]
        if not number or (c["number"] and number_key(c["number"]) == key):
            continue
        right.setdefault((number_key(number) or number, c["relation"]),
                         Node(number, c["relation"], OUTGOING[c["relation"]], href(c["number"], c["target_id"])))
    left: dict[tuple[str, str], Node] = {}
    for c in conn.execute("select d.id, d.number, c.relation from citations c join documents d on d.id = "
                          "c.document_id where (c.target_id = ? or (c.number_key = ? and c.number_key is not null)) "
                          "and c.document_id != ? and c.relation in ('can_cu', 'huong_dan', 'sua_doi', 'bai_bo', "
                          "'thay_the') order by d.issued_on", [doc["id"], key, doc["id"]]):
        number = c["number"] or "văn bản"
        left.setdefault((number_key(number) or number, c["relation"]),
                        Node(number, c["relation"], INCOMING[c["relation"]], doc_url(c["id"])))
    if key:  # what the registry knows besides the stored citations: the Công báo, the fact files, imports
        facts = [(f.kind, f.by) for f in effect.shipped().facts(doc["number"])]
        if _has(conn, "registry_facts"):
            facts += conn.execute("select kind, by_number from registry_facts where number_key = ?", [key]).fetchall()
        for kind, by in facts:
            relation = RELATION_OF_KIND.get(kind)
            if relation and by and number_key(by) != key:
                left.setdefault((number_key(by) or by, relation), Node(by, relation, INCOMING[relation], href(by)))
    order = [*OUTGOING, effect.REPEALED_PART]
    rank = lambda n: order.index(n.relation) if n.relation in order else len(order)  # noqa: E731
    return sorted(left.values(), key=rank, reverse=True), sorted(right.values(), key=rank)


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def diagram_svg(centre: str, left: list[Node], right: list[Node]) -> Markup:
    """The relations diagram: this document in the middle, the documents acting on it on the left, those it
    acts on on the right, an edge to each labelled with the relation; each node a link when it has one."""
    sides = [(left[:MAX_NODES], len(left) - MAX_NODES), (right[:MAX_NODES], len(right) - MAX_NODES)]
    rows = max(1, *(len(nodes) + (more > 0) for nodes, more in sides))
    height = 2 * MARGIN + rows * ROW
    cx, cy = WIDTH / 2, height / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="rasoat-diagram" role="img" viewBox="0 0 {WIDTH} '
             f'{height}" width="100%" style="max-width:{WIDTH}px" font-family="sans-serif" font-size="12">',
             f"<title>Lược đồ quan hệ của {escape(centre)}</title>"]
    for side, (nodes, more) in enumerate(sides):
        x = MARGIN if side == 0 else WIDTH - MARGIN - NODE_W
        edge_x = x + NODE_W if side == 0 else x
        for i, n in enumerate(nodes):
            y = MARGIN + i * ROW
            colour = COLOURS.get(n.relation, "#777")
            parts.append(f'<g class="edge rel-{escape(n.relation)}"><line x1="{edge_x}" y1="{y + NODE_H / 2}" '
                         f'x2="{cx - 90 if side == 0 else cx + 90}" y2="{cy}" stroke="{colour}" stroke-width="1.5"/>')
            parts.append(f'<text x="{edge_x + (6 if side == 0 else -6)}" y="{y + NODE_H / 2 - 4}" fill="{colour}" '
                         f'font-size="10" text-anchor="{"start" if side == 0 else "end"}">{escape(n.label)}</text></g>')
            box = (f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="4" fill="#fff" stroke="{colour}"/>'
                   f'<text x="{x + 8}" y="{y + NODE_H / 2 + 4}" fill="#222">{escape(_cut(n.number))}</text>')
            if n.href:
                box = f'<a class="node" href="{escape(n.href)}"><title>{escape(n.number)}</title>{box}</a>'
            parts.append(f'<g class="node-box">{box}</g>')
        if more > 0:
            y = MARGIN + len(nodes) * ROW + NODE_H / 2
            parts.append(f'<text x="{x + 8}" y="{y}" fill="#666">… và {more} văn bản khác</text>')
    parts.append(f'<rect x="{cx - 90}" y="{cy - NODE_H / 2}" width="180" height="{NODE_H}" rx="6" fill="#1f3b63"/>'
                 f'<text x="{cx}" y="{cy + 4}" fill="#fff" text-anchor="middle" font-weight="bold">'
                 f"{escape(_cut(centre))}</text>")
    if not left and not right:
        parts.append(f'<text x="{cx}" y="{cy + NODE_H}" fill="#666" text-anchor="middle">'
                     "Chưa biết quan hệ nào với văn bản khác</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
