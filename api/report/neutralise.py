"""Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice and
Google Sheets. Such texts get a leading apostrophe, which the spreadsheet shows as text. Numbers
the report writes itself stay numbers (a negative difference is not a formula)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
