"""A logo's SVG keeps its drawing as written (SVG is case-sensitive) and loses everything that
could run or load something."""

from __future__ import annotations

import pytest

from socialaudit.service.logo import LogoError, sanitise_logo

DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<defs><linearGradient id="g" gradientUnits="userSpaceOnUse">'
    b'<stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    b'<rect width="120" height="40" fill="url(#g)"/><use href="#g"/>'
    b'<use href="https://example.org/x.svg#a"/><!-- a comment --></svg>'
)


def test_the_drawing_keeps_its_case_and_its_own_references() -> None:
    media_type, svg = sanitise_logo(DRAWING)
    assert media_type == "image/svg+xml"
    for kept in (b'viewBox="0 0 120 40"', b"<linearGradient", b'gradientUnits="userSpaceOnUse"',
                 b'fill="url(#g)"', b'<use href="#g"'):  # fmt: skip
        assert kept in svg
    assert b"example.org" not in svg
    assert b'width="120" height="40"' in svg  # an <img> would box it at 300x150 otherwise


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "safely"),
        (b"<html><body>hi</body></html>", "neither a PNG nor an SVG"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', "not <svg>"),
        (b"GIF89a....", "neither a PNG nor an SVG"),
        (b"\x89PNG\r\n\x1a\n" + b"broken", "cannot be read"),
    ],
)
def test_what_is_not_a_clean_logo_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(LogoError, match=message):
        sanitise_logo(data)
