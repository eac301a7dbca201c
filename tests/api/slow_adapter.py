"""A test plugin: an adapter that holds the interpreter lock for as long as the test says.

The file names two paths: the adapter writes its process id to the first when it starts, then
runs a backtracking regular expression (the `re` engine keeps the interpreter lock while it
matches) again and again until the second exists. In a thread of the server that stalls
everything else in the process; in a worker process nothing else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from socialaudit.plugin import ChannelAdapter, ChannelDataPart, FileSample, ReadOptions, hookimpl

NAME = "slow-test"
_BACKTRACKING = re.compile(r"(a+)+b")


class SlowAdapter(ChannelAdapter):
    name = NAME
    title = "Holds the interpreter lock until told to stop (tests only)"

    def detect(self, sample: FileSample) -> bool:
        return False  # chosen only by name

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        started, stop = path.read_text().split()
        Path(started).write_text(str(os.getpid()))
        while not Path(stop).exists():
            _BACKTRACKING.fullmatch("a" * 20)
        return ChannelDataPart(source=str(path), format=NAME)


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [SlowAdapter()]
