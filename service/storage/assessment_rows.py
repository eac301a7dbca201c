"""Stored assessments: their columns for lists, their whole JSON only when asked for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, tuple_

from socialaudit.service.storage.records import AssessmentRecord
from socialaudit.service.storage.rows import ASSESSMENT_COLUMNS, assessment_record
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import assessments


class AssessmentRows(Scoped):
    def insert_assessment(
        self,
        organisation_id: str,
        result: dict[str, Any],
        versions: tuple[dict[str, str], dict[str, str]],
        as_of: datetime,
    ) -> str:
        """`versions`: the rules' and the KPIs' versions the assessment was computed with."""
        assessment_id = new_id()
        rule_versions, kpi_versions = versions
        self.conn.execute(
            self._insert(
                assessments,
                id=assessment_id,
                organisation_id=organisation_id,
                created_at=now(),
                as_of=as_of,
                language=result["language"],
                overall_score=result["overallScore"],
                maturity_stage=result["maturityStage"],
                ruleset_revision=result["rulesetRevision"],
                input_digest=result["inputDigest"],
                engine_version=result["engineVersion"],
                plugin_versions=result["pluginVersions"],
                rule_versions=rule_versions,
                kpi_versions=kpi_versions,
                result=result,
            )
        )
        return assessment_id

    def get_assessment(
        self, assessment_id: str, with_result: bool = False
    ) -> AssessmentRecord | None:
        columns = [*ASSESSMENT_COLUMNS, assessments.c.result] if with_result else ASSESSMENT_COLUMNS
        query = self._select(assessments, *columns).where(assessments.c.id == assessment_id)
        row = self.conn.execute(query).first()
        if row is None:
            return None
        return assessment_record(row, row.result if with_result else None)

    def assessment_result(self, assessment_id: str) -> dict[str, Any] | None:
        query = self._select(assessments, assessments.c.result).where(
            assessments.c.id == assessment_id
        )
        return self.conn.execute(query).scalar_one_or_none()

    def page_assessments(
        self, organisation_id: str, after: tuple[datetime, str] | None, limit: int
    ) -> list[AssessmentRecord]:
        """Newest first, by (created_at, id)."""
        query = (
            self._select(assessments, *ASSESSMENT_COLUMNS)
            .where(assessments.c.organisation_id == organisation_id)
            .order_by(assessments.c.created_at.desc(), assessments.c.id.desc())
        )
        if after is not None:
            query = query.where(tuple_(assessments.c.created_at, assessments.c.id) < after)
        return [assessment_record(row) for row in self.conn.execute(query.limit(limit)).all()]

    def count_assessments(self, organisation_id: str) -> int:
        query = self._count(assessments).where(assessments.c.organisation_id == organisation_id)
        return self.conn.execute(query).scalar_one()

    def latest_assessments(self, organisation_ids: Sequence[str]) -> dict[str, AssessmentRecord]:
        """The newest assessment of each organisation, in one query for a whole page."""
        newest = (
            self._select(
                assessments,
                assessments.c.id,
                func.row_number()
                .over(
                    partition_by=assessments.c.organisation_id,
                    order_by=(assessments.c.created_at.desc(), assessments.c.id.desc()),
                )
                .label("rank"),
            )
            .where(assessments.c.organisation_id.in_(organisation_ids))
            .subquery()
        )
        rows = self.conn.execute(
            self._select(assessments, *ASSESSMENT_COLUMNS)
            .join(newest, newest.c.id == assessments.c.id)
            .where(newest.c.rank == 1)
        ).all()
        return {row.organisation_id: assessment_record(row) for row in rows}
