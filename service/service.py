"""What the API does, wiring the engine to the storage: the schema's resolvers call these
methods and nothing else, so the same operations could serve another front end.

`Service` puts together the parts of one agency's operations, one module each: organisations
and channels (`organisations`), imports (`imports`), assessments (`assessments`), plus the texts
and custom definitions below. Every method is synchronous and runs in a worker thread, never on
the event loop: database calls and assessments block. Writes are one transaction each; an
import either stores the whole file or nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import polars as pl

from socialaudit.engine.custom import definition_version
from socialaudit.service.assessments import Assessments
from socialaudit.service.custom_definitions import (
    DefinitionKind,
    check_definition,
    check_still_compiles,
    definition_key,
)
from socialaudit.service.imports import ImportOutcome, InlineFile
from socialaudit.service.input_limits import refuse_nul
from socialaudit.service.jobs import Jobs
from socialaudit.service.organisations import Organisations
from socialaudit.service.reports import Reports
from socialaudit.service.storage.records import CustomDefinitionRecord
from socialaudit.service.storage.repository import Repository
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors


class Service(Organisations, Assessments, Jobs, Reports):
    """The operations of one agency (see `scope.AgencyScope`)."""

    # -- texts ---------------------------------------------------------------------------------

    def classify(self, texts: list[tuple[str, str]]) -> list[dict[str, Any]] | None:
        """(text, kind) pairs, kind `post` or `comment`, labelled in one batch per kind so
        language identification runs once per text; rows come back in input order. None when
        no classifier is loaded."""
        classifier = self.registry.classifier()
        if classifier is None:
            return None
        rows: list[dict[str, Any]] = [{} for _ in texts]
        batches = (("post", classifier.classify_posts), ("comment", classifier.classify_messages))
        for kind, method in batches:
            positions = [i for i, (_, k) in enumerate(texts) if k == kind]
            if not positions:
                continue
            labelled = method(pl.Series("text", [texts[i][0] for i in positions], dtype=pl.String))
            for position, row in zip(positions, labelled.to_dicts(), strict=True):
                rows[position] = {**row, "evidence": list(row["evidence"] or [])}
        return rows

    # -- the agency's own KPIs and rules -------------------------------------------------------

    def custom_definitions(self) -> list[CustomDefinitionRecord]:
        with self.tenancy.transaction() as repo:
            return repo.custom_definitions()

    def custom_definition(self, definition_id: str) -> CustomDefinitionRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_custom_definition(definition_id)

    def save_custom_definition(
        self, kind: DefinitionKind, data: dict[str, Any], definition_id: str | None = None
    ) -> str:
        """Create (no id) or replace a definition, after checking it compiles against the
        built-in KPIs and the agency's other definitions."""
        refuse_nul(data, ["input"])
        with self.tenancy.transaction() as repo:
            records = repo.custom_definitions()
            if definition_id is not None:
                self._own_definition(repo, kind, definition_id)
                records = [r for r in records if r.id != definition_id]
            definition = check_definition(self.shared, records, kind, data, ["input"])
            stored = definition.model_dump(mode="json")
            key = definition_key(definition)
            version = definition_version(definition)
            if definition_id is None:
                definition_id = repo.insert_custom_definition(kind.value, key, stored, version)
            else:
                repo.update_custom_definition(definition_id, key, stored, version)
        self._registry = None
        return definition_id

    @staticmethod
    def _own_definition(
        repo: Repository, kind: DefinitionKind, definition_id: str
    ) -> CustomDefinitionRecord:
        """The agency's definition of this kind with this id, else NOT_FOUND."""
        current = repo.get_custom_definition(definition_id)
        if current is None or current.kind != kind.value:
            raise UserErrors.one(
                ["id"], UserErrorCode.NOT_FOUND, f"no custom {kind.value} has this id"
            )
        return current

    def delete_custom_definition(self, kind: DefinitionKind, definition_id: str) -> None:
        with self.tenancy.transaction() as repo:
            current = self._own_definition(repo, kind, definition_id)
            others = [r for r in repo.custom_definitions() if r.id != definition_id]
            check_still_compiles(self.shared, others, current)
            repo.delete_custom_definition(definition_id)
        self._registry = None


def utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


__all__ = ["ImportOutcome", "InlineFile", "Service", "UserError", "UserErrors", "utc"]
