"""``describe`` on a 300-character description, against a plain regex pass over the same text.

Run: ``.venv/bin/python -m bench.bench_describe`` (``make bench`` runs it too). The baseline
is one compiled alternation of every phrase in the lexicon, run with ``findall`` over the same
text in the same process: the least a word list can do. Also the first-call cost: building the
lexicon from the loaded content (tries, fuzzy targets). Medians of many runs; nothing here
asserts on time.
"""

from __future__ import annotations

import re

from bench.table import Row, print_table
from bench.timing import median_time
from sciatica_coach.coach.describe import DESCRIBE_LIMIT, describe_text
from sciatica_coach.coach.describe_lexicon import lexicon
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.describe import build_lexicon, describe

TEXT = (
    "Rigth side: burning down the outside of my leg to the ankle since Tuesday, my bum cheek "
    "is sore and I think it feels numb when I wipe. No fever, bladder and bowels are normal. "
    "My mum had breast cancer. If it spreads to my foot I'll go in. Pins and needles in my "
    "toes, and my hammy is tight after football, not sure if it's weaker."
)
RUNS = 201


def rows() -> list[Row]:
    kb = default_knowledge_base()
    lex = lexicon(kb)
    sided = {r.id: r.sided for r in kb.regions.values()}
    text = TEXT[:300]
    phrases = sorted((p for p in lex.phrases if p.strip("*?")), key=len, reverse=True)
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(p).replace(r"\*", r"\w+") for p in phrases) + r")\b",
        re.IGNORECASE,
    )
    describe(text, lex)  # warm: the typo cache holds this text's words, as after a first call
    plain = median_time(RUNS, lambda: pattern.findall(text))
    ours = median_time(RUNS, lambda: describe(text, lex))
    build = median_time(7, lambda: build_lexicon(kb.describe, sided))
    first = median_time(7, lambda: describe(text, build_lexicon(kb.describe, sided)))

    def compile_regex() -> None:
        re.purge()  # or re's own cache answers
        re.compile(pattern.pattern, re.IGNORECASE)

    compile_ = median_time(7, compile_regex)
    longest = (TEXT * (DESCRIBE_LIMIT // len(TEXT) + 1))[:DESCRIBE_LIMIT]
    plain_long = median_time(21, lambda: pattern.findall(longest))
    most = median_time(21, lambda: describe_text(kb, longest))
    return [
        Row(f"describe {len(text)} characters (vs one regex pass)", ours, plain, "s", "<= 20 ms"),
        Row(f"describe_text {len(longest)} characters, the most", most, plain_long, "s", "<= 5 s"),
        Row("first call: build the lexicon (vs compiling the regex)", build, compile_, "s", "—"),
        Row("first call: build + describe (vs compiling the regex)", first, compile_, "s", "—"),
    ]


def main() -> None:
    print_table(rows())


if __name__ == "__main__":
    main()
