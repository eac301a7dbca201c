"""The Pinterest plugin's own tests, written with socialaudit's plugin kit (the
``socialaudit_kit`` fixture comes from ``socialaudit.testing``, installed with socialaudit)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import socialaudit_pinterest

from socialaudit.plugin import InputError, ReadOptions
from socialaudit.testing import PluginKit

AS_OF = "2024-03-31T00:00:00+00:00"


def _pins(linked: int, unlinked: int) -> list[dict[str, object]]:
    return [
        {
            "id": f"pin{i}",
            "created_at": f"2024-03-{i + 1:02d}T10:00:00Z",
            "media_type": "image",
            "text": f"Pin {i}",
            "permalink": f"https://example.be/p/{i}" if i < linked else None,
        }
        for i in range(linked + unlinked)
    ]


def _assess(kit: PluginKit, linked: int, unlinked: int):  # type: ignore[no-untyped-def]
    org = kit.organisation([kit.channel("pinterest", posts=_pins(linked, unlinked))])
    return kit.assess(org, plugins=[socialaudit_pinterest], as_of=AS_OF)


def test_the_rule_fires_when_few_pins_link(socialaudit_kit: PluginKit) -> None:
    result = _assess(socialaudit_kit, linked=2, unlinked=4)
    assert socialaudit_kit.kpi(result, "linked_pin_share", "pinterest") == pytest.approx(2 / 6)
    finding = socialaudit_kit.assert_finding(result, "PIN001", channel="pinterest")
    assert "33%" in finding.message and "6 pins" in finding.message


def test_the_rule_stays_quiet_when_pins_link(socialaudit_kit: PluginKit) -> None:
    result = _assess(socialaudit_kit, linked=5, unlinked=1)
    socialaudit_kit.assert_no_finding(result, "PIN001")


def test_too_few_pins_are_no_verdict(socialaudit_kit: PluginKit) -> None:
    result = _assess(socialaudit_kit, linked=0, unlinked=3)
    assert socialaudit_kit.kpi(result, "linked_pin_share", "pinterest") == 0
    socialaudit_kit.assert_no_finding(result, "PIN001")


def test_the_kpi_is_unknown_on_other_platforms(socialaudit_kit: PluginKit) -> None:
    org = socialaudit_kit.organisation([socialaudit_kit.channel("facebook", posts=_pins(1, 1))])
    result = socialaudit_kit.assess(org, plugins=[socialaudit_pinterest], as_of=AS_OF)
    assert socialaudit_kit.kpi(result, "linked_pin_share", "facebook") is None


def test_a_bad_time_names_the_json_path(tmp_path: Path) -> None:
    file = tmp_path / "pins.json"
    file.write_text(json.dumps({"items": [{"id": "1", "created_at": "yesterday"}]}))
    from socialaudit.plugin import ChannelProfile

    options = ReadOptions(
        channel=ChannelProfile(platform="pinterest", handle="shop"), timezone="UTC"
    )
    with pytest.raises(InputError) as caught:
        socialaudit_pinterest.PinterestPins().read(file, options)
    assert caught.value.field == "$.items[0].created_at"
