"""A row of ``make bench``'s table (a measure, the project's figure, its baseline, the goal)
and the table printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    figure: float
    baseline: float
    unit: str
    goal: str
    higher_is_better: bool = False

    @property
    def ratio(self) -> float:
        if self.higher_is_better:
            return self.figure / self.baseline if self.baseline else 0.0
        return self.figure / self.baseline if self.baseline else float("inf")


def show(value: float, unit: str) -> str:
    if unit == "s":
        if value < 0.01:
            return f"{value * 1000:.2f} ms"
        return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "req/s":
        return f"{value:,.0f} req/s"
    return f"{value:,.0f} {unit}"


def print_table(rows: list[Row]) -> None:
    """The rows as a table: measure, figure, baseline, their ratio and the goal."""
    width = max(len(r.measure) for r in rows)
    print(f"{'measure':<{width}}  {'project':>12}  {'baseline':>12}  {'ratio':>8}  goal")
    for r in rows:
        print(
            f"{r.measure:<{width}}  {show(r.figure, r.unit):>12}  {show(r.baseline, r.unit):>12}"
            f"  {r.ratio:>7.2f}x  {r.goal}"
        )
