"""The content classifier: accuracy and macro-F1 per language on held-out texts, and speed next
to a floor measured in the same run, in turn (`_floors.classifier_floor`: the classifier's
py3langid detector plus as many pattern passes as the classifier makes).

    python bench/cue_classifier_bench.py            # quality, and speed on 100,000 texts
    python bench/cue_classifier_bench.py --n 1000000
    python bench/cue_classifier_bench.py --scoring-calls 40   # cue scoring alone, per call
    python bench/cue_classifier_bench.py --crossover 24       # where Python matching stops paying
    python bench/cue_classifier_bench.py --assessments 12     # the examples, assessed in process

``--scoring-calls`` times the cue scoring alone (`scoring.score`, no language identification)
the way assessments call it: batches of ``--batch`` distinct texts (default 300, a small
organisation's window), each language's posts and messages in turn (nl, en, fr and unknown,
whose cues are every pack's), so that each call meets the patterns the others left in polars'
regex cache. It prints the median per call, wall and CPU.

``--crossover`` makes the same calls at batches of 25 to 800 texts, once with every cue matched
in Python (compiled once) and once in polars (compiled again each call), in turn, to show where
`scoring.PYTHON_MATCHING_LIMIT` belongs. ``--assessments`` assesses each example organisation
in one process with the cue classifier and a fresh memory cache each time (what the service
does for texts it has not seen), every cue in polars and as shipped, in turn.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import _floors
import _measure
import polars as pl

from socialaudit.engine.definitions import MESSAGE_LABELS, POST_LABELS
from socialaudit.plugins.classifier import CueClassifier

DATA = Path(__file__).parents[1] / "tests" / "classifier" / "data"


def macro_f1(truth: list[str], predicted: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(t == p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(p == label != t for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label != p for t, p in zip(truth, predicted, strict=True))
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def quality(classifier: CueClassifier) -> None:
    for kind, labels, method in (
        ("posts", POST_LABELS, "classify_posts"),
        ("messages", MESSAGE_LABELS, "classify_messages"),
    ):
        data = pl.read_csv(DATA / f"{kind}.csv").filter(pl.col("split") == "holdout")
        result = getattr(classifier, method)(data["text"])
        data = data.with_columns(
            result["label"].alias("predicted"), result["language"].alias("detected")
        )
        print(f"\n{kind} (held out, {data.height} texts)")
        print(f"{'language':<10}{'n':>5}{'accuracy':>10}{'macro-F1':>10}{'language id':>13}")
        for (language,), group in sorted(data.group_by("language"), key=lambda g: g[0]):
            truth, predicted = group["label"].to_list(), group["predicted"].to_list()
            accuracy = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
            language_ok = (group["detected"] == language).mean()
            print(
                f"{language:<10}{group.height:>5}{accuracy:>10.2f}"
                f"{macro_f1(truth, predicted, labels):>10.2f}{language_ok:>13.2f}"
            )
        print(
            f"{'label':<16}"
            + "".join(f"{lang:>8}" for lang in ("nl", "en", "fr"))
            + "   (F1 per label and language)"
        )
        for label in labels:
            cells = []
            for language in ("nl", "en", "fr"):
                group = data.filter(pl.col("language") == language)
                truth, predicted = group["label"].to_list(), group["predicted"].to_list()
                cells.append(f"{macro_f1(truth, predicted, (label,)):>8.2f}")
            print(f"{label:<16}" + "".join(cells))
        wrong = data.filter(pl.col("label") != pl.col("predicted"))
        for row in wrong.iter_rows(named=True):
            print(f"  miss: {row['label']} -> {row['predicted']}: {row['text'][:70]}")


def speed(classifier: CueClassifier, count: int, rounds: int) -> None:
    """The classifier next to its floor (`_floors.classifier_floor`: identification plus as
    many pattern passes), both warm, in turn for `rounds` rounds."""
    base = pl.read_csv(DATA / "posts.csv")["text"].to_list()
    rng = random.Random(3)
    texts = pl.Series([f"{rng.choice(base)} #{rng.randrange(10**6)}" for _ in range(count)])
    detector = _floors._detector()
    packs = _floors.builtin_packs()
    _floors.identify(texts.head(10), detector)  # load the model first
    classifier.classify_posts(texts.head(10))
    results = _measure.in_turn(
        {
            "floor": lambda: _measure.in_process(
                lambda: _floors.classifier_floor(texts, "posts", detector, packs)
            ),
            "classifier": lambda: _measure.in_process(lambda: classifier.classify_posts(texts)),
        },
        rounds,
    )
    print(f"\nspeed on {count:,} distinct posts")
    print(_measure.table(results, {"classifier": "floor"}))


def scoring_calls(
    classifier: CueClassifier, calls: int, batch: int, quiet: bool = False
) -> _measure.Sample:
    """Median cost of one `score` call, the languages and kinds taken in turn."""
    from socialaudit.plugins.classifier.cues import DEFAULTS, ORDERS
    from socialaudit.plugins.classifier.normalise import for_cues
    from socialaudit.plugins.classifier.scoring import score

    rng = random.Random(5)
    pools = {
        kind: pl.read_csv(DATA / f"{kind}.csv")
        .select(for_cues(pl.col("text")).alias("text"))["text"]
        .to_list()
        for kind in ("posts", "messages")
    }
    turns = [(lang, kind) for lang in ("nl", "en", "fr", "unknown") for kind in pools]
    samples: dict[tuple[str, str], list[_measure.Sample]] = {turn: [] for turn in turns}
    for call in range(calls):
        language, kind = turns[call % len(turns)]
        texts = pl.DataFrame(
            {"text": [f"{rng.choice(pools[kind])} {rng.randrange(10**6)}" for _ in range(batch)]}
        )
        cues = classifier._cues_for(language, kind)
        samples[(language, kind)].append(
            _measure.in_process(lambda t=texts, c=cues, k=kind: score(t, c, ORDERS[k], DEFAULTS[k]))
        )
    every = [sample for found in samples.values() for sample in found[1:]]  # first: compiles
    middle = _measure.median(every)
    if quiet:
        return middle
    print(
        f"\nscoring alone, {batch} texts a call, {len(every)} calls after each turn's first: "
        f"median {middle.wall * 1000:.1f} ms wall, {middle.cpu * 1000:.1f} ms CPU a call"
    )
    for (language, kind), found in samples.items():
        if len(found) > 1:
            turn = _measure.median(found[1:])
            print(
                f"  {language:<8}{kind:<9}{turn.wall * 1000:>7.1f} ms wall "
                f"{turn.cpu * 1000:>7.1f} ms CPU"
            )
    return middle


def crossover(classifier: CueClassifier, calls: int) -> None:
    """`scoring_calls` with every cue in Python, then in polars, at growing batches."""
    from socialaudit.plugins.classifier import scoring

    limit = scoring.PYTHON_MATCHING_LIMIT
    print(f"\nmedian per scoring call, {calls} calls each (the limit today: {limit} texts)")
    print("| texts a call | Python wall ms | CPU ms | polars wall ms | CPU ms |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    try:
        for batch in (25, 50, 100, 200, 400, 800):
            figures = []
            for forced in (10**9, 0):
                scoring.PYTHON_MATCHING_LIMIT = forced
                figures.append(scoring_calls(classifier, calls, batch, quiet=True))
            print(
                f"| {batch} | "
                + " | ".join(f"{f.wall * 1000:.1f} | {f.cpu * 1000:.1f}" for f in figures)
                + " |"
            )
    finally:
        scoring.PYTHON_MATCHING_LIMIT = limit


def assessments(rounds: int) -> None:
    """Whole assessments of the examples, every cue in polars against the shipped limit."""
    import tempfile

    from socialaudit.engine.classification import MemoryCache
    from socialaudit.engine.config import load_settings
    from socialaudit.engine.loading import OrganisationInput, load_organisation
    from socialaudit.engine.pipeline import assess
    from socialaudit.engine.registry import build_registry
    from socialaudit.plugins.classifier import scoring

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "plugins.toml"
        config.write_text('[classifier]\nuse = "builtin"\n', encoding="utf-8")
        registry = build_registry(load_settings(config))
    limit = scoring.PYTHON_MATCHING_LIMIT
    print(f"\nin-process assessments, cue classifier, {rounds} rounds, medians")
    print("| example | every cue in polars: wall ms | CPU ms | shipped: wall ms | CPU ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    try:
        for example in sorted((DATA.parents[2] / "examples").iterdir()):
            if not (example / "organisation.toml").exists():
                continue
            data = load_organisation(example, registry.adapters)

            def run(forced: int, data: OrganisationInput = data) -> _measure.Sample:
                scoring.PYTHON_MATCHING_LIMIT = forced
                return _measure.in_process(
                    lambda: assess(data, registry, classification_cache=MemoryCache())
                )

            run(limit)  # loads the packs and the identifier
            results = _measure.in_turn(
                {"polars": lambda run=run: run(0), "shipped": lambda run=run: run(limit)},
                rounds,
                log=False,
            )
            medians = {name: _measure.median(samples) for name, samples in results.items()}
            print(
                f"| {example.name} | "
                + " | ".join(
                    f"{medians[n].wall * 1000:.1f} | {medians[n].cpu * 1000:.1f}"
                    for n in ("polars", "shipped")
                )
                + " |"
            )
    finally:
        scoring.PYTHON_MATCHING_LIMIT = limit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, in turn")
    parser.add_argument("--scoring-calls", type=int, default=0, help="time scoring alone")
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--crossover", type=int, default=0, help="calls per batch size")
    parser.add_argument("--assessments", type=int, default=0, help="rounds over the examples")
    args = parser.parse_args()
    classifier = CueClassifier()
    classifier.use_language_packs([])
    if args.assessments:
        assessments(args.assessments)
        return
    if args.crossover:
        crossover(classifier, args.crossover)
        return
    if args.scoring_calls:
        scoring_calls(classifier, args.scoring_calls, args.batch)
        return
    quality(classifier)
    speed(classifier, args.n, args.rounds)


if __name__ == "__main__":
    main()
