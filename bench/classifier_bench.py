"""The content classifiers' speed, next to floors measured in the same run (language
identification's accuracy and speed: `language_id_bench.py`).

    python bench/classifier_bench.py                    # model and cues on 5,000 texts
    python bench/classifier_bench.py --n 20000 --warm 1000000
    python bench/classifier_bench.py --parts --n 1000   # where the model's time goes

Cold is a first classification (nothing cached); warm is the same texts again through the
engine's cache (`engine.classification`), as a re-assessment runs. The floor is language
identification (py3langid, as the classifier configures it) plus one vectorised regex pass over
the same texts. The model's threads are set per run (`SOCIALAUDIT_CLASSIFIER_THREADS`), so
each thread count runs in its own process; rounds alternate floor and subject, and the
median of the rounds is printed with wall and CPU time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

DATA = Path(__file__).parents[1] / "tests" / "classifier" / "data"
FLOOR_PATTERN = r"(?i)(korting|bestel|order|sale|\?|€\s?\d|\d+%)"


def corpus(count: int) -> pl.Series:
    """Distinct texts drawn from the labelled training rows (never the held-out part)."""
    base = [
        text
        for pattern in ("posts_train*.csv", "messages_train*.csv")
        for file in sorted((DATA / "labelled").glob(pattern))
        for text in pl.read_csv(file)["text"].to_list()
    ]
    rng = random.Random(3)
    return pl.Series("text", [f"{rng.choice(base)} #{i}" for i in range(count)])


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def median(rounds: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in rounds), statistics.median(r[1] for r in rounds)


def speed(name: str, count: int, rounds: int) -> None:
    from socialaudit.engine.boundary import Guard
    from socialaudit.engine.classification import MemoryCache, _run_cached
    from socialaudit.plugins.classifier import CueClassifier, ModelClassifier
    from socialaudit.plugins.classifier.language import LanguageIdentifier

    classifier = ModelClassifier() if name == "model" else CueClassifier()
    classifier.use_language_packs([])
    identifier = LanguageIdentifier()
    texts = corpus(count)
    classifier.classify_messages(texts.head(20))  # loads py3langid and the model
    identifier.identify(texts.head(20))

    def floor() -> None:
        identifier.identify(texts)
        pl.DataFrame({"text": texts}).select(pl.col("text").str.contains(FLOOR_PATTERN).sum())

    floors, colds, warms = [], [], []
    with Guard() as guard:
        for round_ in range(rounds):
            floors.append(timed(floor))
            cache = MemoryCache()
            shifted = texts + f" r{round_}"  # other texts each round: none cached

            def run(cache: MemoryCache = cache, shifted: pl.Series = shifted) -> None:
                errors: list = []
                _run_cached(
                    guard, classifier, "messages", "classify_messages", shifted, 3600, errors, cache
                )
                assert not errors, errors

            colds.append(timed(run))
            warms.append(timed(run))
    (fw, fc), (cw, cc), (ww, wc) = median(floors), median(colds), median(warms)
    threads = os.environ.get("SOCIALAUDIT_CLASSIFIER_THREADS", "default")
    print(
        f"{name:<6} threads={threads:<7} n={count:>9,}  floor {fw:7.2f} s (cpu {fc:6.2f})  "
        f"cold {cw:8.2f} s (cpu {cc:7.2f}) = {cw / fw:6.2f}x  "
        f"warm {ww:6.2f} s (cpu {wc:6.2f}) = {ww / fw:5.2f}x  "
        f"cold {cw / count * 1e3:.2f} ms/text"
    )


def warm_only(count: int) -> None:
    """Warm figures at a size the model cannot run cold here: the cache filled with stored
    results (as a database or an earlier run holds them), then the texts looked up."""
    from socialaudit.engine.boundary import Guard
    from socialaudit.engine.classification import MemoryCache, _run_cached, text_digests
    from socialaudit.plugins.classifier import ModelClassifier
    from socialaudit.plugins.classifier.language import LanguageIdentifier

    classifier = ModelClassifier()
    classifier.use_language_packs([])
    texts = corpus(count)
    cache = MemoryCache(limit=count)
    distinct = texts.unique(maintain_order=True)
    cache.store(
        classifier.version,
        "messages",
        pl.DataFrame({"digest": text_digests(distinct)}).with_columns(
            pl.lit("en").alias("language"),
            pl.lit("question").alias("label"),
            pl.lit(0.9).alias("confidence"),
            pl.lit([], dtype=pl.List(pl.String)).alias("evidence"),
            pl.lit("neutral").alias("sentiment"),
        ),
    )
    identifier = LanguageIdentifier()
    identifier.identify(texts.head(20))

    def floor() -> None:
        identifier.identify(texts)
        pl.DataFrame({"text": texts}).select(pl.col("text").str.contains(FLOOR_PATTERN).sum())

    def warm() -> None:
        with Guard() as guard:
            errors: list = []
            _run_cached(
                guard, classifier, "messages", "classify_messages", texts, 3600, errors, cache
            )
            assert not errors, errors

    (fw, fc), (ww, wc) = timed(floor), timed(warm)
    print(
        f"model warm n={count:,}: floor {fw:.1f} s (cpu {fc:.1f}), "
        f"warm {ww:.1f} s (cpu {wc:.1f}) = {ww / fw:.2f}x the floor"
    )


def parts(count: int) -> None:
    """Where the model classifier's time goes, each part alone on the same `count` messages
    (drawn as `corpus` draws them): py3langid, the cue evidence, the USE screen on every text,
    e5 on every text (what the classifier cost before the screen), and the whole
    `classify_messages` (screen, e5 on the unsure texts only, heads, evidence)."""
    from socialaudit.plugins.classifier import ModelClassifier
    from socialaudit.plugins.classifier.heads import KIND_TASKS
    from socialaudit.plugins.classifier.normalise import for_model

    classifier = ModelClassifier()
    classifier.use_language_packs([])
    texts = corpus(count)
    model_texts = pl.DataFrame({"t": texts}).select(for_model(pl.col("t"))).to_series().to_list()
    classifier.classify_messages(texts.head(20))  # loads py3langid and both models
    screened = classifier.screen.embed(model_texts)
    sure = np.ones(count, dtype=bool)
    for task in KIND_TASKS["messages"]:
        head = classifier.heads.tasks[task]
        sure &= head.screen.predict(screened)[1] >= head.threshold
    labelled = pl.DataFrame(
        {"text": texts, "language": ["en"] * count, "label": ["question"] * count}
    )
    tokens = [classifier.embedder._model.token_count(text, True) for text in model_texts]
    print(
        f"{count:,} texts, {statistics.mean(tokens):.1f} e5 tokens a text; the screen is sure "
        f"of {sure.mean():.1%}, so {1 - sure.mean():.1%} go to e5"
    )
    for name, work in (
        ("py3langid", lambda: classifier.cues.identifier.identify(texts)),
        ("cue evidence", lambda: classifier.cues.evidence(labelled, "messages")),
        ("USE screen, every text", lambda: classifier.screen.embed(model_texts)),
        ("e5, every text", lambda: classifier.embedder.embed(model_texts)),
        ("classify_messages, whole", lambda: classifier.classify_messages(texts + " x")),
    ):
        wall, cpu = timed(work)
        print(
            f"  {name:<26} {wall:7.2f} s wall {cpu:7.2f} s cpu  {wall / count * 1e3:6.2f} ms/text"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=0, help="also a warm-only run of this size")
    parser.add_argument("--parts", action="store_true", help="where the model's time goes")
    parser.add_argument("--only", help=argparse.SUPPRESS)  # one classifier, in this process
    args = parser.parse_args()
    if args.parts:
        parts(args.n)
        return
    if args.only:
        speed(args.only, args.n, args.rounds)
        return
    for name, threads in (("cues", "1"), ("model", "1"), ("model", "2")):
        environment = {**os.environ, "SOCIALAUDIT_CLASSIFIER_THREADS": threads}
        command = [sys.executable, __file__, "--only", name, "--n", str(args.n)]
        subprocess.run([*command, "--rounds", str(args.rounds)], env=environment, check=True)
    if args.warm:
        warm_only(args.warm)


if __name__ == "__main__":
    main()
