"""The records plugins register: adapters, KPIs, rules, classifiers and benchmarks.

Hooks return these (the conda pattern: a hook yields typed registration records); the engine
validates each and collects them once into a registry.
"""

from socialaudit.engine.definitions.adapter import ChannelAdapter, FileSample
from socialaudit.engine.definitions.classifier import (
    CLASSIFICATION_SCHEMA,
    MESSAGE_LABELS,
    POST_LABELS,
    ContentClassifier,
)
from socialaudit.engine.definitions.kpi import Kpi, KpiLevel
from socialaudit.engine.definitions.rule import Dimension, Hit, NoOptions, Rule, RuleLevel, Severity
from socialaudit.engine.measures import Measurement, Unit
from socialaudit.engine.model.benchmark import Benchmark, Measures

__all__ = [
    "CLASSIFICATION_SCHEMA",
    "MESSAGE_LABELS",
    "POST_LABELS",
    "Benchmark",
    "ChannelAdapter",
    "ContentClassifier",
    "Dimension",
    "FileSample",
    "Hit",
    "Kpi",
    "KpiLevel",
    "Measurement",
    "Measures",
    "NoOptions",
    "Rule",
    "RuleLevel",
    "Severity",
    "Unit",
]
