"""Where each built-in KPI's definition comes from, for `socialaudit kpis --explain`.

The studies are cited by name, as the rules cite them; a platform's own metric definition is
cited by the address of its documentation page. Most formulas here are this product's own way
of measuring what a study points at: their source says so, rather than lending a study's name
to a formula it never gave.
"""

from socialaudit.plugins.rules._sources import (
    ARNOLD_MARITZ,
    INSITES,
    MARKETINGFACTS,
    MERKIMAGO,
    NOTION,
    NSMA,
)

OWN = "socialaudit's own measure"

META_INSIGHTS = "Meta Graph API, 'Page Insights', https://developers.facebook.com/docs/graph-api/reference/insights"
X_DERIVED_METRICS = (
    "X Ads API, 'Derived Metrics', "
    "https://developer.x.com/en/docs/x-ads-api/analytics/overview/metrics-derived"
)
LINKEDIN_SHARE_STATISTICS = (
    "LinkedIn Marketing API, 'Organization Share Statistics', "
    "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/"
    "organizations/share-statistics"
)

__all__ = [
    "ARNOLD_MARITZ",
    "INSITES",
    "LINKEDIN_SHARE_STATISTICS",
    "MARKETINGFACTS",
    "MERKIMAGO",
    "META_INSIGHTS",
    "NOTION",
    "NSMA",
    "OWN",
    "X_DERIVED_METRICS",
]
