"""Evaluate the shipped model classifier once on text it was not trained or tuned on.

    python scripts/evaluate_classifier.py > /tmp/evaluation.md

Runs the classifier exactly as an assessment does (`ModelClassifier`, the shipped heads) over
every `tests/classifier/data/labelled/heldout*.csv` (rows written apart from the training
parts; figures per file and for all of them together) and
the real audience comments of `../shared/wild-samples/` (Facebook and YouTube), whose labels
are in `wild_labels.csv` by file and comment id (the comments themselves stay out of the
repository: their texts are read from the samples), and prints per
kind and language the accuracy, the macro-F1 and the confusion matrix, as Markdown for
`docs/classifier.md`. Run it after the model and its settings are fixed, not to choose them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import polars as pl
from classifier_quality import macro_f1, predict  # this folder's module (the script's own path)

from socialaudit.plugin import MESSAGE_LABELS, POST_LABELS, SENTIMENTS
from socialaudit.plugins.classifier import ModelClassifier

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "classifier" / "data" / "labelled"
WILD = ROOT.parent / "shared" / "wild-samples"
HELDOUT_COLUMNS = ["text", "language", "kind", "label", "sentiment"]
TASKS = (  # (name, kind, truth column, predicted column, labels)
    ("posts", "post", "label", "label", POST_LABELS),
    ("messages", "message", "label", "label", MESSAGE_LABELS),
    ("sentiment", "message", "sentiment", "sentiment", SENTIMENTS),
)


def comment_texts(root: Path) -> dict[tuple[str, str], str]:
    """(file name, comment id) -> text, from Graph API comments (``message``, the id in
    ``permalink_url`` where the export has no ``id``) and YouTube comments
    (``snippet.textOriginal``)."""
    found: dict[tuple[str, str], str] = {}

    def walk(node: Any, file: str) -> None:
        if isinstance(node, dict):
            ident = node.get("id")
            link = node.get("permalink_url")
            if ident is None and isinstance(link, str):
                query = parse_qs(urlsplit(link).query)
                ident = (query.get("reply_comment_id") or query.get("comment_id") or [None])[0]
            snippet = node.get("snippet") if isinstance(node.get("snippet"), dict) else {}
            text = node.get("message") or snippet.get("textOriginal")
            if isinstance(ident, str) and isinstance(text, str):
                for key in (ident, ident.rsplit("_", 1)[-1]):
                    found.setdefault((file, key), text)
            for value in node.values():
                walk(value, file)
        elif isinstance(node, list):
            for value in node:
                walk(value, file)

    for path in sorted(root.rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    return found


def wild_comments() -> pl.DataFrame:
    labels = pl.read_csv(DATA / "wild_labels.csv", schema_overrides={"comment_id": pl.String})
    texts = comment_texts(WILD)
    return labels.with_columns(
        pl.Series(
            "text",
            [texts.get(key) for key in labels.select("source_file", "comment_id").iter_rows()],
            dtype=pl.String,
        )
    ).filter(pl.col("text").is_not_null())


def confusion(truth: list[str], predicted: list[str], labels: tuple[str, ...]) -> str:
    head = "| truth \\ predicted | " + " | ".join(labels) + " |"
    rule = "| --- |" + " ---: |" * len(labels)
    rows = [
        f"| {t} | "
        + " | ".join(
            str(sum(a == t and b == p for a, b in zip(truth, predicted, strict=True)))
            for p in labels
        )
        + " |"
        for t in labels
    ]
    return "\n".join([head, rule, *rows])


def report(title: str, data: pl.DataFrame, languages: list[str]) -> list[str]:
    lines = [f"### {title}", ""]
    summary = [
        "| task | language | rows | accuracy | macro-F1 |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    matrices = []
    for name, kind, truth_column, predicted_column, labels in TASKS:
        rows = data.filter((pl.col("kind") == kind) & pl.col(truth_column).is_not_null())
        for language in [*languages, "all"]:
            part = rows if language == "all" else rows.filter(pl.col("language") == language)
            if part.height == 0:
                continue
            truth = part[truth_column].to_list()
            predicted = part[f"predicted_{predicted_column}"].to_list()
            accuracy = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
            summary.append(
                f"| {name} | {language} | {part.height} | {accuracy:.3f} | "
                f"{macro_f1(truth, predicted, labels):.3f} |"
            )
            matrices += [f"{name}, {language}:", "", confusion(truth, predicted, labels), ""]
    return [*lines, *summary, "", *matrices]


def main() -> int:
    classifier = ModelClassifier()
    classifier.use_language_packs([])
    files = sorted(DATA.glob("heldout*.csv"))
    parts = {
        file.name: predict(classifier, pl.read_csv(file).select(HELDOUT_COLUMNS)) for file in files
    }
    lines = []
    for name, part in parts.items():
        lines += report(f"Held-out rows: `{name}`", part, ["nl", "en", "fr"])
    if len(parts) > 1:
        together = pl.concat(parts.values())
        lines += report(f"Held-out rows: all {len(parts)} files", together, ["nl", "en", "fr"])
    lines += report(
        "Wild comments (Facebook, YouTube)",
        predict(classifier, wild_comments()),
        [
            "en",
            "fr",
            "other",
        ],
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
