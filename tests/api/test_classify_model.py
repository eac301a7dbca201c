"""`classifyTexts` labels with the model where its package is installed (the default)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from socialaudit.engine.registry import build_registry
from tests.api.conftest import gql, make_app

CLASSIFY = """query($texts: [ClassifyTextInput!]!) { classifyTexts(texts: $texts) {
    text kind language label evidence } }"""


@pytest.fixture
async def model_client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    registry = build_registry()
    assert registry.classifier() is registry.classifiers["model"]
    app = make_app(database_url, registry)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield http
    app.state.engine.dispose()


@pytest.mark.anyio
async def test_classify_texts_uses_the_model(model_client: httpx.AsyncClient) -> None:
    texts = [
        {"text": "Nu 20% korting op alle taarten, bestel vandaag nog in onze webshop!"},
        {
            "text": "Mijn bestelling is al twee weken te laat en niemand antwoordt.",
            "kind": "COMMENT",
        },
        {"text": "@bakkerij_jan zijn jullie maandag open?", "kind": "COMMENT"},
    ]
    result = (await gql(model_client, CLASSIFY, {"texts": texts}))["classifyTexts"]
    assert [(r["language"], r["label"]) for r in result] == [
        ("nl", "PROMOTIONAL"),
        ("nl", "COMPLAINT"),
        ("nl", "QUESTION"),
    ]
    assert result[0]["evidence"]  # the cues of the model's label that match
