"""Rules on the figures of reports (báo cáo): ratios, shares, sums.

Legal basis: the duty of accuracy of reported data — Nghị định 09/2019/NĐ-CP
quy định về chế độ báo cáo của cơ quan hành chính nhà nước, Điều 4 (nguyên
tắc: thông tin, số liệu báo cáo đầy đủ, chính xác).
"""

from __future__ import annotations

from rules.base import finding, rule

BASIS = "NĐ 09/2019/NĐ-CP, Điều 4 (số liệu báo cáo phải chính xác, thống nhất)"


def _fmt(x: float) -> str:
    s = f"{x:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "␣").replace(".", ",").replace("␣", ".")


def _span(f):
    return dict(page=f.page, start=f.start, end=f.end)


@rule("FIG001", "Tỷ lệ phần trăm không khớp với phân số đi kèm", "Số liệu", "error", BASIS)
def percent_disagrees_with_fraction(doc):
    figs = doc.extraction.figures
    for p in figs:
        if p.kind != "percent" or p.parent is None:
            continue
        fr = figs[p.parent]
        if not fr.denominator:
            continue
        actual = fr.numerator / fr.denominator * 100
        # the printed percent may be rounded (or truncated) to its printed decimals
        tolerance = 0.5 * 10 ** (-p.decimals) + 1e-9
        if abs(actual - p.percent) > tolerance + 10 ** (-p.decimals):
            yield finding(
                f"{fr.raw} = {_fmt(actual)}%, nhưng văn bản ghi {p.raw}",
                evidence=p.sentence or f"{fr.raw} … {p.raw}",
                **_span(p),
            )


@rule("FIG002", "Tử số lớn hơn mẫu số (số đạt vượt tổng số)", "Số liệu", "error", BASIS)
def numerator_exceeds_denominator(doc):
    for f in doc.extraction.figures:
        if f.kind == "fraction" and f.denominator and f.numerator > f.denominator and f.denominator not in (10, 100):
            yield finding(f"{f.raw}: tử số {_fmt(f.numerator)} lớn hơn mẫu số {_fmt(f.denominator)}",
                          evidence=f.sentence or f.raw, **_span(f))


@rule("FIG003", "Tỷ lệ phần trăm vượt quá 100% ở chỗ là một tỷ lệ phần", "Số liệu", "warning", BASIS)
def share_over_hundred(doc):
    growth = ("tăng", "giảm", "so với", "bằng")
    for f in doc.extraction.figures:
        if f.kind == "percent" and f.percent > 100:
            if (f.qualifier or "") in growth or any(w in (f.sentence or "") for w in ("tăng", "so với", "so cùng kỳ")):
                continue
            yield finding(f"{f.raw}: tỷ lệ vượt 100%", evidence=f.sentence or f.raw, **_span(f))


@rule("FIG004", "Các thành phần không cộng lại bằng tổng số", "Số liệu", "error", BASIS)
def parts_do_not_add_up(doc):
    figs = doc.extraction.figures
    for i, total in enumerate(figs):
        parts = [f for f in figs if f.parent == i and f.kind == total.kind]
        if len(parts) < 2 or total.value is None:
            continue
        s = sum(p.value or 0 for p in parts)
        if abs(s - total.value) > 1e-6:
            yield finding(
                f"{total.raw}: tổng các thành phần là {_fmt(s)} ("
                + " + ".join(_fmt(p.value) for p in parts) + f"), khác {_fmt(total.value)}",
                evidence=total.sentence or total.raw,
                **_span(total),
            )
