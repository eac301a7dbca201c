"""docs/plugins.md is the plugin author's reference: every hook has a section with its full
signature and an example, and every field of every record is documented (as datasette checks
its plugin hooks documentation)."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest

import socialaudit.plugin as kit
from socialaudit.engine import hookspecs

DOC = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
HOOKS = [
    (name, function)
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("socialaudit_")
]
RECORDS = [kit.Kpi, kit.Measurement, kit.Rule, kit.Hit, kit.Benchmark, kit.FileSample,
           kit.ReadOptions, kit.ChannelDataPart]  # fmt: skip
CLASSES = {
    kit.ChannelAdapter: [
        "name", "platforms", "title", "how_to_obtain", "header", "detect", "read"
    ],
    kit.ContentClassifier: [
        "name", "title", "languages", "classify_posts", "classify_messages", "use_language_packs"
    ],
}  # fmt: skip


def _section(heading: str) -> str:
    match = re.search(rf"^###? {re.escape(heading)}\n(.*?)(?=^##|\Z)", DOC, re.M | re.S)
    assert match, f"docs/plugins.md has no section '{heading}'"
    return match.group(1)


def test_every_hook_is_documented() -> None:
    assert len(HOOKS) == 6


@pytest.mark.parametrize(("name", "function"), HOOKS, ids=[n for n, _ in HOOKS])
def test_hook_section_has_full_signature_and_example(name: str, function: object) -> None:
    section = _section(name)
    signature = str(inspect.signature(function)).replace("'", "")  # type: ignore[arg-type]
    assert f"def {name}{signature}" in section
    assert "@hookimpl" in section, f"{name}'s section has no example"
    assert "Example::" in (function.__doc__ or ""), f"{name}'s hookspec has no example"


@pytest.mark.parametrize("record", RECORDS, ids=[r.__name__ for r in RECORDS])
def test_every_record_field_is_documented(record: type) -> None:
    section = _section(record.__name__)
    for field in dataclasses.fields(record):
        assert f"| `{field.name}` |" in section, f"{record.__name__}.{field.name} undocumented"


@pytest.mark.parametrize("cls", list(CLASSES), ids=[c.__name__ for c in CLASSES])
def test_every_class_attribute_is_documented(cls: type) -> None:
    section = _section(cls.__name__)
    for attribute in CLASSES[cls]:
        assert hasattr(cls, attribute) or attribute in cls.__annotations__
        assert f"| `{attribute}` |" in section


def test_the_docs_examples_import_only_the_public_module() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for text in (DOC, readme):
        assert "from socialaudit.engine" not in text
        assert not re.search(r"^from (engine|plugins|api|schema)\b", text, re.M)
