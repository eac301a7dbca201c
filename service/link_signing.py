"""Share link tokens: the link's id, its assessment and its expiry, signed by itsdangerous
(HMAC-SHA256 over the payload, keyed by the secret and a salt of its own).

The signature is checked before anything else, so a forged or tampered token costs no database
lookup; the link's row, found by the id the signature vouches for, then decides whether it is
still live (revoked, expired) and must name the same assessment as the token. The secret is
`SOCIALAUDIT_SECRET_KEY`; when the deployment sets none, one is made on first use and kept in
the database (`service_secrets`), so the workers of one service and an embedded or development
server agree without configuration. A changed secret stops every link signed with the old one:
they answer NOT_FOUND and the agency makes new ones (docs/report.md, "Key rotation").
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Engine

from socialaudit.service.storage.report_rows import ReportLinkRecord, stored_secret

STORED_SECRET = "report-links"
SALT = "socialaudit.report-link"  # the secret signs nothing else under this salt
LINK_PREFIX = "sr_"  # tells a secret scanner (and a reader) what the token is
MAX_TOKEN = 400  # a signed token is about 190 characters; anything far longer is not one


@dataclass(frozen=True)
class SignedLink:
    """What a valid token says, which the stored link must confirm."""

    link_id: str
    assessment_id: str
    expires_at: datetime


class LinkSigner:
    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeSerializer(
            secret, salt=SALT, signer_kwargs={"digest_method": hashlib.sha256}
        )
        self.key_id = hmac.new(secret.encode(), b"socialaudit.key-id", "sha256").hexdigest()[:16]
        """Names the secret in a link's row without revealing it."""

    def sign(self, link: ReportLinkRecord) -> str:
        payload = [link.id, link.assessment_id, int(link.expires_at.timestamp())]
        return LINK_PREFIX + self._serializer.dumps(payload)

    def verify(self, token: str) -> SignedLink | None:
        """The token's payload when this secret signed it, else None."""
        if not token.startswith(LINK_PREFIX) or len(token) > MAX_TOKEN:
            return None
        try:
            payload = self._serializer.loads(token[len(LINK_PREFIX) :])
        except BadSignature:
            return None
        match payload:
            case [str(link_id), str(assessment_id), int(expires)]:
                return SignedLink(link_id, assessment_id, datetime.fromtimestamp(expires, UTC))
        return None  # signed by us, so never expected; refused all the same


def link_signer(engine: Engine, configured: str | None) -> LinkSigner:
    """The signer of the configured secret, else of the one stored in the database."""
    secret = configured or stored_secret(engine, STORED_SECRET, lambda: secrets.token_urlsafe(32))
    return LinkSigner(secret)
