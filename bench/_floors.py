"""The floors the benchmarks compare with: the work each measured thing cannot do without, done
the plainest fast way (polars, vectorised; py3langid as the classifier configures it).

A floor is honest when it does the same work as the measured side or says what it leaves out:

- ``assess`` (the tight floor): polars reads every CSV of the organisation (times parsed), then
  computes the numeric KPIs with vectorised expressions over the 90-day window (post count,
  posts per week, engagement rate by reach, reply rate, audience messages, unanswered, median
  and 90th-percentile first-response hours, promotional share from a ``label`` column) and runs
  one vectorised regular-expression pass over the window's post and message texts, the texts
  the classifier gets. Left out: checking the input, normalising it, rules, scoring,
  recommendations, the JSON output, and all classification.
- ``assess --language``: the same plus language identification of the window's distinct
  texts (posts and messages, in two batches, as the classifier sends them) with the
  classifier's own py3langid detector and its choice of texts to identify (two words or more,
  mostly in the Latin alphabet). Left out: cue scoring and labels.
- `classifier_floor`: identification of the distinct texts plus, for each language found,
  one pass of every cue pattern the classifier applies to that language (its pack's and the
  neutral pack's; every pack's for an unknown language). Left out: weights, the choice of
  label, the evidence lists and joining the labels back to the texts.

    python bench/_floors.py assess FOLDER [--language]   # as the benchmarks run it
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import polars as pl

WINDOW_DAYS = 90
# one pass of a plain pattern of the sort the cues are: words and a few symbols
PATTERN = r"(?i)(korting|bestel|order|sale|\?|€\s?\d|\d+%)"
WORDS = r"[^\W\d_]{2,}"


def _detector():  # type: ignore[no-untyped-def]
    """The classifier's py3langid detector, built as the classifier builds it (restricted to
    its candidates, with its minimum probability), so a change there changes the floor."""
    from socialaudit.plugins.classifier.language import build_detector

    return build_detector()


def identify(texts: pl.Series, detector: object) -> pl.Series:
    """ISO codes (or ``unknown``) of `texts`: py3langid on those the classifier identifies."""
    from socialaudit.plugins.classifier.language import detect, identifiable

    enough = identifiable(texts)
    codes = iter(detect(detector, t) for t in texts.filter(enough).to_list())  # type: ignore[arg-type]
    return pl.Series(
        "language",
        [(next(codes) if ok else None) for ok in enough.to_list()],
        dtype=pl.String,
    ).fill_null("unknown")


def distinct(texts: pl.Series) -> pl.Series:
    """As the classifier takes them: stripped, non-empty, each once."""
    stripped = texts.cast(pl.String).str.strip_chars()
    return stripped.filter(stripped.str.len_chars() > 0).unique()


def assessment_floor(folder: Path, *, language: bool) -> int:
    channels = sorted(p for p in folder.iterdir() if p.is_dir())
    posts = {c.name: pl.read_csv(c / "posts.csv", try_parse_dates=True) for c in channels}
    talk = {c.name: pl.read_csv(c / "interactions.csv", try_parse_dates=True) for c in channels}
    as_of = max(frame["created_at"].max() for group in (posts, talk) for frame in group.values())
    since = pl.col("created_at") > pl.lit(as_of) - pl.duration(days=WINDOW_DAYS)
    texts: dict[str, list[pl.Series]] = {"posts": [], "messages": []}
    for key in posts:
        recent = posts[key].filter(since)
        recent.select(
            pl.len().alias("post_count"),
            (pl.len() / (WINDOW_DAYS / 7)).alias("posts_per_week"),
            (
                (
                    pl.col("reactions").fill_null(0)
                    + pl.col("comments").fill_null(0)
                    + pl.col("shares").fill_null(0)
                ).sum()
                / pl.col("reach").sum()
            ).alias("engagement"),
            (
                (pl.col("label") == "promotional").mean()
                if "label" in recent.columns
                else pl.lit(None)
            ).alias("promotional_share"),
        )
        messages = talk[key].filter(since)
        answered = pl.col("reply_created_at").is_not_null()
        delay = (pl.col("reply_created_at") - pl.col("created_at")).dt.total_seconds() / 3600
        messages.select(
            answered.mean().alias("reply_rate"),
            pl.len().alias("audience_messages"),
            (~answered).sum().alias("unanswered"),
            delay.median().alias("median_hours"),
            delay.quantile(0.9).alias("p90_hours"),
        )
        texts["posts"].append(recent["text"])
        texts["messages"].append(messages["text"])
    batches = {kind: pl.concat(parts) for kind, parts in texts.items()}
    matches = sum(int(batch.str.contains(PATTERN).sum()) for batch in batches.values())
    if language:
        detector = _detector()
        for batch in batches.values():
            identify(distinct(batch), detector)
    return matches


def builtin_packs() -> dict[str, dict[str, dict[str, list[Any]]]]:
    """The classifier's cues, read once (as the classifier reads them once)."""
    from socialaudit.plugins.classifier.packs import BUILTIN_PACKS, load_packs

    return load_packs(BUILTIN_PACKS)


def classifier_floor(
    texts: pl.Series,
    kind: str,
    detector: object,
    packs: dict[str, dict[str, dict[str, list[Any]]]],
) -> int:
    """Identification plus as many pattern passes as the classifier makes (see the module)."""
    from socialaudit.plugins.classifier.packs import ANY_LANGUAGE

    unique = distinct(texts)
    frame = pl.DataFrame({"text": unique, "language": identify(unique, detector)})
    scans = 0
    for (language,), group in frame.group_by("language"):
        sources = (
            [language] if language in packs else [lang for lang in packs if lang != ANY_LANGUAGE]
        )
        for source in [*sources, ANY_LANGUAGE]:
            for cues in packs.get(source, {}).get(kind, {}).values():
                for cue in cues:
                    group["text"].str.contains(f"(?i){cue.pattern}")
                    scans += 1
    return scans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["assess"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--language", action="store_true")
    args = parser.parse_args()
    print(assessment_floor(args.folder, language=args.language))


if __name__ == "__main__":
    main()
