"""A tiny round-robin TCP proxy: one loopback address in front of several app servers.

Each new connection goes to the next server in turn and bytes are copied both ways; nothing
is parsed, so it stands in for nginx or a cloud load balancer in the load benchmark only.
It is the fallback (``save_latency.py --proxy python``): copying every byte through asyncio
takes about twice haproxy's CPU per save (0.39 ms against 0.18 ms in one run, connections
kept alive), so the run uses haproxy where it can be installed.

    .venv/bin/python benchmarks/web/proxy.py LISTEN_PORT SERVER_PORT [SERVER_PORT ...]
"""

from __future__ import annotations

import asyncio
import itertools
import sys


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def serve(listen: int, servers: list[int]) -> None:
    turn = itertools.cycle(servers)

    async def handle(client_reader: asyncio.StreamReader,
                     client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", next(turn))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(_pipe(client_reader, server_writer),
                             _pipe(server_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", listen, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), [int(port) for port in sys.argv[2:]]))
