"""The report's charts as SVG drawn by pygal, inlined in the page.

pygal was chosen over matplotlib because it writes SVG natively (no raster backend, no NumPy,
a fraction of the install size), its charts are plain `<path>`/`<rect>` marks that a browser,
WeasyPrint and a screen reader's text equivalent all take as they are, and it is maintained
(Kozea, who also make WeasyPrint). Its tooltip script is switched off (`js=[]`): the charts need
no JavaScript and the page loads nothing from elsewhere.

Colours are from the Okabe–Ito palette, which stays distinguishable with the common colour
vision deficiencies, chosen so neighbouring series also differ in lightness (readable printed
in grayscale); lines differ in dash pattern too, and bars carry their values as text.
"""

from __future__ import annotations

from html import escape
from typing import Any

import pygal
from pygal.style import Style

# Okabe–Ito, ordered so that consecutive colours differ in lightness as well as hue.
PALETTE = ("#0072B2", "#E69F00", "#222222", "#56B4E9", "#D55E00", "#009E73", "#CC79A7")
DASHES = ("", "8,4", "2,3", "12,4,2,4", "4,4", "1,6", "16,6")
LEGEND_COLUMNS = 4
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def _style(colors: tuple[str, ...] = PALETTE) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#222222",
        foreground_strong="#111111",
        foreground_subtle="#888888",
        colors=colors,
        font_family=FONT,
        label_font_size=13,
        major_label_font_size=13,
        value_font_size=12,
        value_label_font_size=12,
        legend_font_size=13,
        tooltip_font_size=12,
        guide_stroke_color="#c8c8c8",
        major_guide_stroke_color="#a0a0a0",
    )


def _drop_scripts(root: Any) -> Any:
    """pygal writes its configuration as an inline `<script>` even without tooltips; the page
    runs no script (its Content-Security-Policy forbids them), so it goes."""
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _config(**options: object) -> dict[str, object]:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 720,
        "height": 340,
        "style": _style(),
        "legend_at_bottom": True,
        "legend_at_bottom_columns": LEGEND_COLUMNS,
        "truncate_legend": -1,
        "show_minor_x_labels": True,
        "margin": 12,
        **options,
    }


def _legend_room(series: int) -> int:
    """pygal sizes the plot before the legend rows: room for every row below the plot."""
    return 12 + 26 * -(-series // LEGEND_COLUMNS)


def _svg(chart: pygal.graph.graph.Graph, label: str) -> str:
    chart.add_xml_filter(_drop_scripts)
    svg = chart.render(is_unicode=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def dimensions_radar(scores: list[tuple[str, float]], label: str) -> str:
    chart = pygal.Radar(
        **_config(
            show_legend=False,
            range=(0, 100),
            # the outer ring unnumbered: pygal writes the scale along the first axis, where
            # "100" ran into that axis's name (the heading says "out of 100")
            y_labels=[*range(0, 100, 20), {"value": 100, "label": ""}],
            height=380,
            fill=True,
            dots_size=4,
        )
    )
    chart.x_labels = [name for name, _ in scores]
    chart.add(label, [value for _, value in scores])
    return _svg(chart, label)


def content_mix(rows: list[tuple[str, list[float | None]]], series: list[str], label: str) -> str:
    """Stacked horizontal bars, one per channel, in percent."""
    chart = pygal.HorizontalStackedBar(
        **_config(
            range=(0, 100),
            print_values=True,
            value_formatter=lambda v: f"{v:.0f}%" if v else "",
            height=max(200, 60 + 46 * len(rows)),
            margin_bottom=_legend_room(len(series)),
            style=_style(("#E69F00", "#0072B2", "#222222")),
        )
    )
    chart.x_labels = [name for name, _ in rows]
    for index, name in enumerate(series):
        chart.add(name, [None if v[index] is None else round(v[index] * 100, 1) for _, v in rows])
    return _svg(chart, label)


def weekly_lines(weeks: list[str], series: dict[str, list[int]], label: str) -> str:
    chart = pygal.Line(
        **_config(
            x_label_rotation=30,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(weeks) // 8),
            dots_size=3,
            min_scale=3,
            margin_bottom=_legend_room(len(series)),
        )
    )
    chart.x_labels = weeks
    for index, (name, values) in enumerate(series.items()):
        chart.add(
            name,
            values,
            stroke_style={"width": 2.5, "dasharray": DASHES[index % len(DASHES)]},
        )
    return _svg(chart, label)


def bars(labels: list[str], values: list[int], series: str, label: str) -> str:
    chart = pygal.Bar(**_config(show_legend=False, print_values=True, height=300))
    chart.x_labels = labels
    chart.add(series, values)
    return _svg(chart, label)


def score_trend(dates: list[str], scores: list[float], label: str) -> str:
    chart = pygal.Line(
        **_config(show_legend=False, range=(0, 100), print_values=True, height=260, dots_size=5)
    )
    chart.x_labels = dates
    chart.add(label, scores)
    return _svg(chart, label)
