"""Automatic persisted queries, as Apollo Client's persisted-queries link and other clients send
them: a client sends only the SHA-256 of a query it sent before, and the full text once when
the server does not know it yet, so repeated queries cost a few bytes on the wire.

The texts are kept in a bounded, per-process LRU; a server that forgot one answers
`PersistedQueryNotFound` and the client sends the text again, as the protocol expects.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from socialaudit.api.gate import RequestError


class PersistedQueryNotFound(Exception):
    """The hash names no query this process knows; the client is to send the text."""

    message = "PersistedQueryNotFound"


class PersistedQueries:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._texts: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: Any, extensions: dict[str, Any] | None) -> Any:
        """The query text to run: `query` itself, or the text its hash names.

        Raises PersistedQueryNotFound for an unknown hash, RequestError for a malformed hash or
        a text that does not match it."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return query
        if not isinstance(persisted, dict):
            persisted = {}
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(digest, str) or len(digest) != 64:
            raise RequestError(
                400, "`extensions.persistedQuery` needs version 1 and a 64-character sha256Hash"
            )
        if query is None:
            text = self._texts.get(digest)
            if text is None:
                raise PersistedQueryNotFound
            self._texts.move_to_end(digest)
            return text
        if not isinstance(query, str) or hashlib.sha256(query.encode()).hexdigest() != digest:
            raise RequestError(400, "the persisted query's sha256Hash does not match `query`")
        self._texts[digest] = query
        self._texts.move_to_end(digest)
        if len(self._texts) > self.capacity:
            self._texts.popitem(last=False)
        return query
