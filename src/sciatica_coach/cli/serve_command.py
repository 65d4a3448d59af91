"""``sciatica-coach serve``: the web app in your browser, on this computer only by default.

The web app uses the same journal as the terminal commands (or ``--database-url``), so a
session done in the browser counts toward the same daily limits as one done here.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sciatica_coach.storage import StorageError

from .output import fail, stdout

EXIT_STORAGE = 1


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on. 127.0.0.1 keeps it on this computer.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(help="Journal database URL (default: the same journal as the CLI)."),
    ] = None,
) -> None:
    """Start the web app and print its address; open it in your browser. Ctrl+C stops it."""
    import uvicorn  # late: the other commands start faster without the web stack

    from sciatica_coach.web import create_app

    try:
        app = create_app(database_url)
    except StorageError as error:
        fail(f"the journal could not be opened: {error}", EXIT_STORAGE)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    stdout.print(
        f"Sciatica Coach is running at [bold]http://{shown}:{port}[/]  (press Ctrl+C to stop)",
        highlight=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
