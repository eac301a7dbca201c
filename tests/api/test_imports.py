"""Importing channel data: inline and uploaded, through the adapters, idempotent, and all or
nothing."""

from __future__ import annotations

import json

import httpx
import orjson
import pytest

from socialaudit.service.storage.repository import Repository
from tests.api.conftest import (
    IMPORT,
    create_bakery,
    example_file,
    gql,
    import_inline,
    stored_frames,
)

pytestmark = pytest.mark.anyio

COUNTS = """query($id: ID!) { node(id: $id) { ... on Channel {
    postCount interactionCount imports { filename format posts } } } }"""
HEADER = "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"


async def test_inline_import_goes_through_the_adapter(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    posts = example_file("facebook", "posts.csv")
    payload = await import_inline(client, channel_id, posts)
    assert payload["userErrors"] == []
    assert payload["duplicate"] is False
    assert payload["channelImport"]["format"] == "generic-posts-csv"
    rows = payload["channelImport"]["posts"]
    assert rows > 10
    assert payload["channel"] == {"postCount": rows, "interactionCount": 0, "messagesKnown": False}

    interactions = await import_inline(
        client, channel_id, example_file("facebook", "interactions.csv"), "interactions.csv"
    )
    assert interactions["userErrors"] == []
    assert interactions["channelImport"]["format"] == "generic-interactions-csv"
    assert interactions["channel"]["messagesKnown"] is True
    assert interactions["channel"]["interactionCount"] > 0


async def test_the_same_file_twice_changes_nothing(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    posts = example_file("facebook", "posts.csv")
    first = await import_inline(client, channel_id, posts)
    second = await import_inline(client, channel_id, posts)
    assert first["duplicate"] is False
    assert second["duplicate"] is True
    assert second["channelImport"]["id"] == first["channelImport"]["id"]
    channel = (await gql(client, COUNTS, {"id": channel_id}))["node"]
    assert channel["postCount"] == first["channelImport"]["posts"]
    assert len(channel["imports"]) == 1


async def test_overlapping_files_upsert_rows_and_keep_known_metrics(
    client: httpx.AsyncClient,
) -> None:
    """A second export with the same post updates it instead of adding a row, and an empty
    cell (unknown) does not erase a figure an earlier file had."""
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    await import_inline(
        client, channel_id, HEADER + "p1,2024-05-01T10:00:00Z,hi,image,100,80,5,1,0,2\n"
    )
    later = HEADER + (
        "p1,2024-05-01T10:00:00Z,hi,image,,90,7,1,0,2\n"
        "p2,2024-05-02T10:00:00Z,yo,video,50,40,1,0,0,0\n"
    )
    payload = await import_inline(client, channel_id, later, "posts-june.csv")
    assert payload["duplicate"] is False
    assert payload["channel"]["postCount"] == 2
    app = client._transport.app  # type: ignore[attr-defined]
    posts, _ = stored_frames(app, channel_id)
    p1 = posts.filter(posts["id"] == "p1").row(0, named=True)
    assert p1["impressions"] == 100  # unknown in the later file: the earlier figure stays
    assert (p1["reach"], p1["reactions"]) == (90, 7)  # known in the later file: updated
    assert str(p1["created_at"].tzinfo) == "UTC"


async def test_a_malformed_file_leaves_nothing_behind(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    good = "p1,2024-05-01T10:00:00Z,hi,image,100,80,5,1,0,2\n"
    bad = "p2,yesterday,yo,video,50,40,1,0,0,0\n"
    payload = await import_inline(client, channel_id, HEADER + good + bad)
    assert payload["channelImport"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "MALFORMED_FILE"
    assert error["field"] == ["input", "content"]
    assert "line 3" in error["message"] and "created_at" in error["message"]
    assert "/tmp" not in error["message"]  # the temporary path is not the user's business
    channel = (await gql(client, COUNTS, {"id": channel_id}))["node"]
    assert channel == {"postCount": 0, "interactionCount": 0, "imports": []}


async def test_a_failing_write_rolls_back_the_whole_import(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Posts are written before the import record; when that record cannot be written, the
    posts go too."""
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Repository, "insert_import", broken)
    content = HEADER + "p1,2024-05-01T10:00:00Z,hi,image,1,1,1,1,1,1\n"
    response = await client.post(
        "/graphql",
        json={
            "query": IMPORT,
            "variables": {"input": {"channelId": channel_id, "content": content}},
        },
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "disk full" not in response.text
    app = client._transport.app  # type: ignore[attr-defined]
    posts, _ = stored_frames(app, channel_id)
    assert posts.height == 0


async def test_unrecognised_unknown_and_missing_files(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    payload = await import_inline(client, channel_id, "just,some\ncolumns,here\n", "x.csv")
    assert payload["userErrors"][0]["code"] == "FORMAT_NOT_RECOGNISED"
    data = await gql(
        client,
        IMPORT,
        {"input": {"channelId": channel_id, "content": "a", "format": "no-such-format"}},
    )
    [error] = data["importChannelData"]["userErrors"]
    assert (error["field"], error["code"]) == (["input", "format"], "UNKNOWN_FORMAT")
    assert "generic-posts-csv" in error["message"]
    missing = await gql(client, IMPORT, {"input": {"channelId": channel_id}})
    assert missing["importChannelData"]["userErrors"][0]["code"] == "FILE_MISSING"
    nowhere = await gql(
        client, IMPORT, {"input": {"channelId": organisation["id"], "content": "a"}}
    )
    assert nowhere["importChannelData"]["userErrors"][0] == {
        "field": ["input", "channelId"],
        "code": "NOT_FOUND",
        "message": "no Channel has this id",
    }


def multipart(channel_id: str, content: bytes, name: str = "posts.csv") -> dict[str, object]:
    operations = {"query": IMPORT, "variables": {"input": {"channelId": channel_id, "file": None}}}
    return {
        "data": {
            "operations": orjson.dumps(operations).decode(),
            "map": orjson.dumps({"0": ["variables.input.file"]}).decode(),
        },
        "files": {"0": (name, content, "text/csv")},
    }


async def test_upload_by_the_multipart_request_spec(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][1]["id"]
    content = example_file("instagram", "posts.csv").encode()
    response = await client.post(
        "/graphql", headers={"GraphQL-Preflight": "1"}, **multipart(channel_id, content)
    )
    body = response.json()
    assert response.status_code == 200, body
    payload = body["data"]["importChannelData"]
    assert payload["userErrors"] == []
    assert payload["channelImport"]["filename"] == "posts.csv"
    assert payload["channelImport"]["posts"] > 10
    again = await client.post(
        "/graphql", headers={"GraphQL-Preflight": "1"}, **multipart(channel_id, content)
    )
    assert again.json()["data"]["importChannelData"]["duplicate"] is True


async def test_multipart_without_a_preflight_header_is_refused(client: httpx.AsyncClient) -> None:
    """A cross-site form post cannot set a custom header; without one nothing is imported."""
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    response = await client.post(
        "/graphql", **multipart(channel_id, example_file("facebook", "posts.csv").encode())
    )
    assert response.status_code == 400
    assert "Preflight" in response.json()["errors"][0]["message"]
    channel = (await gql(client, COUNTS, {"id": channel_id}))["node"]
    assert channel["postCount"] == 0


async def test_form_encoded_and_plain_text_posts_are_refused(client: httpx.AsyncClient) -> None:
    form = await client.post("/graphql", data={"query": "{ __typename }"})
    assert form.status_code == 415
    text = await client.post(
        "/graphql", content=b'{"query": "{ __typename }"}', headers={"content-type": "text/plain"}
    )
    assert text.status_code == 415


async def test_an_incomplete_file_is_noted_on_the_import_and_in_the_assessment(
    client: httpx.AsyncClient,
) -> None:
    organisation = await create_bakery(client)
    facebook = organisation["channels"][0]["id"]
    graph = {
        "data": [
            {
                "id": "104830285112233_880012345678901",
                "created_time": "2024-03-05T09:12:44+0000",
                "message": "Verse croissants!",
                "permalink_url": "https://www.facebook.com/x",
                "comments": {
                    "data": [
                        {
                            "id": "c1",
                            "message": "Zijn jullie open op zondag?",
                            "created_time": "2024-03-05T10:00:00+0000",
                            "from": {"id": "42", "name": "Sofie"},
                            "comment_count": 0,  # replies were asked for: none yet
                        }
                    ],
                    "paging": {"next": "https://graph.facebook.com/v19.0/x/comments?after=Q"},
                },
            }
        ]
    }
    imported = await gql(
        client,
        """mutation($input: ImportChannelDataInput!) { importChannelData(input: $input) {
            channelImport { notes } userErrors { message } } }""",
        {
            "input": {
                "channelId": facebook,
                "content": json.dumps(graph),
                "filename": "page-posts.json",
            }
        },
    )
    [note] = imported["importChannelData"]["channelImport"]["notes"]
    assert note.startswith("Only the first page of comments is in the file for 1 comment list ")
    assessed = await gql(
        client,
        """mutation($id: ID!) { runAssessment(organizationId: $id, language: NL) { assessment {
            errors { kind source channel message } } } }""",
        {"id": organisation["id"]},
    )
    errors = assessed["runAssessment"]["assessment"]["errors"]
    [data_note] = [e for e in errors if e["kind"] == "DATA"]
    assert data_note["channel"] == "facebook" and data_note["source"] == "data"
    assert data_note["message"].startswith(
        "page-posts.json: Voor 1 reactielijst staat alleen de eerste pagina"
    )
