"""``sciatica-coach serve``: the web app in your browser, on this computer only by default.

The web app uses the same journal as the terminal commands (or ``--database-url``), so a
session done in the browser counts toward the same daily limits as one done here. Nothing is
kept in a worker's memory, so ``--workers N`` runs N processes on one journal.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated

import typer

from sciatica_coach.coach.setup import URL_VARIABLE, StorageError, open_journal

from .output import fail, stdout

EXIT_STORAGE = 1
EXIT_CANNOT_RUN = 1


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on. 127.0.0.1 keeps it on this computer.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(help="Journal database URL (default: the same journal as the CLI)."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=32, help="Worker processes (they share the journal).")
    ] = 1,
) -> None:
    """Start the web app and print its address; open it in your browser. Ctrl+C stops it."""
    import uvicorn  # late: the other commands start faster without the web stack

    if not is_loopback(host):
        fail(
            f"will not listen on {host}: anyone who can reach that address could read and "
            "change your journal, and Sciatica Coach has no login yet. Use --host 127.0.0.1 "
            "(the default) to keep it on this computer."
        )
    if database_url:
        os.environ[URL_VARIABLE] = database_url  # every worker opens the same journal
    try:
        open_journal().latest_plan()  # migrate once, and fail here with a clear message
    except StorageError as error:
        fail(f"the journal could not be opened: {error}", EXIT_STORAGE)
    if not port_free(host, port):
        fail(
            f"port {port} on {host} is already in use; choose another with --port", EXIT_CANNOT_RUN
        )
    shown = f"[{host}]" if ":" in host else host
    stdout.print(
        f"Sciatica Coach is running at [bold]http://{shown}:{port}[/]  (press Ctrl+C to stop)",
        highlight=False,
    )
    uvicorn.run(
        "sciatica_coach.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.0/8, ::1 or localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
