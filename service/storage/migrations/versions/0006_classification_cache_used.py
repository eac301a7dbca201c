"""The classification cache's rows record the day each was last stored or read (`used`), so
that rows no assessment has used for `SOCIALAUDIT_CLASSIFICATION_CACHE_DAYS` can be removed:
without it the table only grows. Rows from before count as used on the day of the upgrade.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("classification_cache") as batch:
        batch.add_column(sa.Column("used", sa.Date, nullable=True))
    rows = sa.table("classification_cache", sa.column("used", sa.Date))
    op.execute(rows.update().values(used=datetime.now(UTC).date()))
    with op.batch_alter_table("classification_cache") as batch:
        batch.alter_column("used", existing_type=sa.Date, nullable=False)
    op.create_index("ix_classification_cache_used", "classification_cache", ["used"])


def downgrade() -> None:
    op.drop_index("ix_classification_cache_used", table_name="classification_cache")
    with op.batch_alter_table("classification_cache") as batch:
        batch.drop_column("used")
