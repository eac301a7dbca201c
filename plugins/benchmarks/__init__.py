"""Reference figures from the seed studies, kept as data in `benchmarks.toml` so that a figure
can be corrected or added without touching code."""

from __future__ import annotations

import tomllib
from pathlib import Path

from socialaudit.plugin import Benchmark, Market, Measures, Sector, Unit, hookimpl

DATA_FILE = Path(__file__).with_name("benchmarks.toml")


def load_benchmarks(path: Path = DATA_FILE) -> list[Benchmark]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["benchmark"]
    return [
        Benchmark(
            **{k: v for k, v in entry.items() if k not in ("unit", "market", "sector", "measures")},
            unit=Unit(entry["unit"]),
            market=Market(entry["market"]) if "market" in entry else None,
            sector=Sector(entry["sector"]) if "sector" in entry else None,
            measures=Measures(entry.get("measures", Measures.AVERAGE)),
        )
        for entry in entries
    ]


@hookimpl
def socialaudit_benchmarks() -> list[Benchmark]:
    return load_benchmarks()
