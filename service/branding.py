"""An agency's branding on its reports: name, logo, primary colour and a contact line.

The CLI reads it from a `brand.toml`, the service keeps it per agency (`updateAgencyBranding`,
`socialaudit agency update`); either way it passes these checks, so a report never carries a
colour that breaks its stylesheet or a logo that runs code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from socialaudit.service.logo import data_uri

DEFAULT_COLOR = "#1f4e79"
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
MAX_NAME = 200
MAX_CONTACT = 300


class BrandError(ValueError):
    """Branding that cannot be used; the message names the field and what is expected."""


@dataclass(frozen=True)
class Brand:
    name: str | None = None
    color: str = DEFAULT_COLOR
    contact: str | None = None
    logo_type: str | None = None
    logo: bytes | None = None

    @property
    def logo_uri(self) -> str | None:
        return data_uri(self.logo_type, self.logo) if self.logo and self.logo_type else None

    @property
    def on_color(self) -> str:
        """Black or white, whichever reads better on the primary colour (WCAG luminance)."""
        return "#000000" if relative_luminance(self.color) > 0.179 else "#ffffff"


def check_color(value: str) -> str:
    value = value.strip()
    if not _COLOR.match(value):
        raise BrandError(f"colour '{value}' is not a hex colour; write it as '#0a5' or '#00aa55'")
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def check_text(value: str, field: str, limit: int) -> str:
    value = " ".join(value.split())
    if len(value) > limit:
        raise BrandError(f"{field} is {len(value)} characters long; at most {limit}")
    return value


def relative_luminance(color: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
