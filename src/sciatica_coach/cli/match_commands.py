"""``sciatica-coach match`` and ``map``: where it hurts, and the muscles that may be behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sciatica_coach.coach.maps import match_places
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.content.models import SIDES, Side
from sciatica_coach.domain.body_map import (
    BodyMapError,
    RegionKey,
    all_region_keys,
    parse_region_keys,
    place_label,
)
from sciatica_coach.domain.matching import MatchInputError, MatchResult, fit_words, match
from sciatica_coach.extras import MissingExtra, needed
from sciatica_coach.figures.body_pictures import body_picture

from . import render
from .files import write_private, write_private_bytes
from .journal_access import reported
from .output import EVERY_PLACE, fail, known, print_json, stdout

WhereOption = Annotated[
    str,
    typer.Option(
        "--where",
        help="Where it hurts: comma-separated side:region keys, e.g. "
        "left:buttock_center,left:thigh_posterior (midline: sacrum, coccyx).",
    ),
]
FeelsOption = Annotated[
    str,
    typer.Option(
        "--feels",
        help="What it feels like, comma-separated: "
        "ache, tight, sharp, burning, tingling, numbness, electric.",
    ),
]


def read_where(kb: KnowledgeBase, where: str) -> list[RegionKey]:
    """Parse ``--where``, or exit 2 naming every bad place (and where to see them all)."""
    try:
        keys = parse_region_keys(where.split(","), kb.regions)
    except BodyMapError as error:
        fail(f"{error}\n{EVERY_PLACE}")
    if not keys:
        fail("mark at least one place with --where, e.g. --where left:buttock_center")
    return keys


def run_match(kb: KnowledgeBase, keys: list[RegionKey], feels: str) -> MatchResult:
    try:
        return match(kb, keys, feels.split(","))
    except MatchInputError as error:
        fail(str(error))


def match_as_json(kb: KnowledgeBase, result: MatchResult) -> dict[str, Any]:
    matches = []
    for m in result.matches:
        muscle = kb.muscles[m.muscle_id]
        matches.append(
            {
                "muscle": m.muscle_id,
                "name": m.name,
                "side": m.side,
                "score": m.score,
                "covered": [str(c.key) for c in m.covered],
                "uncovered": [str(k) for k in m.uncovered],
                "zones": {str(c.key): c.zone for c in m.covered},
                "explanation": m.explanation,
                "trigger_points": [tp.where for tp in muscle.trigger_points],
                "technique": muscle.technique,
                "other_side": m.other_side,
            }
        )
    notes = [note.model_dump(mode="json") for note in result.notes]
    return {"matches": matches, "notes": notes}


def match_view(kb: KnowledgeBase, result: MatchResult, limit: int) -> RenderableType:
    parts: list[RenderableType] = []
    for rank, m in enumerate(result.matches[:limit], start=1):
        muscle = kb.muscles[m.muscle_id]
        body = Text(m.explanation + "\n")
        body.append("Where to find the spots: ", style="bold")
        body.append(" ".join(tp.where for tp in muscle.trigger_points))
        body.append(f"\nHow to release it: sciatica-coach muscle {m.muscle_id}", style="dim")
        title = Text(f"{rank}. {m.name} ({m.side})  fit {fit_words(m.score)}", style="bold")
        parts.append(Panel(body, title=title, title_align="left", border_style=render.ACCENT))
    hidden = len(result.matches) - limit
    if hidden > 0:
        words = "weaker match" if hidden == 1 else "weaker matches"
        parts.append(Text(f"{hidden} {words} not shown.", style="dim"))
    for note in result.notes:
        parts.append(Text(f"Note: {note.text}", style=render.CAUTION))
    return Group(*parts)


def match_command(
    where: WhereOption,
    feels: FeelsOption = "",
    top: Annotated[int, typer.Option(min=1, help="How many muscles to show.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Rank the muscles whose referred-pain patterns fit where you feel it, and say why."""
    kb = default_knowledge_base()
    read_where(kb, where)  # every bad key is named before anything else
    with reported("the body map"):
        result = match_places(kb, where.split(","), feels.split(",")).result
    if as_json:
        return print_json(kb, match_as_json(kb, result))
    stdout.print(match_view(kb, result, top))
    return None


def map_command(
    out: Annotated[
        str,
        typer.Option(
            "--out", help="Where to write it: a .svg or .png file, or - for SVG on standard output."
        ),
    ],
    where: WhereOption = "",
    muscle: Annotated[
        str | None, typer.Option(help="Also draw this muscle's trigger points and pattern.")
    ] = None,
    side: Annotated[
        str | None, typer.Option(help="The muscle's side: left or right (default: best fit).")
    ] = None,
) -> None:
    """Draw the body map (back and front) with your marked areas, as an SVG or PNG file."""
    kb = default_knowledge_base()
    keys = read_where(kb, where) if where.strip() else []
    muscle_id: str | None = None
    on: Side = "left"
    if muscle is not None:
        muscle_id = known(kb.muscles, muscle).id
        on = _muscle_side(kb, muscle, keys, side)
    svg = body_picture(kb, keys, muscle_id, on)
    if out == "-":
        typer.echo(svg, nl=not svg.endswith("\n"))
        return
    path = Path(out)
    if path.suffix.lower() == ".png":
        write_private_bytes(path, as_png(svg))
    elif path.suffix.lower() in (".svg", ""):
        write_private(path, svg)
    else:
        fail(f"--out must end in .svg or .png (or be - for standard output), not '{out}'")
    stdout.print(Text(f"Wrote {path}", style="green"))


def _muscle_side(
    kb: KnowledgeBase, muscle_id: str, keys: list[RegionKey], asked: str | None
) -> Side:
    """The side asked for, else the side where the muscle fits the marked map best."""
    for side in SIDES:
        if asked == side:
            return side
    if asked is not None:
        fail(f"--side must be left or right, not '{asked}'")
    ranked = (
        [m for m in run_match(kb, keys, "").matches if m.muscle_id == muscle_id] if keys else []
    )
    return ranked[0].side if ranked else "left"


def as_png(svg: str) -> bytes:
    """The picture as a PNG, drawn by CairoSVG (it needs the Cairo library, libcairo2)."""
    try:
        with needed("png"):
            import cairosvg  # late: only for a PNG
    except MissingExtra as error:
        fail(str(error))
    except (ImportError, OSError) as error:
        fail(
            f"a PNG needs the Cairo library, which could not be loaded ({error}). Write an "
            ".svg instead, or install libcairo2 (Debian, Ubuntu: apt install libcairo2).",
            1,
        )
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=1040)
    return png


def regions_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Every place on the body map, as --where takes it, with its name (back, then front)."""
    kb = default_knowledge_base()
    keys = all_region_keys(kb.regions)
    if as_json:
        print_json(kb, [
            {"key": str(k), "name": place_label(kb.regions, str(k)),
             "view": kb.regions[k.region].view}
            for k in keys
        ])  # fmt: skip
        return
    for view in ("back", "front"):
        here = [k for k in keys if kb.regions[k.region].view == view]
        table = Table(box=None, title=f"Seen from the {view}", title_justify="left", pad_edge=False)
        table.add_column("--where", style=f"bold {render.ACCENT}", no_wrap=True)
        table.add_column("the place")
        for key in here:
            table.add_row(str(key), place_label(kb.regions, str(key)))
        stdout.print(table)
        stdout.print()
    stdout.print(
        Text(
            "Any case, hyphens or spaces work: left:buttock-centre is left:buttock_center. "
            "Your own left and right.",
            style="dim",
        )
    )


def register(app: typer.Typer) -> None:
    app.command("match")(match_command)
    app.command("map")(map_command)
    app.command("regions")(regions_command)
