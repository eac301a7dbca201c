"""An agency's organisations: the rows everything else of theirs hangs from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import tuple_

from socialaudit.service.storage.records import OrganisationRecord
from socialaudit.service.storage.rows import organisation_record
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import organisations


class OrganisationRows(Scoped):
    def insert_organisation(self, name: str, profile: dict[str, Any]) -> str:
        moment = now()
        organisation_id = new_id()
        self.conn.execute(
            self._insert(
                organisations,
                id=organisation_id,
                name=name,
                profile=profile,
                created_at=moment,
                updated_at=moment,
            )
        )
        return organisation_id

    def get_organisation(self, organisation_id: str) -> OrganisationRecord | None:
        query = self._select(organisations).where(organisations.c.id == organisation_id)
        row = self.conn.execute(query).first()
        return organisation_record(row) if row else None

    def get_organisations(self, ids: Sequence[str]) -> dict[str, OrganisationRecord]:
        query = self._select(organisations).where(organisations.c.id.in_(ids))
        return {row.id: organisation_record(row) for row in self.conn.execute(query).all()}

    def page_organisations(
        self, after: tuple[datetime, str] | None, limit: int
    ) -> list[OrganisationRecord]:
        """Oldest first, by (created_at, id), so a page never shifts when organisations are
        added."""
        query = self._select(organisations).order_by(organisations.c.created_at, organisations.c.id)
        if after is not None:
            query = query.where(tuple_(organisations.c.created_at, organisations.c.id) > after)
        return [organisation_record(row) for row in self.conn.execute(query.limit(limit)).all()]

    def count_organisations(self) -> int:
        return self.conn.execute(self._count(organisations)).scalar_one()

    def update_organisation(self, organisation_id: str, name: str, profile: dict[str, Any]) -> None:
        self.conn.execute(
            self._update(organisations)
            .where(organisations.c.id == organisation_id)
            .values(name=name, profile=profile, updated_at=now())
        )

    def touch_organisation(self, organisation_id: str) -> None:
        self.conn.execute(
            self._update(organisations)
            .where(organisations.c.id == organisation_id)
            .values(updated_at=now())
        )

    def delete_organisation(self, organisation_id: str) -> bool:
        statement = self._delete(organisations).where(organisations.c.id == organisation_id)
        return self.conn.execute(statement).rowcount > 0
