"""The agency's branding on its reports: name, logo, primary colour and a contact line.

The CLI reads it from a `brand.toml`; the service keeps it per agency. Either way it passes the
same checks, so a report never carries a colour that breaks the CSS or a logo that runs code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from socialaudit.api.report.logo import LogoError, data_uri, sanitise_logo

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


def load_brand(path: Path) -> Brand:
    """A `brand.toml`: `name`, `color`, `contact` and `logo` (a PNG or SVG path relative to
    the file)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BrandError(f"{path}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise BrandError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"name", "color", "contact", "logo"}
    if unknown:
        raise BrandError(
            f"{path}: unknown keys {', '.join(sorted(unknown))}; "
            "a brand has name, color, contact and logo"
        )
    for key in data:
        if not isinstance(data[key], str):
            raise BrandError(f"{path}: {key} must be a string, found {type(data[key]).__name__}")
    logo_type = logo = None
    if "logo" in data:
        logo_path = path.parent / data["logo"]
        try:
            raw = logo_path.read_bytes()
        except OSError as exc:
            raise BrandError(
                f"{path}: logo '{logo_path}' cannot be read ({exc.strerror})"
            ) from None
        try:
            logo_type, logo = sanitise_logo(raw, str(logo_path))
        except LogoError as exc:
            raise BrandError(f"{path}: logo: {exc}") from None
    try:
        return Brand(
            name=check_text(data["name"], "name", MAX_NAME) or None if "name" in data else None,
            color=check_color(data["color"]) if "color" in data else DEFAULT_COLOR,
            contact=check_text(data["contact"], "contact", MAX_CONTACT) or None
            if "contact" in data
            else None,
            logo_type=logo_type,
            logo=logo,
        )
    except BrandError as exc:
        raise BrandError(f"{path}: {exc}") from None
