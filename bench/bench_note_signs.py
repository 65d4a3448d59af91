"""Reading a week of journal notes for signs: the old word rule alone (the baseline) against
the word rule plus the describe engine's red flags, read cold (each text new) and warm (the
memo in front of the engine: status, check and pages read the same notes again).

Run: ``.venv/bin/python -m bench.bench_note_signs``. Prints times and ratios against the
baseline measured in the same run; it asserts nothing about time.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bench.timing import median_time
from sciatica_coach.coach.journal_signs import sign_rules
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.logged_signs import LoggedEntry, SignRules, signs_since

NOTES = 42  # six a day for a week
SAID = [
    "Walked the dog for twenty minutes and the back of my left thigh was tight after.",
    "Sat too long at work; burning down the outside of the right leg to the ankle.",
    "no numbness, bladder fine, just the usual ache in my bum cheek",
    "my mum had cancer so I worry, but the pain is the same as last week",
    "can't feel the toilet paper when I wipe, not sure if that is new",
    "pins and needles in my left foot in the evening, better after a stretch",
    "slept badly, constant pain at night whatever position I try",
]


def week_of_notes(seed: int = 7) -> list[LoggedEntry]:
    rng = random.Random(seed)
    start = datetime(2026, 12, 1, 8, tzinfo=UTC)
    return [
        LoggedEntry(
            start + timedelta(hours=4 * i),
            "note",
            text=" ".join(rng.sample(SAID, 3)) + f" (day {i // 6 + 1})",
        )
        for i in range(NOTES)
    ]


def main() -> None:
    kb = default_knowledge_base()
    full = sign_rules(kb)
    words = SignRules(full.legs, full.saddle_area, full.note_words)
    entries = week_of_notes()
    since = entries[0].at
    chars = sum(len(e.text) for e in entries) // len(entries)
    baseline = median_time(7, lambda: signs_since(entries, words, since))
    cold_runs = iter(range(10**6))

    def cold() -> object:
        n = next(cold_runs)
        fresh = [LoggedEntry(e.at, e.kind, text=f"{e.text} #{n}") for e in entries]
        return signs_since(fresh, full, since)

    cold_time = median_time(7, cold)
    signs_since(entries, full, since)
    warm = median_time(7, lambda: signs_since(entries, full, since))
    print(f"{NOTES} notes of ~{chars} characters")
    print(f"baseline (word rule only):      {baseline * 1000:8.2f} ms")
    print(
        f"word rule + engine, cold:       {cold_time * 1000:8.2f} ms   ratio "
        f"{cold_time / baseline:7.1f}x   ({cold_time / NOTES * 1000:.2f} ms per note)"
    )
    print(f"word rule + engine, warm memo:  {warm * 1000:8.2f} ms   ratio {warm / baseline:7.1f}x")


if __name__ == "__main__":
    main()
