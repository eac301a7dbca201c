"""Reading and writing one agency's rows.

A `Repository` is bound to a connection inside a transaction and to the agency it serves; it is
made only by `socialaudit.service.storage.tenancy.Tenancy`, which opens the transaction. It is
the tables' row modules put together, each built on the one scoped base (`scoped.Scoped`) that
adds the agency to every statement.
"""

from __future__ import annotations

from socialaudit.service.storage.assessment_rows import AssessmentRows
from socialaudit.service.storage.channel_rows import ChannelRows
from socialaudit.service.storage.custom_definition_rows import CustomDefinitionRows
from socialaudit.service.storage.import_rows import ImportRows
from socialaudit.service.storage.job_rows import JobRows, ScheduleRows
from socialaudit.service.storage.organisation_rows import OrganisationRows
from socialaudit.service.storage.post_rows import PostRows


class Repository(
    OrganisationRows,
    ChannelRows,
    PostRows,
    ImportRows,
    AssessmentRows,
    CustomDefinitionRows,
    JobRows,
    ScheduleRows,
):
    """Every table of one agency, in one transaction."""
