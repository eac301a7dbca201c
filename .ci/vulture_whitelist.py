"""Names vulture reports as unused that are alive: read by a framework, a template or a file
format, never by a Python name vulture could follow. Each group says why it is alive.

`pyproject.toml` ([tool.vulture]) already ignores what a decorator or a naming convention
marks as called from outside (pluggy hooks, strawberry resolvers, click commands, pydantic
validators and model_config, Alembic's revision functions). A name added here needs a reason
in its group; dead code is removed instead.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Called by name from a string: uvicorn's app factory ("socialaudit.api.app:...", in
# api/cli/serve.py) and PEP 562's module __getattr__ (api/cli/common.py's lazy names).
_.create_app_from_environment
_.__getattr__

# click.Group's methods, overridden in api/cli/__init__.py; click calls them.
_.get_command
_.format_commands

# Attributes of library objects, set for the library to read: logging's handlers, pygal's
# x_labels, openpyxl's data_type and freeze_panes, Babel's NumberPattern.frac_prec, and
# graphql-core's ExecutionContext.is_awaitable (schema/execution.py).
_.handlers
_.x_labels
_.data_type
_.freeze_panes
_.frac_prec
_.is_awaitable

# Read by the audit report's Jinja template (api/report/templates/report.html) only.
_.met
_.last_post
_.excerpt
_.new
_.resolved
_.persisting
_.score_delta
_.kpi_deltas
_.signed
_.on_color
_.difference

# Enum members chosen by value from organisation.toml, plugins.toml or a GraphQL argument,
# never by their Python name (engine/model/profile.py, schema/classification.py, schema/enums.py).
_.B2C
_.RETAIL
_.FOOD_AND_HOSPITALITY
_.IT_SERVICES
_.TECH_TELCO
_.FINANCE
_.MEDIA
_.TRAVEL
_.MANUFACTURING
_.CONSTRUCTION
_.HEALTHCARE
_.EDUCATION
_.PROFESSIONAL_SERVICES
_.PUBLIC_SECTOR
_.NON_PROFIT
_.PR
_.FACEBOOK
_.INSTAGRAM
_.LINKEDIN
_.X
_.YOUTUBE
_.TIKTOK
_.COMMENT
_.PROMOTIONAL
_.INFORMATIONAL
_.CONVERSATIONAL
_.QUESTION
_.COMPLAINT
_.PRAISE
_.EN
_.NL
_.FR

# Fields of strawberry types: each is a field of the GraphQL schema (schema.graphql), which
# clients select; strawberry reads them by name.
_.page_info
_.total_count
_.has_next_page
_.has_previous_page
_.start_cursor
_.end_cursor
_.deleted_id
_.removed_id
_.channel_import
_.branding

# socialaudit.testing's kit for plugin authors' test suites (the example Pinterest plugin's
# tests and tests/engine/test_plugin_kit.py use them; vulture does not read tests).
_.assert_finding
_.assert_no_finding
_.assert_no_errors

# ImportParsers.wait_started: lets a caller (the tests, an embedding application) wait until
# the parse workers are up before timing anything.
_.wait_started
