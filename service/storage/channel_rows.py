"""An organisation's channels, and what imports told about each besides its rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from sqlalchemy import func

from socialaudit.service.storage.records import ChannelRecord
from socialaudit.service.storage.rows import channel_record
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import channels, interactions, posts

RowKind = Literal["posts", "interactions"]


class ChannelRows(Scoped):
    def channels_of(self, organisation_ids: Iterable[str]) -> dict[str, list[ChannelRecord]]:
        ids = list(organisation_ids)
        found: dict[str, list[ChannelRecord]] = {i: [] for i in ids}
        rows = self.conn.execute(
            self._select(channels)
            .where(channels.c.organisation_id.in_(ids))
            .order_by(channels.c.organisation_id, channels.c.position)
        ).all()
        for row in rows:
            found[row.organisation_id].append(channel_record(row))
        return found

    def get_channel(self, channel_id: str) -> ChannelRecord | None:
        row = self.conn.execute(self._select(channels).where(channels.c.id == channel_id)).first()
        return channel_record(row) if row else None

    def insert_channel(self, organisation_id: str, key: str, profile: dict[str, Any]) -> str:
        position = self.conn.execute(
            self._select(channels, func.coalesce(func.max(channels.c.position), -1) + 1).where(
                channels.c.organisation_id == organisation_id
            )
        ).scalar_one()
        channel_id = new_id()
        self.conn.execute(
            self._insert(
                channels,
                id=channel_id,
                organisation_id=organisation_id,
                key=key,
                position=position,
                profile=profile,
                data_followers=None,
                organisation_ids=[],
                messages_known=False,
                created_at=now(),
            )
        )
        return channel_id

    def delete_channel(self, channel_id: str) -> bool:
        statement = self._delete(channels).where(channels.c.id == channel_id)
        return self.conn.execute(statement).rowcount > 0

    def record_channel_data(
        self,
        channel: ChannelRecord,
        followers: int | None,
        organisation_ids: Iterable[str],
        carries_interactions: bool,
    ) -> None:
        """What an import tells about the channel besides its rows."""
        self.conn.execute(
            self._update(channels)
            .where(channels.c.id == channel.id)
            .values(
                data_followers=followers if followers is not None else channel.data_followers,
                organisation_ids=sorted({*channel.organisation_ids, *organisation_ids}),
                messages_known=channel.messages_known or carries_interactions,
            )
        )

    def row_counts(self, channel_ids: Sequence[str], kind: RowKind) -> dict[str, int]:
        """How many posts or interactions each channel has stored, in one query: counting
        reads every row's index entry, so only what was asked for is counted."""
        table = posts if kind == "posts" else interactions
        counts = dict.fromkeys(channel_ids, 0)
        query = (
            self._select(table, table.c.channel_id, func.count())
            .where(table.c.channel_id.in_(channel_ids))
            .group_by(table.c.channel_id)
        )
        for channel_id, count in self.conn.execute(query).all():
            counts[channel_id] = count
        return counts
