"""What the classifiers read: the words of a text, not its links, handles or tags.

A reply on X starts with the handles it answers (`@bakkerij_jan zijn jullie open?`); read as
is, the cues took every such question for a comment to a friend. A firm's domain or hashtag
holds words too (`www.order-direct.be`, `#salesday`): a cue that fires inside it calls an
informational post promotional. So both read the text without links and with every handle
written the same way; the cues also without a reply's leading handles, domains and hashtags.
"""

from __future__ import annotations

import polars as pl

URL = r"(?i)\b(?:https?://|www\.)\S+"
# a bare domain such as shop.bakkerij-jan.be/bestel: labels of letters, digits and hyphens
# ending in a common top-level domain, optionally with a path
DOMAIN = (
    r"(?i)\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|eu|be|nl|fr|lu|de|ch|uk|io|co|shop|store|info|biz|app|ai|online|site)"
    r"\b(?:/\S*)?"
)
EMAIL = r"(?i)\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
LEADING_HANDLES = r"^(?:\s*@[\w.]+[\s,:]*)+"
HANDLE = r"@[\w.]*\w"
HASHTAG = r"#\w+"


def for_model(text: pl.Expr) -> pl.Expr:
    """Without links or e-mail addresses, every handle written ``@user``: the model sees that
    a text addresses someone, not the words a handle happens to contain."""
    return (
        text.str.replace_all(URL, " ")
        .str.replace_all(EMAIL, " ")
        .str.replace_all(HANDLE, "@user")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def for_cues(text: pl.Expr) -> pl.Expr:
    """Words only: as `for_model`, without the handles a reply starts with (unless the text is
    nothing but handles: a friend tag), and with domains and hashtags blanked out."""
    words = for_model(text)
    without_leading = words.str.replace(LEADING_HANDLES, "")
    return (
        pl.when(without_leading.str.contains(r"[^\W_]"))
        .then(without_leading)
        .otherwise(words)
        .str.replace_all(DOMAIN, " ")
        .str.replace_all(HASHTAG, " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
