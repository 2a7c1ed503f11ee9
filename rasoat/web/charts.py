"""Horizontal bar charts as inline SVG, drawn on the server (no JavaScript,
nothing fetched from the network).  Every bar is a link to the rows behind
it."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str
    series: int = 0  # which colour (index into the chart's series names)


@dataclass(frozen=True)
class Group:
    """One label with one bar per series (most charts have one series)."""

    label: str
    bars: tuple[Bar, ...]


LABEL_W, BAR_W, ROW_H, BAR_H, GAP = 300, 380, 20, 15, 10
COLOURS = ("#3b6fb6", "#c0392b", "#7f8c8d")


def bar_chart(title: str, groups: list[Group], series: tuple[str, ...] = ("",), unit: str = "") -> Markup:
    """An SVG chart: one row per group label, bars scaled to the largest value."""
    if not groups:
        return Markup('<p class="empty">Chưa có dữ liệu.</p>')
    top = max((b.value for g in groups for b in g.bars), default=0) or 1
    legend_h = 22 if len(series) > 1 else 0
    y, parts = legend_h, []
    for g in groups:
        h = ROW_H * len(g.bars)
        label = g.label if len(g.label) <= 44 else g.label[:43] + "…"
        parts.append(f'<text class="label" x="{LABEL_W - 8}" y="{y + h / 2 + 4:.0f}" text-anchor="end">'
                     f'<title>{escape(g.label)}</title>{escape(label)}</text>')
        for i, b in enumerate(g.bars):
            w = max(2, round(BAR_W * b.value / top)) if b.value else 0
            by = y + i * ROW_H + (ROW_H - BAR_H) / 2
            name = f"{series[b.series]}: " if series[b.series] else ""
            tip = f"{g.label} — {name}{b.value} {unit}".strip()
            parts.append(f'<a href="{escape(b.href)}" class="bar"><title>{escape(tip)}</title>'
                         f'<rect x="{LABEL_W}" y="{by:.0f}" width="{w}" height="{BAR_H}" '
                         f'fill="{COLOURS[b.series % len(COLOURS)]}"/>'
                         f'<text class="value" x="{LABEL_W + w + 5}" y="{by + BAR_H - 3:.0f}">{b.value}</text></a>')
        y += h + GAP
    legend = "".join(
        f'<rect x="{LABEL_W + i * 170}" y="4" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
        f'<text class="legend" x="{LABEL_W + i * 170 + 17}" y="15">{escape(s)}</text>'
        for i, s in enumerate(series) if len(series) > 1)
    width = LABEL_W + BAR_W + 50
    return Markup(f'<svg class="chart" role="img" viewBox="0 0 {width} {y}" width="{width}" height="{y}" '
                  f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{legend}{"".join(parts)}</svg>')
