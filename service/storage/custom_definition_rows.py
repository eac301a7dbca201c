"""An agency's own KPIs and rules."""

from __future__ import annotations

from typing import Any

from socialaudit.service.storage.records import CustomDefinitionRecord
from socialaudit.service.storage.rows import custom_definition_record
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import custom_definitions


class CustomDefinitionRows(Scoped):
    def custom_definitions(self) -> list[CustomDefinitionRecord]:
        query = self._select(custom_definitions).order_by(
            custom_definitions.c.kind, custom_definitions.c.created_at, custom_definitions.c.id
        )
        return [custom_definition_record(row) for row in self.conn.execute(query).all()]

    def get_custom_definition(self, definition_id: str) -> CustomDefinitionRecord | None:
        query = self._select(custom_definitions).where(custom_definitions.c.id == definition_id)
        row = self.conn.execute(query).first()
        return custom_definition_record(row) if row else None

    def insert_custom_definition(
        self, kind: str, key: str, definition: dict[str, Any], version: str
    ) -> str:
        moment = now()
        definition_id = new_id()
        self.conn.execute(
            self._insert(
                custom_definitions,
                id=definition_id,
                kind=kind,
                key=key,
                definition=definition,
                version=version,
                created_at=moment,
                updated_at=moment,
            )
        )
        return definition_id

    def update_custom_definition(
        self, definition_id: str, key: str, definition: dict[str, Any], version: str
    ) -> None:
        self.conn.execute(
            self._update(custom_definitions)
            .where(custom_definitions.c.id == definition_id)
            .values(key=key, definition=definition, version=version, updated_at=now())
        )

    def delete_custom_definition(self, definition_id: str) -> bool:
        statement = self._delete(custom_definitions).where(custom_definitions.c.id == definition_id)
        return self.conn.execute(statement).rowcount > 0
