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


# The label on its own lines above its bars, so a chart stays readable at a phone's width: drawn WIDTH units
# wide, it is shown 1:1 on a desktop and at ~0.87 on a 390-px phone (13-px labels stay ~11 px).
WIDTH = 420  # the chart's width (SVG user units = CSS pixels at 1:1)
VALUE_W = 46  # room right of the longest bar for its value
LABEL_CHARS = 52  # characters on a label line at 13 px in WIDTH (Vietnamese text averages ~7.5 px a character)
LABEL_LINES = 3  # lines a label may take; a longer one ends with "…" (its whole text in the tooltip)
LINE_H, ROW_H, BAR_H, GAP = 16, 20, 15, 12
LEGEND_H = 18  # one series of the legend a line
COLOURS = ("#3b6fb6", "#c0392b", "#7f8c8d")


def wrap(label: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """A label in lines of at most ``width`` characters, broken between words (a word longer than a line is cut),
    at most ``lines`` of them."""
    out: list[str] = []
    for word in label.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.extend(word[i:i + width] for i in range(0, len(word), width))
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out or [""]


def bar_chart(title: str, groups: list[Group], series: tuple[str, ...] = ("",), unit: str = "") -> Markup:
    """An SVG chart: for each group its label (wrapped) and under it one bar per series, scaled to the largest
    value."""
    if not groups:
        return Markup('<p class="empty">Chưa có dữ liệu.</p>')
    top = max((b.value for g in groups for b in g.bars), default=0) or 1
    bar_w = WIDTH - VALUE_W
    legend_h = LEGEND_H * len(series) + 4 if len(series) > 1 else 0
    y, parts = legend_h, []
    for g in groups:
        lines = wrap(g.label)
        spans = "".join(f'<tspan x="0" dy="{0 if i == 0 else LINE_H}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text class="label" x="0" y="{y + LINE_H - 3}"><title>{escape(g.label)}</title>{spans}</text>')
        y += LINE_H * len(lines)
        for i, b in enumerate(g.bars):
            w = max(2, round(bar_w * b.value / top)) if b.value else 0
            by = y + i * ROW_H + (ROW_H - BAR_H) / 2
            name = f"{series[b.series]}: " if series[b.series] else ""
            tip = f"{g.label} — {name}{b.value} {unit}".strip()
            parts.append(f'<a href="{escape(b.href)}" class="bar"><title>{escape(tip)}</title>'
                         f'<rect x="0" y="{by:.0f}" width="{w}" height="{BAR_H}" '
                         f'fill="{COLOURS[b.series % len(COLOURS)]}"/>'
                         f'<text class="value" x="{w + 5}" y="{by + BAR_H - 3:.0f}">{b.value}</text></a>')
        y += ROW_H * len(g.bars) + GAP
    legend = "".join(
        f'<rect x="0" y="{4 + i * LEGEND_H}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
        f'<text class="legend" x="17" y="{15 + i * LEGEND_H}">{escape(s)}</text>'
        for i, s in enumerate(series) if len(series) > 1)
    return Markup(f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}" height="{y}" '
                  f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{legend}{"".join(parts)}</svg>')
