"""Several workers must not bring Nagle's delay back: the connections they accept have
TCP_NODELAY, like those of one worker."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from socialaudit.api.serving import tcp_listener


def nodelay_of_accepted(listener: socket.socket) -> tuple[int, int]:
    """Serve `listener` with asyncio as a uvicorn worker does; the protocol number and the
    TCP_NODELAY option of the connection it accepts."""
    seen: list[tuple[int, int]] = []

    class Report(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append((sock.proto, sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
            transport.close()

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Report, sock=listener)
        port = listener.getsockname()[1]
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while not seen:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    return seen[0]


def test_connections_accepted_on_the_workers_socket_have_nodelay() -> None:
    config = uvicorn.Config("socialaudit.api.app:create_app_from_environment", port=0, workers=2)
    listener = tcp_listener(config)
    assert listener.proto == socket.IPPROTO_TCP
    assert listener.get_inheritable()
    assert nodelay_of_accepted(listener) == (socket.IPPROTO_TCP, 1)


def test_a_unix_socket_is_left_as_it_is(tmp_path: Path) -> None:
    path = f"{tmp_path}/served.sock"
    config = uvicorn.Config("socialaudit.api.app:create_app_from_environment", uds=path)
    listener = tcp_listener(config)
    try:
        assert listener.family == socket.AF_UNIX
        assert listener.proto == 0
    finally:
        listener.close()


def test_serve_with_two_workers_answers_on_one_keep_alive_connection(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    assert executable
    env = {**os.environ, "SOCIALAUDIT_DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}"}
    process = subprocess.Popen(
        [executable, "serve", "--dev", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    first = client.get("/healthz")
                    break
                except httpx.TransportError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"serve --workers 2 did not start ({process.poll()})")
                    time.sleep(0.2)
            second = client.get("/healthz")
        assert first.status_code == second.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
