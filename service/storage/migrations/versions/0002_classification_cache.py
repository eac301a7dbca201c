"""A cache of classification results by classifier version, kind and text digest, so that
re-assessing unchanged texts runs no model again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classification_cache",
        sa.Column("version", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("label", sa.String(32)),
        sa.Column("confidence", sa.Float),
        sa.Column("evidence", sa.JSON),
        sa.Column("sentiment", sa.String(16)),
        sa.PrimaryKeyConstraint("version", "kind", "digest", name="pk_classification_cache"),
    )


def downgrade() -> None:
    op.drop_table("classification_cache")
