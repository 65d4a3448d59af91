"""``sciatica-coach serve``: the web app in your browser, on this computer only by default.

The web app uses the same journal as the terminal commands (or ``--database-url``), so a
session done in the browser counts toward the same daily limits as one done here. Nothing is
kept in a worker's memory, so ``--workers N`` runs N processes on one journal.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated, Any

import typer

from sciatica_coach.coach.journal_health import is_damaged
from sciatica_coach.coach.owner import OWNER_ONLY_VARIABLE
from sciatica_coach.coach.setup import (
    ACCOUNTS_VARIABLE as ACCOUNTS,
)
from sciatica_coach.coach.setup import (
    ALLOWED_HOSTS_VARIABLE as ALLOWED_HOSTS,
)
from sciatica_coach.coach.setup import (
    SIGNUP_VARIABLE as SIGNUP,
)
from sciatica_coach.coach.setup import (
    URL_VARIABLE,
    StorageError,
    open_journal,
)

from . import journal_access
from .output import fail, stderr, stdout
from .proxies import proxy_options

EXIT_STORAGE = 1
EXIT_CANNOT_RUN = 1
SERVING_READ_ONLY = (
    "[bold yellow]Serving the damaged journal read-only:[/] every page will say so and how "
    "to recover it; reading works, but nothing new will be saved until it is recovered."
)


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
    accounts: Annotated[
        bool,
        typer.Option(
            "--accounts",
            envvar=ACCOUNTS,
            help="Every journal behind a sign-in (needed beyond this computer).",
        ),
    ] = False,
    no_signup: Annotated[
        bool,
        typer.Option(
            "--no-signup",
            help="Nobody makes their own account: you make them with 'users add NAME'.",
        ),
    ] = False,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            help="For phones at home: HTTPS (and plain http on --http-port) at this "
            "computer's home-network addresses.",
        ),
    ] = False,
    open_browser: Annotated[
        bool,
        typer.Option(
            "--open/--no-open",
            help="Open the browser on the app (without accounts: with this start's key).",
        ),
    ] = True,
    lan_address: Annotated[
        list[str] | None,
        typer.Option(help="With --lan: this address rather than the ones found (repeatable)."),
    ] = None,
    http_port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="With --lan: the plain-http port, for a phone that does not trust the "
            "certificate yet (default: --port + 1).",
        ),
    ] = None,
) -> None:
    """Start the web app and print its address; open it in your browser. Ctrl+C stops it."""
    import uvicorn  # late: the other commands start faster without the web stack

    if lan and not accounts:
        fail(
            "--lan lets other devices reach your journal, so it needs accounts: add "
            f"--accounts (or set {ACCOUNTS}=on) and make one with "
            "'sciatica-coach users add NAME'."
        )
    if lan and is_loopback(host):
        host = "0.0.0.0"  # the phone comes in on a home-network address
    if not is_loopback(host) and not accounts:
        fail(
            f"will not listen on {host} without accounts: anyone who can reach that address "
            "could read and change your journal. Use --host 127.0.0.1 (the default) to keep "
            "it on this computer, or turn accounts on with --accounts (or "
            f"{ACCOUNTS}=on) and make one with 'sciatica-coach users add NAME'."
        )
    if lan and workers > 1:
        fail(
            "--lan runs in one process, plenty for a home: leave out --workers (it is for "
            "a server with many people; see the README's hosted set-up)."
        )
    if http_port is not None and not lan:
        fail("--http-port is the plain-http fallback of --lan: use it with --lan")
    if no_signup and not accounts:
        fail("--no-signup closes sign-up for accounts: use it with --accounts")
    if no_signup:
        os.environ[SIGNUP] = "off"  # every worker, too
    if accounts:
        os.environ[ACCOUNTS] = "on"  # every worker, too
    if accounts and not lan:
        names = [os.environ.get(ALLOWED_HOSTS, ""), *reachable_names(host)]
        os.environ[ALLOWED_HOSTS] = ",".join(n for n in names if n)
    if database_url:
        os.environ[URL_VARIABLE] = database_url  # every worker opens the same journal
    try:
        open_journal().latest_plan()  # migrate once, and fail here with a clear message
    except StorageError as error:
        fail(f"the journal could not be opened: {error}", EXIT_STORAGE)
    opened = journal_access.journal()  # as every command opens it: with the daily backup
    if is_damaged(opened):  # the warning above says why and how to recover
        stderr.print(SERVING_READ_ONLY, highlight=False)
    if not port_free(host, port):
        fail(
            f"port {port} on {host} is already in use; choose another with --port", EXIT_CANNOT_RUN
        )
    if lan:
        plain = http_port or (port + 1 if port < 65535 else port - 1)
        if plain == port or not port_free(host, plain):
            fail(
                f"port {plain} on {host} (plain http, for phones) is already in use or the "
                "same as --port; choose another with --http-port",
                EXIT_CANNOT_RUN,
            )
        serve_over_https(lan_address, host, port, plain)
        return
    if not accounts:  # only whoever started it (the key in the address) gets in
        from .owner_address import open_when_ready, say_where, start_owner_only

        keyed, opener = start_owner_only(address(host, port))
        say_where(keyed, opener)
        if open_browser:
            open_when_ready(host, port, opener)
        run_app(uvicorn, host, port, workers)
        return
    os.environ.pop(OWNER_ONLY_VARIABLE, None)  # sign-in guards every journal instead
    stdout.print(
        f"Sciatica Coach is running at [bold]{address(host, port)}[/]  (press Ctrl+C to stop)",
        highlight=False,
    )
    if not is_loopback(host):
        others = [f"http://{bracketed(n)}:{port}" for n in reachable_names(host)]
        stdout.print(
            "Accounts are on: every journal needs a sign-in. Other devices can use "
            + (", ".join(others) or "this computer's address")
            + ". Serve it over HTTPS (a proxy in front; see the README) beyond a home network.",
            highlight=False,
        )
    run_app(uvicorn, host, port, workers)


def run_app(uvicorn: Any, host: str, port: int, workers: int) -> None:
    """Serve the app (each worker builds it from the environment set above)."""
    uvicorn.run(
        "sciatica_coach.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        **proxy_options(),
    )


def serve_over_https(given: list[str] | None, host: str, port: int, http_port: int) -> None:
    """``--lan``: certificates for the addresses found, each URL with a QR code, then HTTPS
    on ``port`` and plain http on ``http_port`` (the fallback until the phone trusts it)."""
    from . import serve_lan  # late: cryptography only when needed

    try:
        setup = serve_lan.prepare(given)
    except serve_lan.NoAddress as error:
        fail(str(error), EXIT_CANNOT_RUN)
    except OSError as error:
        fail(f"the certificates could not be made: {error}", EXIT_STORAGE)
    secure = serve_lan.urls(setup.addresses, port)
    for url in secure:
        stdout.print(f"On your phone, on the same network: [bold]{url}[/]", highlight=False)
        stdout.print(serve_lan.qr_code(url), markup=False, highlight=False)
    stdout.print(
        f"The first time, open {secure[0]}lan/trust on the phone: it shows how to trust "
        "this computer's certificate once.",
        highlight=False,
    )
    fallback = ", ".join(serve_lan.urls(setup.addresses, http_port, scheme="http"))
    stdout.print(
        f"Until then, {fallback} works too, with less: no install, no offline use, and the "
        "screen may turn off during a hold. (Ctrl+C stops it.)",
        highlight=False,
    )
    serve_lan.run_both(host, port, http_port, setup.files)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def address(host: str, port: int) -> str:
    """The address the server really listens on (0.0.0.0 and :: mean every address)."""
    return f"http://{bracketed(host)}:{port}"


def reachable_names(host: str) -> list[str]:
    """The names other devices may use to reach a server listening on ``host``: the host
    itself, or for every address (0.0.0.0, ::) this computer's name and its addresses."""
    if host not in ("0.0.0.0", "::"):
        return [host]
    name = socket.gethostname()
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
    except OSError:
        found = set()
    addresses = sorted(a for a in found if not ipaddress.ip_address(a.split("%")[0]).is_loopback)
    return [name, *addresses]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.0/8, ::1 or localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
