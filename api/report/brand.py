"""`--brand brand.toml`: the CLI report's branding, checked as the service checks it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from socialaudit.service.branding import (
    DEFAULT_COLOR,
    MAX_CONTACT,
    MAX_NAME,
    Brand,
    BrandError,
    check_color,
    check_text,
)
from socialaudit.service.logo import LogoError, sanitise_logo

__all__ = ["Brand", "BrandError", "load_brand"]


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
