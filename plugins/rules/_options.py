"""Shared pieces of rule options."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Options(BaseModel):
    """Base of every rule's options: frozen, and a misspelt option is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)
