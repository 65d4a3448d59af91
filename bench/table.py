"""A row of ``make bench``'s table: a measure, the project's figure, its baseline, the goal."""

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
