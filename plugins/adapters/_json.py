"""Reading the platforms' JSON responses as a stream of records, and their fields.

A Graph API dump of a million posts is several hundred megabytes; parsed whole it becomes
gigabytes of Python objects. So records are streamed one at a time (ijson, C backend), and
gathered into columns by `_table.Table`: the raw file is never held in memory at all.

A file is either one API response (``{"data": [...], "paging": {...}}``) or a JSON array of
responses, as a script that pages through an endpoint naturally saves them. Errors name the
JSON path of the record and field, e.g. ``$.data[3].created_time`` or ``$[2].data[0].id``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from socialaudit.plugin import FileSample, InputError

_BOM = b"\xef\xbb\xbf"
_EDGE_BYTES = 64 * 1024
MAX_DEPTH = 254
"""Deepest nesting accepted inside one record: what orjson's C writer walks, so the check runs
at C speed. The platforms' responses nest about ten levels (a reply in a comment in a post in
a page); deeper is a broken or hostile file, and code that follows it (a comment thread) would
otherwise run out of stack with no location."""
_LOCATE_LIMIT = 256 * 1024 * 1024
"""Up to this size a syntax error is located by line and column with a second, full parse."""


def is_json(sample: FileSample) -> bool:
    return sample.suffix in (".json", ".txt", "") and sample.text.lstrip()[:1] in ("{", "[")


def _open(path: Path) -> IO[bytes]:
    handle = path.open("rb")
    if handle.read(3) != _BOM:
        handle.seek(0)
    return handle


def _first_char(handle: IO[bytes]) -> str:
    start = handle.tell()
    while True:
        byte = handle.read(1)
        if not byte:
            return ""
        if not byte.isspace():
            handle.seek(start)
            return byte.decode("latin-1")


def syntax_error(path: Path, exc: Exception, after: str | None) -> InputError:
    """Where the JSON is broken: line and column when the file is small enough to re-parse,
    else the last record read before the break."""
    if path.stat().st_size <= _LOCATE_LIMIT:
        try:
            orjson.loads(_strip_bom(path.read_bytes()))
        except orjson.JSONDecodeError as decode:
            return InputError(
                f"not valid JSON: {decode.msg} (column {decode.colno})",
                file=path,
                line=decode.lineno,
            )
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError(
        f"not valid JSON: {first}",
        file=path,
        field=f"after {after}" if after else None,
        hint="the file may have been cut off while downloading",
    )


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(_BOM) else data


class _Strictness:
    """What Python's parser lets pass and a careful importer must not: a key written twice in
    one object (readers disagree on which value counts, and Python silently keeps the last)
    and nesting deeper than `MAX_DEPTH`.

    Duplicates are noticed while ijson builds the objects (its ``map_type``) and reported
    after the record is built, with the JSON path, so the check costs no second pass over the
    file. Depth is counted within each record (or response) as built."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.duplicates: list[tuple[dict[str, Any], str]] = []
        found = self.duplicates

        class StrictObject(dict):  # type: ignore[type-arg]
            __slots__ = ()

            def __setitem__(self, key: str, value: Any) -> None:
                if key in self:
                    found.append((self, key))
                dict.__setitem__(self, key, value)

        self.map_type = StrictObject

    def items(self, handle: IO[bytes], prefix: str) -> Iterator[Any]:
        return ijson.items(handle, prefix, use_float=True, map_type=self.map_type)

    def kvitems(self, handle: IO[bytes], prefix: str) -> Iterator[tuple[str, Any]]:
        return ijson.kvitems(handle, prefix, use_float=True, map_type=self.map_type)

    def check(self, value: Any, where: str) -> Any:
        """`value` (found at `where`) as built, or a located error. A sound record costs one
        pass of orjson's writer; paths are only spelled out to report a fault."""
        if not isinstance(value, dict | list):
            return value
        duplicated = {id(obj): key for obj, key in self.duplicates}
        self.duplicates.clear()
        try:
            orjson.dumps(value)
        except orjson.JSONEncodeError:
            pass  # too deep, or a number orjson cannot write: walk it to tell
        else:
            if not duplicated:
                return value
        self._locate(value, where, duplicated)
        return value

    def _locate(self, value: Any, where: str, duplicated: dict[int, str]) -> None:
        stack: list[tuple[Any, str, int]] = [(value, where, 1)]
        while stack:
            item, at, level = stack.pop()
            if level > MAX_DEPTH:
                raise InputError(
                    f"nested deeper than {MAX_DEPTH} levels",
                    file=self.path,
                    field=at,
                    hint="no platform response nests this deep; the file is broken or was not "
                    "written by the platform",
                )
            if isinstance(item, dict):
                if id(item) in duplicated:
                    raise InputError(
                        f"the key '{duplicated[id(item)]}' appears twice in one object, so "
                        "which value counts is ambiguous",
                        file=self.path,
                        field=f"{at}.{duplicated[id(item)]}",
                        hint="give the response as the platform returned it; an edited file "
                        "must keep each key once per object",
                    )
                steps = [(f"{at}.{key}", child) for key, child in item.items()]
            else:
                steps = [(f"{at}[{index}]", child) for index, child in enumerate(item)]
            stack.extend(
                (child, step, level + 1) for step, child in steps if isinstance(child, dict | list)
            )


def dig(value: Any, keys: tuple[str, ...], path: Path, where: str) -> Any:
    """`value[keys[0]][keys[1]]...`, None when a key is absent, an error when a step is not
    an object."""
    for key in keys:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise InputError("expected a JSON object", file=path, field=where)
        value = value.get(key)
        where = f"{where}.{key}"
    return value


def iter_records(path: Path, list_path: tuple[str, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each record of the list at `list_path` in one response or in each of an array of
    responses, with its JSON path."""
    for where, record, _context in iter_records_in_context(path, list_path, ()):
        yield where, record


def iter_records_in_context(
    path: Path, list_path: tuple[str, ...], keys: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """As `iter_records`, with the values of the response-level `keys` of each record's
    response (an Instagram comments wrapper's ``media_id``)."""
    dotted = ".".join(list_path)
    last: str | None = None
    strict = _Strictness(path)
    with _open(path) as handle:
        first = _first_char(handle)
        try:
            if first == "{":
                context = {key: top_level(path, key) for key in keys}
                base = f"$.{dotted}"
                stream = strict.items(handle, f"{dotted}.item")
                for index, record in enumerate(stream):
                    last = f"{base}[{index}]"
                    yield last, _object(strict.check(record, last), path, last), context
            elif first == "[":
                for number, response in enumerate(strict.items(handle, "item")):
                    response_where = f"$[{number}]"
                    strict.check(response, response_where)
                    records = dig(response, list_path, path, response_where)
                    check_api_error(response, path, response_where)
                    if records is None and _empty_page(response):
                        continue
                    if not isinstance(records, list):
                        raise InputError(
                            f"expected a '{dotted}' list in this response",
                            file=path,
                            field=f"{response_where}.{dotted}",
                        )
                    context = {key: response.get(key) for key in keys}
                    for index, record in enumerate(records):
                        last = f"{response_where}.{dotted}[{index}]"
                        yield last, _object(record, path, last), context
            else:
                raise InputError("not a JSON object or array", file=path, line=1)
        except ijson.JSONError as exc:
            raise syntax_error(path, exc, last) from exc
    if first == "{" and last is None:
        _check_empty_response(path, list_path)


def _check_empty_response(path: Path, list_path: tuple[str, ...]) -> None:
    """No record: fine for an empty page, an error for an API error or another shape."""
    strict = _Strictness(path)
    with _open(path) as handle:
        try:
            document = strict.check(next(strict.items(handle, ""), None), "$")
        except ijson.JSONError as exc:
            raise syntax_error(path, exc, None) from exc
    check_api_error(document, path, "$")
    records = dig(document, list_path, path, "$")
    if records is None and _empty_page(document):
        return
    if not isinstance(records, list):
        raise InputError(
            f"no '{'.'.join(list_path)}' list found",
            file=path,
            field=f"$.{'.'.join(list_path)}",
            hint="give the API's response as it was returned, or set `format` for the channel",
        )


def _empty_page(response: Any) -> bool:
    """X leaves `data` out of a page with no tweets and says so in `meta`."""
    meta = response.get("meta") if isinstance(response, dict) else None
    return isinstance(meta, dict) and meta.get("result_count") == 0


def check_api_error(response: Any, path: Path, where: str) -> None:
    """An error response saved instead of data (an expired token, a missing permission)."""
    if not isinstance(response, dict):
        return
    error = response.get("error")
    if isinstance(error, dict) and error.get("code") not in (None, "ok"):
        message = error.get("message") or error.get("type") or "unknown error"
        raise InputError(
            f"the file holds an API error instead of data: {message} (code {error.get('code')})",
            file=path,
            field=f"{where}.error",
            hint="request the data again",
        )


def top_level(path: Path, key: str) -> Any:
    """One top-level value of an object file. A response's small members sit before or after
    its big ``data`` list, so the value is looked for in the file's first and last
    `_EDGE_BYTES` before the file is streamed past everything else."""
    size = path.stat().st_size
    with _open(path) as handle:
        if _first_char(handle) != "{":
            return None
        head = handle.read(_EDGE_BYTES)
    if size > 2 * _EDGE_BYTES and key not in _head_keys(head):
        found, value = _from_tail(path, key)
        if found:
            return value
    strict = _Strictness(path)
    with _open(path) as handle:
        try:
            return strict.check(next(strict.items(handle, key), None), f"$.{key}")
        except ijson.JSONError as exc:
            raise syntax_error(path, exc, None) from exc


def _head_keys(head: bytes) -> set[str]:
    """The top-level keys the first bytes of an object file show."""
    keys: set[str] = set()
    try:
        for prefix, event, value in ijson.parse(head):
            if event == "map_key" and not prefix:
                keys.add(value)
    except ijson.JSONError:
        pass  # the head ends mid-file
    return keys


def _from_tail(path: Path, key: str) -> tuple[bool, Any]:
    """``(True, value)`` when the file ends with the member `key` (possibly followed by
    other members) of the top-level object, read from the last `_EDGE_BYTES`; else
    ``(False, None)`` and the caller streams the file."""
    with path.open("rb") as handle:
        handle.seek(-_EDGE_BYTES, 2)
        tail = handle.read().decode("utf-8", errors="ignore")
    start = tail.rfind(f'"{key}"')
    if start < 0 or tail[:start].rstrip()[-1:] not in (",", "{"):
        return False, None
    try:
        member, end = json.JSONDecoder(object_pairs_hook=_unique).raw_decode("{" + tail[start:])
    except ValueError:
        return False, None
    if tail[start + end - 1 :].strip():
        return False, None  # more follows: the key belongs to something nested
    value = member.get(key)
    return True, _Strictness(path).check(value, f"$.{key}")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _v in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key written twice")  # let the streaming reader locate it
    return dict(pairs)


def iter_members(path: Path) -> Iterator[tuple[str, str, Any]]:
    """Each member of an object file as ``(key, JSON path, value)``, one at a time: a Graph
    API multiple-id read (``GET /?ids=a,b``) is an object keyed by id."""
    strict = _Strictness(path)
    seen: set[str] = set()
    last: str | None = None
    with _open(path) as handle:
        if _first_char(handle) != "{":
            raise InputError("expected a JSON object keyed by id", file=path, line=1)
        try:
            for key, value in strict.kvitems(handle, ""):
                where = f"$.{key}"
                if key in seen:
                    raise InputError(
                        f"the key '{key}' appears twice in one object, so which value counts "
                        "is ambiguous",
                        file=path,
                        field=where,
                        hint="give the response as the platform returned it",
                    )
                seen.add(key)
                last = where
                yield key, where, strict.check(value, where)
        except ijson.JSONError as exc:
            raise syntax_error(path, exc, last) from exc


def _object(record: Any, path: Path, where: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise InputError("expected a JSON object", file=path, field=where)
    return record


def text(record: dict[str, Any], key: str, path: Path, where: str) -> str | None:
    """An optional string field; empty means none (a post without a message)."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"expected text, got {value!r}", file=path, field=f"{where}.{key}")
    return value


def required_text(record: dict[str, Any], key: str, path: Path, where: str) -> str:
    value = record.get(key)
    if value is None or value == "":
        raise InputError("is missing; every record needs it", file=path, field=f"{where}.{key}")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # TikTok's research API writes ids as numbers
    if not isinstance(value, str):
        raise InputError(f"expected text, got {value!r}", file=path, field=f"{where}.{key}")
    return value


def optional_id(record: dict[str, Any], key: str, path: Path, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    return required_text(record, key, path, where)


def count(value: Any, path: Path, field: str) -> int | None:
    """A metric as the APIs write it: a number, or a string of digits (YouTube); absent is
    unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(f"expected a count, got {value!r}", file=path, field=field)
    if isinstance(value, int):
        number = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and value.strip().isdigit()
    ):
        number = int(value)
    else:
        raise InputError(f"expected a whole number, got {value!r}", file=path, field=field)
    if number < 0:
        raise InputError(f"is negative ({number}); counts cannot be", file=path, field=field)
    return number
