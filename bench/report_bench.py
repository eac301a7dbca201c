"""How long the audit report of the largest example takes to render, next to a floor measured in
the same run on the same assessment: its JSON serialisation (`json.dumps` of
`Assessment.to_json_dict()`), what `socialaudit assess --format json` does after assessing.

The example (examples/agency-retail-chain, 7 channels) is read and assessed once; then each
format is rendered `--repeat` times and the median is taken:

- ``floor``: the JSON of the assessment;
- ``html``: the whole page (facts per section, five pygal charts, Jinja2);
- ``pdf``: the same page laid out by WeasyPrint (skipped when WeasyPrint cannot run here);
- ``csv`` and ``xlsx``: the figures.

    python bench/report_bench.py
    python bench/report_bench.py --repeat 9 --example examples/noorderlicht-it
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from socialaudit.api.report import exports
from socialaudit.api.report.facts import ReportInput
from socialaudit.api.report.pdf import PdfUnavailable, html_to_pdf
from socialaudit.api.report.render import render_html
from socialaudit.engine.config import load_settings
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import build_registry

ROOT = Path(__file__).parents[1]


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "agency-retail-chain")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lang", default="nl")
    args = parser.parse_args()

    registry = build_registry(load_settings(None))
    data = load_organisation(args.example, registry.adapters)
    assessment = assess(data, registry, language=args.lang)
    inp = ReportInput(
        assessment=assessment, data=data, window_days=registry.settings.assessment.window_days
    )
    posts = sum(channel.posts.height for channel in data.channels.values())
    messages = sum(channel.messages.height for channel in data.channels.values())
    print(f"{args.example.name}: {len(data.channels)} channels, {posts} posts, {messages} messages")

    html = render_html(inp, args.lang)  # warm: templates compiled, pygal imported
    runs: dict[str, Callable[[], object]] = {
        "floor (JSON)": lambda: json.dumps(assessment.to_json_dict(), ensure_ascii=False),
        "html": lambda: render_html(inp, args.lang),
        "csv": lambda: exports.to_csv(assessment),
        "xlsx": lambda: exports.to_xlsx(assessment),
    }
    try:
        html_to_pdf(html)
        runs["pdf"] = lambda: html_to_pdf(render_html(inp, args.lang))
    except PdfUnavailable as exc:
        print(f"pdf skipped: {exc}")

    floor = median_seconds(runs.pop("floor (JSON)"), args.repeat)
    print(f"{'run':<14} {'seconds':>9} {'× floor':>9}")
    print(f"{'floor (JSON)':<14} {floor:>9.4f} {1:>9.1f}")
    for name, run in runs.items():
        seconds = median_seconds(run, args.repeat)
        print(f"{name:<14} {seconds:>9.4f} {seconds / floor:>9.1f}")


if __name__ == "__main__":
    main()
