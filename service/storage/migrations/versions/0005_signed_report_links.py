"""Signed share links: a link's token is signed (its id, assessment and expiry) instead of a
random value stored as a hash, so the hash column goes; `key_id` names the secret that signed
the link (a fingerprint), so a link of a rotated secret is not listed as active; the service
keeps its signing secret in `service_secrets` when the deployment sets none. Links made before
this revision had random tokens that no longer open anything: they are revoked, so
`reportLinks` does not list them as active.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "service_secrets",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_service_secrets"),
    )
    links = sa.table("report_links", sa.column("revoked_at", TIME))
    op.execute(
        links.update().where(links.c.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
    )
    with op.batch_alter_table("report_links") as batch:
        batch.drop_constraint("uq_report_links_hash", type_="unique")
        batch.drop_column("hash")
        batch.add_column(sa.Column("key_id", sa.String(16)))


def downgrade() -> None:
    # the old links' tokens are gone: a downgrade cannot make them open again, and signed
    # tokens mean nothing to the old code, so every link is revoked and gets a placeholder hash
    links = sa.table("report_links", sa.column("revoked_at", TIME))
    op.execute(
        links.update().where(links.c.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
    )
    with op.batch_alter_table("report_links") as batch:
        batch.drop_column("key_id")
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
    op.execute("UPDATE report_links SET hash = id")
    with op.batch_alter_table("report_links") as batch:
        batch.alter_column("hash", nullable=False, existing_type=sa.String(64))
        batch.create_unique_constraint("uq_report_links_hash", ["hash"])
    op.drop_table("service_secrets")
