"""How long loading and validating the knowledge base takes, against parsing the YAML alone.

Run: ``.venv/bin/python -m bench.bench_content_load``. Prints ratios, never asserts on time:
loading happens once per process, and the ratio shows what validation costs over reading.
"""

from __future__ import annotations

import yaml

from bench.timing import median_time
from sciatica_coach.content.loader import CONTENT_DIR, load_knowledge_base


def parse_only() -> object:
    return [yaml.safe_load(p.read_text()) for p in sorted(CONTENT_DIR.glob("*.yaml"))]


def main() -> None:
    baseline = median_time(15, parse_only)
    full = median_time(15, load_knowledge_base)
    print(f"YAML parse only (baseline): {baseline * 1000:8.1f} ms")
    print(f"load + validate + refs:     {full * 1000:8.1f} ms   ratio {full / baseline:5.2f}x")


if __name__ == "__main__":
    main()
