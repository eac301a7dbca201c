"""The service's settings, from `SOCIALAUDIT_*` environment variables.

Defaults suit a developer on a fresh machine (SQLite file in the current folder, GraphiQL on);
`SOCIALAUDIT_PRODUCTION=true` switches off GraphiQL and introspection. Every abuse limit is a
setting, so an operator can tighten or loosen one without a release.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from socialaudit.service.job_process import DEFAULT_JOB_TIMEOUT
from socialaudit.service.storage.classification_cache import DEFAULT_KEEP_DAYS

DEFAULT_DATABASE_URL = "sqlite:///socialaudit.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOCIALAUDIT_", frozen=True, extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user@host:5432/db.",
    )
    plugins_toml: Path | None = Field(
        default=None, description="plugins.toml to use; default ./plugins.toml if present."
    )
    production: bool = Field(default=False, description="No GraphiQL, no introspection.")
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins whose browser frontends may call the API, as a JSON list "
        '(["https://app.example.be"]); none by default.',
    )
    development: bool = Field(
        default=False,
        description="No API keys: every request acts for the agency 'development'. "
        "`socialaudit serve --dev` sets it, on a loopback address only.",
    )
    database_role: str | None = Field(
        default=None,
        description="PostgreSQL role the service's transactions switch to (SET ROLE); it must "
        "be neither superuser nor BYPASSRLS, so row-level security binds it.",
    )
    queue_url: str | None = Field(
        default=None,
        description="PostgreSQL URL of the job queue (usually the database URL) for "
        "`scheduleAssessments` and schedules, run by `socialaudit worker`; none by default.",
    )
    job_timeout: float = Field(
        default=DEFAULT_JOB_TIMEOUT,
        gt=0,
        description="Seconds one assessment job may run in `socialaudit worker` before it is "
        "stopped and fails with 'timed out after N s' (not retried).",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="Signs the reports' share links; the same on every worker. Unset: one is "
        "made on first use and kept in the database. Changing it stops every existing link.",
    )
    classification_cache_days: int = Field(
        default=DEFAULT_KEEP_DAYS,
        ge=1,
        description="Days a cached classification is kept after an assessment last stored or "
        "read it; the server and each job worker remove older ones when they start and daily. "
        "A text assessed again after that is classified again.",
    )
    rate_limit: str = Field(
        default="600/minute;20/second",
        description='Requests per API key, in `limits` notation ("120/minute;10/second").',
    )
    failed_key_limit: str = Field(
        default="30/minute",
        description="Requests with a wrong API key per client address before it is refused.",
    )
    api_key_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description="How long a server remembers a valid API key instead of looking it up; a "
        "revoked key is refused at most this long after `apikey revoke`. 0: every request "
        "looks its key up.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where counts are kept: memory:// (one process) or redis://host:6379.",
    )

    max_depth: int = Field(default=10, ge=1, description="Deepest selection nesting allowed.")
    max_aliases: int = Field(
        default=30, ge=0, description="Aliases per document, fragments expanded."
    )
    max_tokens: int = Field(default=4000, ge=10, description="Lexical tokens per document.")
    max_page_size: int = Field(default=100, ge=1, description="Largest `first` of a connection.")
    max_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest request body except multipart uploads."
    )
    max_upload_bytes: int = Field(
        default=50 * 1_048_576, ge=1024, description="Largest multipart request body."
    )
    max_upload_files: int = Field(default=4, ge=1, description="Files per multipart request.")
    execution_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Longest a single operation may run."
    )
    heavy_concurrency: int = Field(
        default=2,
        ge=1,
        description="Assessments, previews, imports and classifications running at once; "
        "more wait their turn.",
    )
    assessment_processes: int = Field(
        default=2,
        ge=0,
        description="Worker processes that compute assessments, so they never hold the "
        "server's interpreter lock against reads; 0 computes them in the server's threads.",
    )
    import_processes: int = Field(
        default=1,
        ge=0,
        description="Worker processes that read imported files, so that parsing never holds "
        "the server's interpreter lock against reads; 0 reads them in the server's threads.",
    )
    read_concurrency: int = Field(
        default=16, ge=1, description="Other operations running at once, beside the heavy ones."
    )
    document_cache_size: int = Field(
        default=512, ge=0, description="Parsed and validated documents kept in memory."
    )
