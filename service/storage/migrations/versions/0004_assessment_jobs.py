"""Assessment jobs and each agency's assessment schedule, tenant tables under row-level
security like the others.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(36)
TIME = sa.DateTime(timezone=True)
TABLES = ("assessment_jobs", "assessment_schedules")
TENANT_SETTING = "socialaudit.agency_id"  # as in 0001: the agency the storage layer set


def _tenant_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["agency_id"], ["agencies.id"], ondelete="CASCADE", name=f"fk_{table}_agency_id_agencies"
    )


def upgrade() -> None:
    op.create_table(
        "assessment_jobs",
        sa.Column("agency_id", ID, nullable=False),
        sa.Column("id", ID),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("as_of", TIME),
        sa.Column("slot", TIME),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("assessment_id", ID),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("started_at", TIME),
        sa.Column("finished_at", TIME),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_jobs"),
        _tenant_key("assessment_jobs"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_assessment_jobs_organisation_id_organisations",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            ondelete="SET NULL",
            name="fk_assessment_jobs_assessment_id_assessments",
        ),
        sa.UniqueConstraint("organisation_id", "slot", name="uq_assessment_jobs_organisation_slot"),
    )
    op.create_index(
        "ix_assessment_jobs_agency_created", "assessment_jobs", ["agency_id", "created_at", "id"]
    )
    op.create_table(
        "assessment_schedules",
        sa.Column("agency_id", ID, nullable=False),
        sa.Column("id", ID),
        sa.Column("cron", sa.String(100), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("last_slot", TIME),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_schedules"),
        _tenant_key("assessment_schedules"),
        sa.UniqueConstraint("agency_id", name="uq_assessment_schedules_agency_id"),
    )
    for table in TABLES:
        op.create_index(f"ix_{table}_agency_id", table, ["agency_id"])
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(
                f"CREATE POLICY tenant_isolation ON {table} "
                f"USING (agency_id = current_setting('{TENANT_SETTING}', true)) "
                f"WITH CHECK (agency_id = current_setting('{TENANT_SETTING}', true))"
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
