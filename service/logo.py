"""An agency's logo, checked before it goes into a page its clients open.

PNG is decoded and re-encoded by Pillow (which drops metadata and anything after the image);
SVG is parsed with defusedxml (no entities, no external references) and rebuilt from an allow
list of drawing elements and attributes: no script, no foreignObject, no event handlers, no
link outside the file. The page shows it as an `<img>` data URI, where a browser runs no script
and loads nothing even if something slipped through.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 256 * 1024
MAX_PNG_PIXELS = 2000 * 2000

SVG_NS = "http://www.w3.org/2000/svg"
_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "defs", "lineargradient", "radialgradient", "stop", "title", "desc", "clippath",
    "mask", "use", "symbol",
}  # fmt: skip
_ATTRIBUTES = {
    "viewbox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry",
    "d", "points", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity", "transform", "id",
    "offset", "stop-color", "stop-opacity", "gradientunits", "gradienttransform",
    "clip-path", "clip-rule", "mask", "font-family", "font-size", "font-weight",
    "text-anchor", "preserveaspectratio", "href", "version",
}  # fmt: skip
_URL = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)


class LogoError(ValueError):
    """The file is not a logo the report can show; the message says why and what to send."""


def _png(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise LogoError(f"the file is {image.format or 'not an image'}, not PNG")
            if image.width * image.height > MAX_PNG_PIXELS:
                raise LogoError(
                    f"the PNG is {image.width}×{image.height} pixels; at most 2000×2000"
                )
            image.load()
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LogoError(f"the PNG cannot be read ({exc})") from None
    return out.getvalue()


def _name(name: str) -> str:
    """The local name as written (SVG is case-sensitive: viewBox, linearGradient)."""
    return name.rsplit("}", 1)[-1]


def _local(name: str) -> str:
    return _name(name).lower()


def _clean(element: ET.Element) -> ET.Element | None:
    if not isinstance(element.tag, str) or _local(element.tag) not in _ELEMENTS:
        return None
    copy = ET.Element(f"{{{SVG_NS}}}{_name(element.tag)}")
    for name, value in element.attrib.items():
        local = _local(name)
        if local not in _ATTRIBUTES or _URL.search(value):
            continue
        if local == "href" and not value.startswith("#"):
            continue
        copy.set("href" if local == "href" else _name(name), value)
    copy.text = element.text
    for child in element:
        cleaned = _clean(child)
        if cleaned is not None:
            cleaned.tail = child.tail
            copy.append(cleaned)
    return copy


def _svg(data: bytes) -> bytes:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except Exception as exc:  # defusedxml raises its own and ElementTree's parse errors
        raise LogoError(f"the SVG cannot be read safely ({exc})") from None
    if _local(root.tag) != "svg":
        raise LogoError(f"the file's root element is <{_local(root.tag)}>, not <svg>")
    cleaned = _clean(root)
    assert cleaned is not None
    box = (cleaned.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4 and not (cleaned.get("width") and cleaned.get("height")):
        # an <img> gives an SVG without a size 300×150; its own proportions keep it unboxed
        cleaned.set("width", box[2])
        cleaned.set("height", box[3])
    ET.register_namespace("", SVG_NS)
    return ET.tostring(cleaned, encoding="utf-8")


def sanitise_logo(data: bytes, filename: str = "logo") -> tuple[str, bytes]:
    """(media type, cleaned bytes), or LogoError naming what is wrong."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            f"{filename} is {len(data) // 1024} KiB; a logo may be at most "
            f"{MAX_LOGO_BYTES // 1024} KiB (export a smaller PNG or an SVG)"
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", _png(data)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        return "image/svg+xml", _svg(data)
    raise LogoError(f"{filename} is neither a PNG nor an SVG file; send the logo as PNG or SVG")


def data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
