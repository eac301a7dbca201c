"""socialaudit: assess an organisation's social media and say what to change.

The distribution installs its folders under this one namespace: ``socialaudit.engine`` (the
core), ``socialaudit.plugins`` (the built-ins), ``socialaudit.service`` (the tenant-scoped
operations and storage), ``socialaudit.schema`` (GraphQL types), ``socialaudit.api`` (HTTP app
and CLI). Plugin authors import from :mod:`socialaudit.plugin` only.
"""

__version__ = "0.2.0"
