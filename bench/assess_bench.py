"""How long a whole `socialaudit assess` takes, next to honest floors measured in the same run.

Writes a synthetic organisation (default: 10 channels, 200,000 posts, 1,000,000 interactions)
in the generic CSV format, then runs, each in a fresh process, in turn for ``--rounds`` rounds:

- ``floor``: the tight floor of `_floors.py` (polars reads the CSVs, the numeric KPIs
  vectorised over the window, one vectorised regex pass over the window's texts);
- ``floor + language id``: the same plus py3langid, configured as the classifier configures it,
  over the window's distinct texts;
- ``assess without classifier``: ``socialaudit assess DIR --format json`` with the built-in
  classifier disabled, compared with the tight floor;
- ``assess, cues``: the whole assessment with the cue classifier (``[classifier] use =
  "builtin"``, no cache), compared with the floor with language identification;
- ``assess, model, warm``: the whole assessment with the default model classifier, its
  classification cache file filled beforehand for every window text (as a first assessment
  leaves it; filled with placeholder labels, since the model would take hours here), compared
  with the floor with language identification.

It prints the median wall time, CPU time and peak memory (max RSS) of the rounds and their
ratios to the floors; then the same at a quarter of the data, to show memory growing with it.

    python bench/assess_bench.py                      # full size
    python bench/assess_bench.py --posts 20000 --interactions 100000 --rounds 3
    python bench/assess_bench.py --sme                # first and repeated assessment, SME
    python bench/assess_bench.py --cli                # the command line on a small example
    python bench/assess_bench.py --model-cold         # the whole assessment, model, nothing cached

``--sme`` writes a typical SME (3 channels, about 5,000 texts in the window; ``--texts written``,
the default, draws them from the held-out rows people wrote, ``--texts templates`` fills
templates with random words) and runs, in one
process, a first assessment with an empty database cache (SQLite, as the service keeps it),
and the re-assessment through a new cache object on the same database (as another request or
worker sees it), next to a floor: py3langid over the window's texts plus one vectorised regex pass.

``--model-cold`` writes the organisation at ``--posts`` and ``--interactions`` and runs, in
turn for ``--rounds`` rounds (``--rounds 1`` at full size, where one run takes half an hour
or more), the floor with language identification and ``socialaudit assess DIR --format json
--no-cache`` with the default model classifier: the first assessment of an organisation
nothing of which was classified before, every window text through the model.

``--cli`` times the command line on ``examples/bakkerij-van-acker`` (``--example`` for
another), each run a fresh process: ``--version``; ``assess`` cold (an empty classification
cache file, so every window text is classified and stored) and warm (the file filled by the
cold run, as a second assessment of the same folder finds it), report and JSON; and
``assess --no-cache``. Cold runs take a minute on this machine, so they run ``--cold-rounds``
times (default 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import _measure

FLOORS = Path(__file__).with_name("_floors.py")
SOCIALAUDIT = [sys.executable, "-c", "from socialaudit.api.cli import main; main()"]
"""The command line, run in a fresh process by the interpreter running the bench."""

PLATFORMS = ["facebook", "instagram", "linkedin", "x", "youtube", "tiktok"]
WORDS = [
    "brood",
    "taart",
    "korting",
    "bestel",
    "nieuw",
    "winkel",
    "open",
    "zondag",
    "vraag",
    "team",
    "collectie",
    "tip",
    "week",
    "vers",
    "lekker",
    "levering",
    "order",
    "shop",
    "sale",
    "new",
    "today",
    "question",
    "thanks",
    "service",
    "prix",
    "merci",
    "nouveau",
    "boutique",
    "commande",
    "gratuit",
]
TEMPLATES = [
    "Nieuw in de winkel: {w} {w} voor €{n},{m}! Bestel nu",
    "Tip: {w} {w} en {w}, zo blijft het {w}. #{w}",
    "Wat is jullie favoriete {w}? Laat het ons weten ({n})",
    "Zijn jullie open op {w}? {w} {n}",
    "Mijn {w} is nog steeds niet geleverd, al {n} dagen wachten",
    "Super {w}, merci! {w} {n}",
    "Save {n}% on {w} {w} this weekend only",
    "Nouvelle {w} disponible en boutique dès {w} ! {n}",
]

SME = textwrap.dedent("""
    import sys, tempfile, time
    from datetime import timedelta
    from pathlib import Path
    import polars as pl
    from socialaudit.engine.loading import load_organisation
    from socialaudit.engine.pipeline import assess, reference_time
    from socialaudit.engine.registry import build_registry
    from socialaudit.plugins.classifier import embedding
    from socialaudit.plugins.classifier.language import LanguageIdentifier
    from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
    from socialaudit.service.storage.database import create_database_engine, migrate

    e5_texts = []
    embed = embedding.Embedder.embed
    def counted(self, texts):  # how many texts the screen left to e5
        e5_texts.append(len(texts))
        return embed(self, texts)
    embedding.Embedder.embed = counted
    registry = build_registry()
    data = load_organisation(sys.argv[1], registry.adapters)
    start = reference_time(data.channels) - timedelta(days=registry.settings.assessment.window_days)
    texts = pl.concat([
        frame.filter(pl.col("created_at") > start)["text"]
        for channel in data.channels.values() for frame in (channel.posts, channel.messages)
    ]).drop_nulls()
    identifier = LanguageIdentifier()
    identifier.identify(texts.head(5))
    def timed(work):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        return time.perf_counter() - wall, time.process_time() - cpu
    floor = timed(lambda: (identifier.identify(texts), pl.DataFrame({"t": texts}).select(
        pl.col("t").str.contains(r"(?i)(korting|bestel|order|sale|\\?|\\d+%)").sum())))
    engine = create_database_engine(f"sqlite:///{tempfile.mkdtemp()}/cache.sqlite3")
    migrate(engine)
    def run(cache):
        return timed(lambda: assess(load_organisation(sys.argv[1], registry.adapters), registry,
                                    classification_cache=cache))
    first = run(DatabaseClassificationCache(engine))
    again = run(DatabaseClassificationCache(engine))
    print(f"window texts: {texts.len():,} ({texts.n_unique():,} distinct); "
          f"classifier: {registry.classifier().name}; e5 embedded {sum(e5_texts):,}")
    print(f"floor (py3langid + one regex pass)     {floor[0]:6.1f} s wall, {floor[1]:6.1f} s cpu")
    for name, (wall, cpu) in (("first assessment, database cache", first),
                              ("re-assessment, database cache", again)):
        print(f"{name:<38} {wall:6.1f} s wall, {cpu:6.1f} s cpu, {wall / floor[0]:5.2f}x floor")
""")


PREFILL = textwrap.dedent("""
    # Fills a classification cache file for every text the model classifier would be given, as
    # a first assessment leaves it, without running the model (hours at this size): the
    # classifier keeps its version (the cache key) but answers with a placeholder label.
    import sys
    from pathlib import Path
    import polars as pl
    from socialaudit.api.cli.classification_cache import DiskClassificationCache
    from socialaudit.engine.loading import load_organisation
    from socialaudit.engine.pipeline import assess
    from socialaudit.engine.registry import build_registry

    def placeholder(label, sentiment):
        def classify(texts):
            return pl.DataFrame({
                "language": ["nl"] * texts.len(), "label": [label] * texts.len(),
                "confidence": [0.9] * texts.len(), "evidence": [[]] * texts.len(),
                "sentiment": [sentiment] * texts.len(),
            }, schema_overrides={"evidence": pl.List(pl.String)})
        return classify

    registry = build_registry()
    classifier = registry.classifier()
    assert classifier.name == "model", classifier.name
    classifier.classify_posts = placeholder("informational", None)
    classifier.classify_messages = placeholder("question", "neutral")
    cache = DiskClassificationCache(Path(sys.argv[2]), warn=print)
    assess(load_organisation(sys.argv[1], registry.adapters), registry, classification_cache=cache)
""")


PROFILE = textwrap.dedent("""
    import contextlib, cProfile, io, pstats, sys
    from socialaudit.api.cli import main
    from socialaudit.engine import boundary

    def inline(self, function, *args, timeout):
        # the guard's worker threads would hide the plugins' calls from cProfile
        try:
            return boundary.Outcome(value=function(*args))
        except Exception as exc:
            return boundary.Outcome(error=repr(exc))

    boundary.Guard.call = inline
    sys.argv = ["socialaudit", "assess", sys.argv[1], "--format", "json"]
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        profiler.runcall(main)
    stats = pstats.Stats(profiler)
    for order in ("cumulative", "tottime"):
        print(f"--- by {order} ---")
        stats.sort_stats(order).print_stats(25)
""")


class WrittenTexts:
    """Texts people wrote: the held-out rows (`tests/classifier/data/labelled/heldout*.csv`),
    posts for posts and audience messages for messages. The classifier never trained on them,
    so its screen is as sure of them as of new text. A row drawn again gets one or two emoji
    more (neutral ones), so every text is distinct and classified on its own, as in the
    template texts."""

    TAILS = ("👋", "📍", "📸", "☕", "🚲", "🌷", "⏰", "📦", "🔔", "🗓️")

    def __init__(self) -> None:
        folder = Path(__file__).parents[1] / "tests" / "classifier" / "data" / "labelled"
        self.rows: dict[str, list[str]] = {"post": [], "message": []}
        for path in sorted(folder.glob("heldout*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    self.rows[row["kind"]].append(row["text"])
        self.used: set[str] = set()

    def __call__(self, rng: random.Random, kind: str) -> str:
        text = rng.choice(self.rows[kind])
        while text in self.used:
            text = f"{text} {rng.choice(self.TAILS)}"
        self.used.add(text)
        return text


def _template_text(rng: random.Random, kind: str) -> str:
    """A template filled with random words (both kinds alike): word salads such as "Tip: brood
    korting en sale, zo blijft het merci", which a model is less sure of than of written text."""
    template = rng.choice(TEMPLATES)
    while "{w}" in template:
        template = template.replace("{w}", rng.choice(WORDS), 1)
    return template.replace("{n}", str(rng.randrange(1, 500))).replace(
        "{m}", f"{rng.randrange(100):02d}"
    )


TextSource = Callable[[random.Random, str], str]


def write_organisation(
    folder: Path, channels: int, posts: int, interactions: int, text: TextSource = _template_text
) -> None:
    rng = random.Random(7)
    end = datetime(2024, 11, 30, tzinfo=UTC)
    profile = [
        'name = "Benchmark BV"',
        'market = "b2c"',
        'country = "BE"',
        "monthly_budget_eur = 1000",
        "",
        "[[goals]]",
        'objective = "awareness"',
        "set_up_front = true",
        "channels = []",
        'targets = [{ kpi = "engagement_rate", target = 0.03 }]',
    ]
    for index in range(channels):
        key = f"channel{index}"
        platform = PLATFORMS[index % len(PLATFORMS)]
        profile += [
            "",
            "[[channels]]",
            f'platform = "{platform}"',
            f'id = "{key}"',
            f'handle = "bench{index}"',
            "followers = 20000",
            f'data = ["{key}/*.csv"]',
        ]
        base = folder / key
        base.mkdir(parents=True, exist_ok=True)
        post_total = posts // channels
        with (base / "posts.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "id",
                    "created_at",
                    "text",
                    "media_type",
                    "impressions",
                    "reach",
                    "reactions",
                    "comments",
                    "shares",
                    "clicks",
                ]
            )
            for number in range(post_total):
                created = end - timedelta(minutes=rng.randrange(365 * 24 * 60))
                reach = rng.randrange(100, 5000)
                writer.writerow(
                    [
                        f"p{index}-{number}",
                        created.isoformat(),
                        text(rng, "post"),
                        "image",
                        reach * 2,
                        reach,
                        rng.randrange(200),
                        rng.randrange(20),
                        rng.randrange(10) if rng.random() < 0.8 else "",
                        rng.randrange(50),
                    ]
                )
        with (base / "interactions.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "post_id", "created_at", "author", "text", "reply_created_at"])
            for number in range(interactions // channels):
                created = end - timedelta(minutes=rng.randrange(365 * 24 * 60))
                reply = created + timedelta(minutes=rng.randrange(10, 4000))
                writer.writerow(
                    [
                        f"c{index}-{number}",
                        f"p{index}-{rng.randrange(post_total)}",
                        created.isoformat(),
                        f"user{rng.randrange(50000)}",
                        text(rng, "message"),
                        reply.isoformat() if rng.random() < 0.6 and reply < end else "",
                    ]
                )
    (folder / "organisation.toml").write_text("\n".join(profile) + "\n", encoding="utf-8")


EXAMPLE = Path(__file__).parents[1] / "examples" / "bakkerij-van-acker"


LIBRARY_IMPORTS = "import polars, pydantic, pluggy, click, rich.console, babel.numbers, babel.dates"
"""The libraries a warm `assess` cannot do without, imported and nothing else: the floor the
warm runs are set against, so that a figure from a faster or slower day of this shared
machine still says how much of it is socialaudit's own."""


def cli(example: Path, rounds: int, cold_rounds: int) -> None:
    """The command line's fixed costs and its classification cache, cold and warm."""
    import os

    from socialaudit.api.cli.classification_cache import CACHE_DIR_VARIABLE

    with tempfile.TemporaryDirectory() as tmp:
        warm_dir, cold_dir = Path(tmp) / "warm", Path(tmp) / "cold"

        def run(arguments: list[str], cache: Path) -> _measure.Sample:
            os.environ[CACHE_DIR_VARIABLE] = str(cache)
            return _measure.in_child([*SOCIALAUDIT, *arguments])

        def cold() -> _measure.Sample:
            for leftover in cold_dir.glob("*"):
                leftover.unlink()
            return run(["assess", str(example)], cold_dir)

        run(["assess", str(example)], warm_dir)  # fills the warm cache
        subjects = {
            "floor: python": lambda: _measure.in_child([sys.executable, "-c", "pass"]),
            "floor: the libraries' imports": lambda: _measure.in_child(
                [sys.executable, "-c", LIBRARY_IMPORTS]
            ),
            "--version": lambda: run(["--version"], warm_dir),
            "assess, warm": lambda: run(["assess", str(example)], warm_dir),
            "assess --format json, warm": lambda: run(
                ["assess", str(example), "--format", "json"], warm_dir
            ),
        }
        results = _measure.in_turn(subjects, rounds)
        results |= _measure.in_turn(
            {
                "assess, cold (empty cache file)": cold,
                "assess --no-cache": lambda: run(["assess", str(example), "--no-cache"], warm_dir),
            },
            cold_rounds,
        )
    floors = {"--version": "floor: python"} | {
        name: "floor: the libraries' imports" for name in results if name.endswith(", warm")
    }
    print()
    print(_measure.table(results, floors))
    print(json.dumps(_measure.medians_json(results)))


def model_cold(channels: int, posts: int, interactions: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "organisation"
        write_organisation(folder, channels, posts, interactions)
        print(f"wrote {posts:,} posts, {interactions:,} interactions", flush=True)
        floor = "floor + language id"
        subjects = {
            floor: [sys.executable, str(FLOORS), "assess", str(folder), "--language"],
            "assess, model, cold (--no-cache)": [
                *SOCIALAUDIT,
                *["assess", str(folder), "--format", "json", "--no-cache"],
            ],
        }
        results = _measure.in_turn(
            {name: (lambda c=command: _measure.in_child(c)) for name, command in subjects.items()},
            rounds,
        )
        print()
        print(_measure.table(results, dict.fromkeys(subjects, floor)))
        print(json.dumps(_measure.medians_json(results)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=10)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, in turn")
    parser.add_argument("--sme", action="store_true", help="first and repeated SME assessment")
    parser.add_argument(
        "--texts",
        choices=("written", "templates"),
        default="written",
        help="--sme's texts: held-out rows people wrote (default) or random-word templates",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also run the whole assessment under cProfile and print where the time goes",
    )
    parser.add_argument("--cli", action="store_true", help="the command line on a small example")
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    parser.add_argument("--cold-rounds", type=int, default=1)
    parser.add_argument(
        "--model-cold", action="store_true", help="the whole assessment, model, nothing cached"
    )
    args = parser.parse_args()
    if args.model_cold:
        model_cold(args.channels, args.posts, args.interactions, args.rounds)
        return
    if args.cli:
        cli(args.example, args.rounds, args.cold_rounds)
        return
    if args.sme:
        with tempfile.TemporaryDirectory() as tmp:
            source = WrittenTexts() if args.texts == "written" else _template_text
            write_organisation(Path(tmp) / "sme", 3, 4_000, 16_000, source)
            subprocess.run([sys.executable, "-c", SME, str(Path(tmp) / "sme")], check=True)
        return
    assess = [*SOCIALAUDIT, "assess"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # the warm runs read the file the prefill wrote (the user's own cache stays untouched)
        os.environ["SOCIALAUDIT_CACHE_DIR"] = str(root / "model-cache")
        no_classifier = root / "no-classifier.toml"
        no_classifier.write_text('[plugins]\ndisable = ["builtin-classifier"]\n', encoding="utf-8")
        cues = root / "cues.toml"
        cues.write_text('[classifier]\nuse = "builtin"\n', encoding="utf-8")
        results: dict[str, list[_measure.Sample]] = {}
        floor_of: dict[str, str] = {}
        for label, scale in (("full", 1.0), ("quarter", 0.25)):
            folder = root / label
            started = time.perf_counter()
            write_organisation(
                folder, args.channels, int(args.posts * scale), int(args.interactions * scale)
            )
            print(
                f"wrote {label} data ({int(args.posts * scale):,} posts, "
                f"{int(args.interactions * scale):,} interactions) in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
            floor, language_floor = f"{label}: floor", f"{label}: floor + language id"
            whole = [*assess, str(folder), "--format", "json"]
            cache = root / "model-cache" / "classifications.sqlite3"
            cache.parent.mkdir(exist_ok=True)
            subprocess.run([sys.executable, "-c", PREFILL, str(folder), str(cache)], check=True)
            subjects = {
                floor: [sys.executable, str(FLOORS), "assess", str(folder)],
                language_floor: [sys.executable, str(FLOORS), "assess", str(folder), "--language"],
                f"{label}: assess without classifier": [*whole, "--config", str(no_classifier)],
                f"{label}: assess, cues": [*whole, "--config", str(cues), "--no-cache"],
                f"{label}: assess, model, warm": [*whole],
            }
            floor_of |= {name: floor for name in subjects}
            floor_of[f"{label}: assess, cues"] = language_floor
            floor_of[f"{label}: assess, model, warm"] = language_floor
            results |= _measure.in_turn(
                {
                    name: (lambda c=command: _measure.in_child(c))
                    for name, command in subjects.items()
                },
                args.rounds,
            )
        print()
        print(_measure.table(results, floor_of))
        full = _measure.median(results["full: assess, model, warm"])
        quarter = _measure.median(results["quarter: assess, model, warm"])
        if full.peak_mb and quarter.peak_mb:
            print(
                f"\nmemory of the whole assessment, full / quarter data: "
                f"{full.peak_mb / quarter.peak_mb:.2f}x (4x data)"
            )
        print(json.dumps(_measure.medians_json(results)))
        if args.profile:
            print("\nprofile of the whole assessment of the full data (slower than unprofiled):")
            subprocess.run([sys.executable, "-c", PROFILE, str(root / "full")], check=True)


if __name__ == "__main__":
    main()
