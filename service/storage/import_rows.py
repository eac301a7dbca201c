"""The files imported into a channel, recognised again by their digest."""

from __future__ import annotations

from socialaudit.service.storage.records import ChannelRecord, ImportRecord
from socialaudit.service.storage.rows import import_record
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import imports


class ImportRows(Scoped):
    def find_import(self, channel_id: str, digest: str) -> ImportRecord | None:
        row = self.conn.execute(
            self._select(imports).where(
                imports.c.channel_id == channel_id, imports.c.digest == digest
            )
        ).first()
        return import_record(row) if row else None

    def insert_import(
        self,
        channel: ChannelRecord,
        digest: str,
        filename: str,
        adapter: str,
        post_count: int,
        interaction_count: int,
        notes: list[dict[str, str]],
    ) -> str:
        import_id = new_id()
        self.conn.execute(
            self._insert(
                imports,
                id=import_id,
                organisation_id=channel.organisation_id,
                channel_id=channel.id,
                digest=digest,
                filename=filename,
                format=adapter,
                posts=post_count,
                interactions=interaction_count,
                notes=notes,
                created_at=now(),
            )
        )
        return import_id

    def get_import(self, import_id: str) -> ImportRecord | None:
        row = self.conn.execute(self._select(imports).where(imports.c.id == import_id)).first()
        return import_record(row) if row else None

    def imports_of(self, channel_id: str) -> list[ImportRecord]:
        rows = self.conn.execute(
            self._select(imports)
            .where(imports.c.channel_id == channel_id)
            .order_by(imports.c.created_at)
        ).all()
        return [import_record(row) for row in rows]
