"""Everything a plugin needs, in one import: ``from socialaudit.plugin import hookimpl, Rule``.

This is the public contract for plugin authors, built-in and third-party alike. Names here keep
their meaning across minor versions; anything imported from deeper inside
``socialaudit.engine`` may move. The hooks themselves are specified, with an example each, in
:mod:`socialaudit.engine.hookspecs` and in ``docs/plugins.md``.

What is here, by what a plugin does:

- mark hook implementations: :data:`hookimpl`;
- register things: :class:`ChannelAdapter` (with :class:`FileSample`, :class:`ReadOptions`),
  :class:`Kpi` (with :class:`Measurement`, :class:`Unit`, :class:`KpiLevel`), :class:`Rule`
  (with :class:`Hit`, :class:`Severity`, :class:`Dimension`, :class:`RuleLevel`,
  :class:`NoOptions`), :class:`ContentClassifier`, :class:`Benchmark`;
- read what an assessment sees: :class:`AssessmentContext`, :class:`ChannelView`, the
  organisation's profile enums;
- build the records an adapter returns: :class:`ChannelDataPart` and the column constants;
- read tables the way the built-in adapters do: the ``tabular`` helpers, which turn cells into
  typed columns and bad cells into located :class:`InputError` s;
- fail properly: :class:`InputError` (bad input, located) and :class:`ConfigError`.
"""

from socialaudit.engine import hookimpl
from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.definitions import (
    CLASSIFICATION_SCHEMA,
    MESSAGE_LABELS,
    POST_LABELS,
    Benchmark,
    ChannelAdapter,
    ContentClassifier,
    Dimension,
    FileSample,
    Hit,
    Kpi,
    KpiLevel,
    Measurement,
    Measures,
    NoOptions,
    Rule,
    RuleLevel,
    Severity,
    Unit,
)
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.definitions.classifier import (
    SENTIMENT_COLUMN,
    SENTIMENTS,
    UNKNOWN_LANGUAGE,
)
from socialaudit.engine.errors import ConfigError, InputError
from socialaudit.engine.loading import sample_file
from socialaudit.engine.model.channel_data import (
    DATE_ONLY,
    INTERACTION_SCHEMA,
    MEDIA_TYPES,
    POST_METRICS,
    POST_SCHEMA,
    UTC_TIME,
    ChannelDataPart,
)
from socialaudit.engine.model.profile import (
    COMMERCIAL_OBJECTIVES,
    ChannelProfile,
    Market,
    Objective,
    Owner,
    Sector,
)
from socialaudit.engine.tabular import (
    CellError,
    CsvDialect,
    blank_to_null,
    cell_error,
    check_cells,
    located,
    parse_counts,
    parse_decimals,
    parse_epoch,
    parse_media_types,
    parse_times,
    read_csv_strings,
    read_xlsx_sheet,
    sniff_csv,
)
from socialaudit.engine.text import LocalisedText, render_all

__all__ = [
    "CLASSIFICATION_SCHEMA",
    "COMMERCIAL_OBJECTIVES",
    "DATE_ONLY",
    "INTERACTION_SCHEMA",
    "MEDIA_TYPES",
    "MESSAGE_LABELS",
    "POST_LABELS",
    "POST_METRICS",
    "POST_SCHEMA",
    "SENTIMENTS",
    "SENTIMENT_COLUMN",
    "UNKNOWN_LANGUAGE",
    "UTC_TIME",
    "AssessmentContext",
    "Benchmark",
    "CellError",
    "ChannelAdapter",
    "ChannelDataPart",
    "ChannelProfile",
    "ChannelView",
    "ConfigError",
    "ContentClassifier",
    "CsvDialect",
    "Dimension",
    "FileSample",
    "Hit",
    "InputError",
    "Kpi",
    "KpiLevel",
    "LocalisedText",
    "Market",
    "Measurement",
    "Measures",
    "NoOptions",
    "Objective",
    "Owner",
    "ReadOptions",
    "Rule",
    "RuleLevel",
    "Sector",
    "Severity",
    "Unit",
    "blank_to_null",
    "cell_error",
    "check_cells",
    "hookimpl",
    "located",
    "parse_counts",
    "parse_decimals",
    "parse_epoch",
    "parse_media_types",
    "parse_times",
    "read_csv_strings",
    "read_xlsx_sheet",
    "render_all",
    "sample_file",
    "sniff_csv",
]
