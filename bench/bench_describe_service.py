"""The describe service at its largest allowed text (issue 28: at most 5 s), against a plain
regex pass over the same text, and its refusal of a text over the limit.

Run: ``.venv/bin/python -m bench.bench_describe_service``. Prints each time, the baseline
measured in the same run and the ratio; it asserts nothing about time. Texts of exactly
:data:`DESCRIBE_LIMIT` characters: real descriptions run together (the evaluation set), and
shapes that are hard for a tokenizer or a fuzzy matcher (one long word, a word again and
again, single letters, typos only, hedges and denials only, made-up words never seen before).
Also ``POST /api/describe`` through the whole app (a test client, no network) against
``GET /api/health``.
"""

from __future__ import annotations

import functools
import random
import re
import string
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.timing import median_time
from sciatica_coach.coach.describe import DESCRIBE_LIMIT, describe_text
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase, default_knowledge_base

RUNS = 5
GOAL_SECONDS = 5.0
CASES = Path(__file__).resolve().parents[1] / "tests" / "describe" / "descriptions.yaml"
WORD = re.compile(r"\w+")


def at_limit(text: str) -> str:
    """``text`` repeated to exactly the limit, not ending in a space (which would not count)."""
    repeated = (text * (DESCRIBE_LIMIT // max(len(text), 1) + 1))[:DESCRIBE_LIMIT]
    return repeated[:-1] + "x" if repeated.endswith(" ") else repeated


def texts() -> dict[str, str]:
    real = " ".join(case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8")))
    return {
        "real descriptions run together": at_limit(real + " "),
        "one long word": at_limit("numbbuttockburningleftcalf"),
        "one word again and again": at_limit("left "),
        "single letters": at_limit("a b c d e f g h i j k l m "),
        "typos only": at_limit("rigth hammy numbess bum chek tinglin buring kalf "),
        "hedges and denials only": at_limit("not sure if no maybe I think never don't "),
        "no spaces, punctuation": at_limit("left,calf;burning.numb!wipe?"),
    }


def made_up(seed: int) -> str:
    """Words never seen before, of a description's lengths: the typo matcher's worst case
    (nothing cached; each word compared with the lexicon)."""
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < DESCRIBE_LIMIT:
        words.append("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))))
    return at_limit(" ".join(words))


def timed(label: str, work: Callable[[], object], baseline: float) -> float:
    seconds = median_time(RUNS, work)
    goal = "met" if seconds <= GOAL_SECONDS else "NOT MET"
    print(
        f"  {label:34} {seconds * 1000:9.2f} ms   ratio {seconds / baseline:9.1f}x"
        f"   (goal {GOAL_SECONDS:.0f} s: {goal})"
    )
    return seconds


def read(kb: KnowledgeBase, text: str) -> object:
    try:
        return describe_text(kb, text)
    except Invalid as problem:  # nothing recognisable is an answer too (422 / exit 2)
        return problem


def main() -> None:
    kb = default_knowledge_base()
    cold = median_time(1, lambda: read(kb, "burning in my left calf"))
    print(f"first call (builds the lexicon once): {cold * 1000:.1f} ms")
    print(f"describe_text at {DESCRIBE_LIMIT} characters, against a regex word pass:")
    slowest = 0.0
    for label, text in texts().items():
        assert len(text) == DESCRIBE_LIMIT, (label, len(text))
        baseline = median_time(RUNS, functools.partial(WORD.findall, text))
        slowest = max(slowest, timed(label, functools.partial(read, kb, text), baseline))
    unseen = iter(made_up(seed) for seed in range(RUNS))
    baseline = median_time(RUNS, functools.partial(WORD.findall, made_up(RUNS)))
    slowest = max(
        slowest,
        timed("made-up words, each run new (cold)", lambda: read(kb, next(unseen)), baseline),
    )
    huge = "burning left calf " * 50_000
    baseline = median_time(RUNS, lambda: len(huge.strip()))
    print(f"refusal of {len(huge):,} characters (checked before the engine):")
    timed("describe_text refuses it", lambda: read(kb, huge), baseline)
    print(f"slowest at the limit: {slowest * 1000:.1f} ms (goal {GOAL_SECONDS:.0f} s)")
    http(texts()["real descriptions run together"])


def http(text: str) -> None:
    from fastapi.testclient import TestClient

    from sciatica_coach.web import create_app

    folder = Path(tempfile.mkdtemp(prefix="sciatica-bench-describe-"))
    app = create_app(f"sqlite+pysqlite:///{folder / 'bench.sqlite3'}")
    token = "bench-token"
    client = TestClient(
        app,
        base_url="http://127.0.0.1:8000",
        headers={"X-CSRF-Token": token},
        cookies={"sciatica_csrf": token},
    )
    assert client.post("/api/describe", json={"text": text}).status_code == 200
    baseline = median_time(RUNS, lambda: client.get("/api/health"))
    print("through the app (test client), against GET /api/health:")
    timed(
        f"POST /api/describe, {len(text)} chars",
        lambda: client.post("/api/describe", json={"text": text}),
        baseline,
    )


if __name__ == "__main__":
    main()
