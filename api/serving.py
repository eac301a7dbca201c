"""Running the app under uvicorn, with several workers as fast per request as one.

With ``workers > 1`` uvicorn binds the listening socket itself and hands it to the workers,
created with the protocol left at 0. Accepted connections inherit that, and asyncio sets
``TCP_NODELAY`` only on sockets that say ``IPPROTO_TCP``; so Nagle's algorithm stays on and
every keep-alive response after the first waits for the client's delayed ACK, 40 ms on Linux
(Kludex/uvicorn#3149, open). One worker is unaffected: asyncio binds that socket from
``getaddrinfo``, which names the protocol.
"""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


def tcp_listener(config: uvicorn.Config) -> socket.socket:
    """`config.bind_socket()`, re-wrapped to say it is TCP when it is, so that the connections
    the workers accept get ``TCP_NODELAY``. The file descriptor stays the same."""
    sock = config.bind_socket()
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp


def run(app: str, *, workers: int, **options: Any) -> None:
    """`uvicorn.run(app, workers=workers, **options)`, with `tcp_listener` for several workers."""
    if workers == 1:
        uvicorn.run(app, **options)
        return
    config = uvicorn.Config(app, workers=workers, **options)
    Multiprocess(config, sockets=[tcp_listener(config)]).run()
