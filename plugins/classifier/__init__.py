"""The built-in content classifiers.

``model`` (the default where its model package is installed): multilingual-e5-small
embeddings with trained linear heads for posts, audience messages and their sentiment.
``builtin``: weighted cues from language packs, the fallback without the model package and
the source of the evidence shown with the model's labels.

Pick one through ``[classifier] use = "..."`` in `plugins.toml`, or any classifier another
plugin registers; extend the cues through ``socialaudit_language_packs``.
"""

from __future__ import annotations

from socialaudit.plugin import ContentClassifier, hookimpl
from socialaudit.plugins.classifier.cues import CueClassifier
from socialaudit.plugins.classifier.embedding import model_available
from socialaudit.plugins.classifier.model import ModelClassifier

__all__ = ["CueClassifier", "ModelClassifier"]


@hookimpl
def socialaudit_content_classifiers() -> list[ContentClassifier]:
    cues = CueClassifier()
    if not model_available():
        return [cues]
    return [ModelClassifier(CueClassifier(cues.identifier)), cues]
