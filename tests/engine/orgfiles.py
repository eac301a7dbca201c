"""Files of a small organisation in the generic format, shared by the engine tests."""

from pathlib import Path

PROFILE = """\
name = "Bakkerij Test"
sector = "retail"
market = "b2c"
country = "BE"
monthly_budget_eur = 100

[governance]
owner = "marketing"
management_support = true

[[goals]]
objective = "awareness"
set_up_front = true
channels = ["facebook"]
targets = [{ kpi = "engagement_rate", target = 0.03 }]

[[channels]]
platform = "facebook"
handle = "bakkerijtest"
followers = 1000
data = ["data/*.csv"]
"""

POSTS = """\
id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks
p1,2024-03-01T10:00:00+01:00,Vers zuurdesembrood vandaag in de winkel,image,1000,800,20,3,1,10
p2,2024-03-05T09:00:00+01:00,Wat is jullie favoriete taart?,text,,,5,10,,
p3,2024-03-10T10:00:00Z,,image,500,400,1,0,0,2
"""

INTERACTIONS = """\
id,post_id,created_at,author,text,reply_created_at
c1,p1,2024-03-01T12:00:00Z,jan,Zijn jullie open op zondag?,2024-03-01T15:00:00Z
c2,p2,2024-03-05T12:00:00Z,an,Appeltaart!,
"""


def write_organisation(folder: Path) -> Path:
    """The organisation above as a folder `socialaudit assess` reads."""
    (folder / "data").mkdir(parents=True)
    (folder / "organisation.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "data" / "posts.csv").write_text(POSTS, encoding="utf-8")
    (folder / "data" / "interactions.csv").write_text(INTERACTIONS, encoding="utf-8")
    return folder
