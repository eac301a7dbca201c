"""Numbers, percentages and dates as the reader writes them (Babel's CLDR data): 1.234,5 in
Dutch, 1 234,5 in French. A value the data cannot tell is the word for unknown, never 0."""

from __future__ import annotations

import re
from datetime import datetime

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

_ONE_DECIMAL = re.compile(r"(?<=[#,])0(?![0.])")
LOCALES = {"en": "en_GB", "nl": "nl_BE", "fr": "fr_BE"}

UNIT_SUFFIX = {
    "hours": {"en": " h", "nl": " u", "fr": " h"},
    "per_week": {"en": "/week", "nl": "/week", "fr": "/sem."},
}


class Formatter:
    """Bound to one language, so templates call `fmt.value(kpi.value, kpi.unit)`."""

    def __init__(self, language: str, unknown: str) -> None:
        self.language = language
        self.locale = LOCALES.get(language, "en_GB")
        self.unknown = unknown

    def number(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return self.unknown
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, value: float | None) -> str:
        if value is None:
            return self.unknown
        # the locale's own pattern ("#,##0 %" in French, "#,##0%" in English), one decimal
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        return format_percent(value, format=_ONE_DECIMAL.sub("0.0", pattern), locale=self.locale)

    def value(self, value: float | None, unit: str) -> str:
        """A KPI value in its unit: ratios as percentages, hours and per-week with one
        decimal, counts whole."""
        if value is None:
            return self.unknown
        if unit == "ratio":
            return self.percent(value)
        if unit in UNIT_SUFFIX:
            return self.number(value, 1) + UNIT_SUFFIX[unit].get(self.language, "")
        if float(value).is_integer():
            return self.number(value)
        return self.number(value, 2 if abs(value) < 100 else 0)

    def signed(self, value: float | None, unit: str) -> str:
        if value is None:
            return self.unknown
        text = self.value(abs(value), unit)
        return ("+" if value > 0 else "−" if value < 0 else "±") + text

    def date(self, moment: datetime | None) -> str:
        if moment is None:
            return self.unknown
        return format_date(moment, format="medium", locale=self.locale)
