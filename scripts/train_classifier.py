"""Train the model classifier's linear heads and write them to the package.

    pip install -e '.[train]'
    python scripts/train_classifier.py            # cross-validates, then trains and writes
    python scripts/train_classifier.py --cv-only  # only the cross-validation table

Reads the training parts in `tests/classifier/data/labelled/` (`posts_train.csv`,
`messages_train.csv`; never `heldout.csv`, which only `scripts/evaluate_classifier.py` reads),
embeds the texts as the classifier does (same normalisation, same model), picks the
regularisation per task by stratified 5-fold cross-validation (the value whose worst language
has the best macro-F1), trains on all training rows and writes
`plugins/classifier/heads/e5-small.json`. scikit-learn is needed here only; inference reads
the weights with numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from socialaudit.plugins.classifier.embedding import Embedder
from socialaudit.plugins.classifier.heads import HEADS_FILE
from socialaudit.plugins.classifier.normalise import for_model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "classifier" / "data" / "labelled"
GRID = (1.0, 4.0, 16.0, 32.0, 64.0)
LANGUAGES = ("nl", "en", "fr")
# task -> (training file, label column)
TASKS = {
    "posts": ("posts_train.csv", "label"),
    "messages": ("messages_train.csv", "label"),
    "sentiment": ("messages_train.csv", "sentiment"),
}


def model_texts(texts: pl.Series) -> list[str]:
    return (
        pl.DataFrame({"text": texts.cast(pl.String).str.strip_chars()})
        .select(for_model(pl.col("text")))
        .to_series()
        .to_list()
    )


def embed(embedder: Embedder, texts: list[str], cache: Path) -> np.ndarray:
    """Embeddings, kept in a cache file keyed by the texts and the model version (a training
    run repeats the same texts for three tasks and many grid points)."""
    key = hashlib.sha256(("\0".join([embedder.version, *texts])).encode()).hexdigest()[:16]
    path = cache / f"embeddings-{key}.npy"
    if path.exists():
        return np.load(path)
    vectors = embedder.embed(texts)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def per_language(truth: np.ndarray, predicted: np.ndarray, languages: np.ndarray) -> dict:
    return {
        language: round(
            float(
                f1_score(
                    truth[languages == language], predicted[languages == language], average="macro"
                )
            ),
            3,
        )
        for language in LANGUAGES
        if (languages == language).any()
    }


def cross_validate(x: np.ndarray, y: np.ndarray, languages: np.ndarray) -> tuple[float, dict]:
    folds = StratifiedKFold(5, shuffle=True, random_state=12)
    table = {}
    for c in GRID:
        predicted = cross_val_predict(LogisticRegression(C=c, max_iter=5000), x, y, cv=folds)
        table[c] = per_language(y, predicted, languages)
    best = max(GRID, key=lambda c: (min(table[c].values()), sum(table[c].values())))
    return best, table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/socialaudit-embeddings"))
    args = parser.parse_args()
    embedder = Embedder()
    heads, report = {}, {}
    for task, (file, column) in TASKS.items():
        data = pl.read_csv(DATA / file).filter(pl.col(column).is_not_null())
        x = embed(embedder, model_texts(data["text"]), args.cache)
        y = data[column].to_numpy()
        languages = data["language"].to_numpy()
        best, table = cross_validate(x, y, languages)
        print(f"{task}: {data.height} rows; 5-fold macro-F1 per language by C")
        for c, scores in table.items():
            print(f"  C={c:<5} {scores}{'  <- chosen' if c == best else ''}")
        report[task] = {"rows": data.height, "C": best, "cv_macro_f1": table[best]}
        model = LogisticRegression(C=best, max_iter=5000).fit(x, y)
        heads[task] = {
            "labels": [str(label) for label in model.classes_],
            "coef": np.round(model.coef_, 6).tolist(),
            "intercept": np.round(model.intercept_, 6).tolist(),
        }
    if args.cv_only:
        return 0
    digest = hashlib.sha256()
    for file in sorted({file for file, _ in TASKS.values()}):
        digest.update((DATA / file).read_bytes())
    HEADS_FILE.parent.mkdir(exist_ok=True)
    HEADS_FILE.write_text(
        json.dumps(
            {
                "embedder": embedder.version,
                "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
                "training_data_sha256": digest.hexdigest(),
                "report": report,
                "tasks": heads,
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"wrote {HEADS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
