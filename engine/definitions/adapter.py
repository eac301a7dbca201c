"""Channel adapters: turn what a platform gives (API responses, export files) into columns."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from socialaudit.engine.model.channel_data import ChannelDataPart
from socialaudit.engine.model.profile import ChannelProfile


@dataclass(frozen=True)
class FileSample:
    """The start of a file, for format detection without reading it all.

    `text` is the head decoded leniently (BOM stripped); `head` the raw bytes.
    """

    path: Path
    head: bytes
    text: str

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0].strip("\r")


@dataclass(frozen=True)
class ReadOptions:
    """What an adapter needs to know besides the file: whose channel it is and which zone
    times written without an offset are in."""

    channel: ChannelProfile
    timezone: str


class ChannelAdapter(ABC):
    """Reads one file of one format.

    Subclass it, set the class attributes, and return instances from the
    ``socialaudit_channel_adapters`` hook. `read` raises `engine.errors.InputError` naming the
    file, line or JSON path and field for anything malformed; it must not return half a file.
    """

    name: str
    """Stable format name, used as ``format = "..."`` in `organisation.toml`."""
    platforms: tuple[str, ...] = ()
    """Platforms this format belongs to; empty means any platform."""
    title: str = ""
    how_to_obtain: str = ""
    """Which API call or export button produces the file, for the README and the catalogue."""
    header: tuple[str, ...] = ()
    """For a CSV format: the column names (lowercase) it requires, so that a file matching no
    format is told which columns the nearest formats expect."""

    @abstractmethod
    def detect(self, sample: FileSample) -> bool:
        """True when the file is unambiguously in this format."""

    @abstractmethod
    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        """Read the whole file into a `ChannelDataPart`."""
