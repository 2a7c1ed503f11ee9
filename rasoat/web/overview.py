"""The overview page: what the database holds, as bar charts a reviewer
looks at before reading — documents per year and type, findings per rule,
severity and issuing body, and the figure checks of each report.  Each bar
links to the rows behind it (a filtered table or a canned query)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from rasoat.web import labels
from rasoat.web.charts import Bar, Group, bar_chart

Link = Callable[..., str]  # link("documents", year=2024) → URL of the filtered table or canned query

FIGURE_RULES = "select id from rules where category = 'Số liệu'"


def overview_context(conn: sqlite3.Connection, link: Link) -> dict:
    q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    one = lambda label, n, href: Group(label, (Bar(label, n, href),))  # noqa: E731
    charts = [
        ("Văn bản theo năm ban hành", "văn bản", [
            one(str(y) if y is not None else "(không rõ năm)", n,
                link("documents", year=y) if y is not None else link("documents", year__isblank=1))
            for y, n in q("select year, count(*) from documents group by year order by year desc")]),
        ("Văn bản theo loại", "văn bản", [
            one(t or "(chưa nhận ra loại)", n,
                link("documents", doc_type=t) if t else link("documents", doc_type__isblank=1))
            for t, n in q("select doc_type, count(*) from documents group by doc_type order by 2 desc, 1")]),
        ("Phát hiện theo quy tắc", "phát hiện", [
            one(f"{r} · {title}" if title else r, n, link("findings", rule_id=r))
            for r, title, n in q("select f.rule_id, r.title, count(*) from findings f left join rules r "
                                 "on r.id = f.rule_id group by f.rule_id order by 3 desc, 1")]),
        ("Phát hiện theo mức độ", "phát hiện", [
            one(labels.SEVERITY.get(s, s or "?"), n, link("findings", severity=s))
            for s, n in q("select severity, count(*) from findings group by severity "
                          "order by case severity when 'error' then 0 when 'warning' then 1 else 2 end")]),
        ("Phát hiện theo cơ quan ban hành", "phát hiện", [
            one(i or "(chưa nhận ra cơ quan)", n, link("findings_by_issuer", **{"cơ_quan": i or ""}))
            for i, n in q("select d.issuer, count(*) from findings f join documents d on d.id = f.document_id "
                          "group by d.issuer order by 2 desc, 1")]),
    ]
    figure_groups = [
        Group(f"{number or file_name}", (
            Bar("Số liệu đã trích", n_fig, link("figures", document_id=doc_id), 0),
            Bar("Không khớp", n_bad, link("figure_errors", **{"văn_bản": doc_id}), 1)))
        for doc_id, number, file_name, n_fig, n_bad in q(
            "select d.id, d.number, d.file_name, "
            "(select count(*) from figures g where g.document_id = d.id), "
            f"(select count(*) from findings f where f.document_id = d.id and f.rule_id in ({FIGURE_RULES})) "
            "from documents d where exists (select 1 from figures g where g.document_id = d.id) "
            f"and (d.doc_type = 'Báo cáo' or exists (select 1 from findings f where f.document_id = d.id "
            f"and f.rule_id in ({FIGURE_RULES}))) "
            "order by 5 desc, 4 desc")]
    totals = dict(zip(("documents", "findings", "errors", "qppl"), q(
        "select (select count(*) from documents), (select count(*) from findings), "
        "(select count(*) from findings where severity = 'error'), "
        "(select count(*) from documents where is_qppl = 1)")[0], strict=False))
    return dict(
        totals=totals,
        charts=[dict(title=t, svg=bar_chart(t, groups, unit=unit)) for t, unit, groups in charts]
        + [dict(title="Kiểm tra số liệu theo báo cáo",
                svg=bar_chart("Kiểm tra số liệu theo báo cáo", figure_groups,
                              series=("Số liệu đã trích", "Không khớp")))],
    )
