"""Labelling texts with the loaded content classifier, as `socialaudit classify` does, so a
frontend can show an agency why a post counts as promotional before it imports anything."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from graphql import GraphQLError

from socialaudit.schema.context import context_of

MAX_TEXTS = 1000


@strawberry.enum(description="What kind of text it is; each kind has its own labels.")
class TextKind(Enum):
    POST = strawberry.enum_value(
        "post", description="A post: promotional, informational or conversational."
    )
    COMMENT = strawberry.enum_value(
        "comment", description="An audience message: question, complaint, praise or other."
    )


@strawberry.enum(description="What a text does: a post's three labels, a message's four.")
class ContentLabel(Enum):
    PROMOTIONAL = strawberry.enum_value("promotional", description="Pushes an offer or a purchase.")
    INFORMATIONAL = strawberry.enum_value(
        "informational", description="Tips, news, behind the scenes, opening hours, vacancies."
    )
    CONVERSATIONAL = strawberry.enum_value(
        "conversational", description="Mainly invites dialogue: questions, polls, 'tell us'."
    )
    QUESTION = strawberry.enum_value(
        "question", description="Asks something the business should answer."
    )
    COMPLAINT = strawberry.enum_value(
        "complaint", description="A problem or dissatisfaction, polite or sarcastic included."
    )
    PRAISE = strawberry.enum_value("praise", description="Praise.")
    OTHER = strawberry.enum_value("other", description="Tagging a friend, emoji only, spam.")


@strawberry.input(description="One text to label.")
class ClassifyTextInput:
    text: str = strawberry.field(description="The text as published.")
    kind: TextKind = strawberry.field(default=TextKind.POST, description="Post or comment.")


@strawberry.type(description="The classifier's reading of one text.")
class TextClassification:
    text: str = strawberry.field(description="The text, as sent.")
    kind: TextKind = strawberry.field(description="Post or comment, as sent.")
    language: str = strawberry.field(
        description="ISO 639-1 code the classifier saw, or `unknown` for texts too short to tell."
    )
    label: ContentLabel = strawberry.field(description="The label it chose.")
    confidence: float = strawberry.field(description="How sure it is, 0 to 1.")
    evidence: list[str] = strawberry.field(description="The cues that decided.")


@strawberry.type
class ClassificationQueries:
    @strawberry.field(
        description=f"Label texts with the loaded classifier; at most {MAX_TEXTS} at a time."
    )
    def classify_texts(
        self,
        info: strawberry.Info,
        texts: Annotated[
            list[ClassifyTextInput], strawberry.argument(description="The texts, in order.")
        ],
    ) -> list[TextClassification]:
        if len(texts) > MAX_TEXTS:
            raise GraphQLError(
                f"{len(texts)} texts sent; at most {MAX_TEXTS} at a time",
                extensions={"code": "BAD_USER_INPUT"},
            )
        context = context_of(info)
        context.check_time()
        rows = context.service.classify([(t.text, t.kind.value) for t in texts])
        if rows is None:
            raise GraphQLError(
                "no content classifier is loaded; the `plugins` query shows why",
                extensions={"code": "UNAVAILABLE"},
            )
        return [
            TextClassification(
                text=t.text,
                kind=t.kind,
                language=row["language"],
                label=ContentLabel(row["label"]),
                confidence=row["confidence"],
                evidence=row["evidence"],
            )
            for t, row in zip(texts, rows, strict=True)
        ]
