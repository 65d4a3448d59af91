"""What a person sees who opens the app at a name it does not answer to (web review, major 5):
a page that says where it does answer, and how a phone at home gets an address it can use,
rather than a line of JSON. The guard sends it before the app is reached, so it stands alone:
no script, no file from elsewhere, nothing from the journal.
"""

from __future__ import annotations

import html

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not at this address - Sciatica Coach</title>
<style>
body {{ font: 1.1rem/1.5 system-ui, sans-serif; color: #1d1d1d; background: #fff;
  margin: 0 auto; padding: .5rem 1.2rem 2rem; max-width: 38rem; }}
h1 {{ font-size: 1.5rem; line-height: 1.25; }}
h2 {{ font-size: 1.2rem; line-height: 1.3; margin-top: 1.6rem; }}
a {{ color: #0b4f8a; }}
li a {{ display: inline-block; padding: .6rem 0; }}
.command {{ font: .85rem/1.4 ui-monospace, monospace; background: #f6f3ef; padding: .5rem .7rem;
  white-space: nowrap; overflow-x: auto; }}
</style></head><body><main>
<h1>Sciatica Coach is not at this address</h1>
<p>You opened it as <strong>{asked}</strong>, a name it does not answer to. It keeps to its
own addresses so that other websites cannot reach your journal.</p>
{where}
<h2>Using a phone at home?</h2>
<p>On the computer, stop the app and start it with:</p>
<p class="command">sciatica-coach serve --lan --accounts</p>
<p>It prints the address to open on the phone, with a QR code to scan.</p>
<p>If you run the app on a server under its own name, add that name to
<code>SCIATICA_COACH_ALLOWED_HOSTS</code>.</p>
</main></body></html>
"""


def wrong_host_page(asked: str, scheme: str, names: list[str]) -> str:
    """The page for a request sent to ``asked``; ``names`` are the ones answered, each
    offered as a link (same scheme and port as asked) when another device can use it."""
    port = asked.rpartition(":")[2] if not asked.endswith("]") else ""
    port = port if port.isascii() and port.isdigit() else ""
    reachable = [n for n in names if not _this_computer_only(n)]
    local = [n for n in names if _this_computer_only(n)]
    where = ""
    if reachable:
        shown = [n if _has_port(n) or not port else f"{n}:{port}" for n in reachable]
        links = "".join(
            f'<li><a href="{scheme}://{html.escape(n)}/">{html.escape(n)}</a></li>' for n in shown
        )
        where += f"<p>From another device, open:</p><ul>{links}</ul>"
    where += "<p>On this computer itself: " + ", ".join(html.escape(n) for n in local) + ".</p>"
    return PAGE.format(asked=html.escape(asked or "(no address)"), where=where)


def _this_computer_only(name: str) -> bool:
    return name in ("localhost", "[::1]") or name.startswith("127.")


def _has_port(name: str) -> bool:
    return not name.endswith("]") and name.rpartition(":")[2].isdigit()
