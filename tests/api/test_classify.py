"""Labelling texts through the API, as `socialaudit classify` does on a CSV."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import gql

pytestmark = pytest.mark.anyio

CLASSIFY = """query($texts: [ClassifyTextInput!]!) { classifyTexts(texts: $texts) {
    text kind language label confidence evidence } }"""


async def test_posts_and_comments_keep_their_order_and_carry_evidence(
    client: httpx.AsyncClient,
) -> None:
    texts = [
        {"text": "Nu 20% korting op alle taarten, bestel vandaag nog in onze webshop!"},
        {
            "text": "Mijn bestelling is al twee weken te laat en niemand antwoordt.",
            "kind": "COMMENT",
        },
        {"text": "Which of our new flavours should we bake next? Tell us below!"},
        {"text": "Quels sont vos horaires d'ouverture samedi ?", "kind": "COMMENT"},
        {"text": "👍", "kind": "COMMENT"},
    ]
    result = (await gql(client, CLASSIFY, {"texts": texts}))["classifyTexts"]
    assert [r["text"] for r in result] == [t["text"] for t in texts]
    assert [(r["kind"], r["language"], r["label"]) for r in result] == [
        ("POST", "nl", "PROMOTIONAL"),
        ("COMMENT", "nl", "COMPLAINT"),
        ("POST", "en", "CONVERSATIONAL"),
        ("COMMENT", "fr", "QUESTION"),
        ("COMMENT", "unknown", "OTHER"),
    ]
    assert all(0 <= r["confidence"] <= 1 for r in result)
    assert result[0]["evidence"]  # the cues that made it promotional


async def test_too_many_texts_at_once_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": CLASSIFY, "variables": {"texts": [{"text": "hi"}] * 1001}},
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "1001" in error["message"]


def test_the_label_enum_is_the_engines_labels() -> None:
    from socialaudit.engine.definitions.classifier import MESSAGE_LABELS, POST_LABELS
    from socialaudit.schema.classification import ContentLabel

    assert [m.value for m in ContentLabel] == [*POST_LABELS, *MESSAGE_LABELS]
