"""Check tests/describe/descriptions.yaml against the app's content.

A plain script (not collected by pytest). Run from the repository root:

    PYTHONPATH=src python tests/describe/check_descriptions.py
    PYTHONPATH=src python tests/describe/check_descriptions.py tests/describe/heldout.yaml

Checks: every place, feeling and question id exists; answers are yes/not_sure; flags and
denials do not overlap; at least 70 descriptions (40 for another file) and at least 15 with a
red flag. Another file must not repeat a text of descriptions.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "src" / "sciatica_coach" / "content"
HERE = Path(__file__).resolve().parent

# The map's feelings live in code, not in content YAML (domain/matching.py FEELINGS).
sys.path.insert(0, str(ROOT / "src"))
try:
    from sciatica_coach.domain.matching import FEELINGS
except Exception:  # pragma: no cover - fall back to the list as of this commit
    FEELINGS = ("ache", "tight", "sharp", "burning", "tingling", "numbness", "electric")

# Red flags for the 100 % recall rule: every emergency or urgent question, plus the classic
# red flags the app asks at a lower level.
EXTRA_RED_FLAGS = {"cancer_history", "night_pain_constant"}
FIELDS = {"text", "places", "unsided", "also_ok", "feels", "flags", "denied", "note"}


def main(argv: list[str]) -> int:
    path = Path(argv[0]).resolve() if argv else HERE / "descriptions.yaml"
    default = path == HERE / "descriptions.yaml"
    minimum = 70 if default else 40
    regions = yaml.safe_load((CONTENT / "regions.yaml").read_text())
    keys: set[str] = set()
    sided: set[str] = set()
    for r in regions:
        if r.get("sided"):
            sided.add(r["id"])
            keys |= {f"left:{r['id']}", f"right:{r['id']}"}
        else:
            keys.add(f"midline:{r['id']}")
    screening = yaml.safe_load((CONTENT / "screening.yaml").read_text())
    questions = {q["id"]: q for q in screening["questions"] if q["kind"] == "yes_no"}
    red = {
        qid for qid, q in questions.items() if q["rule"]["level"] in ("emergency", "urgent")
    } | EXTRA_RED_FLAGS

    items = yaml.safe_load(path.read_text())
    errors: list[str] = []
    if not default:
        main_texts = {
            d["text"].lower() for d in yaml.safe_load((HERE / "descriptions.yaml").read_text())
        }
        for d in items:
            if d.get("text", "").lower() in main_texts:
                errors.append(f"{d['text'][:40]!r}: also in descriptions.yaml")
    n_red = 0
    texts: set[str] = set()
    for i, d in enumerate(items, 1):
        where = f"#{i} {d.get('text', '')[:40]!r}"
        if set(d) - FIELDS:
            errors.append(f"{where}: unknown fields {sorted(set(d) - FIELDS)}")
        for f in ("text", "places", "feels", "flags", "denied", "note"):
            if f not in d:
                errors.append(f"{where}: missing {f}")
        if d.get("text") in texts:
            errors.append(f"{where}: duplicate text")
        texts.add(d.get("text"))
        for k in list(d.get("places", [])) + list(d.get("also_ok", [])):
            if k not in keys:
                errors.append(f"{where}: unknown place {k}")
        if set(d.get("places", [])) & set(d.get("also_ok", [])):
            errors.append(f"{where}: a place is both required and optional")
        for r in d.get("unsided", []):
            if r not in sided:
                errors.append(f"{where}: unsided {r} is not a sided region")
        for f in d.get("feels", []):
            if f not in FEELINGS:
                errors.append(f"{where}: unknown feeling {f}")
        flagged = set()
        for fl in d.get("flags", []):
            if fl.get("question") not in questions:
                errors.append(f"{where}: unknown question {fl.get('question')}")
            if fl.get("answer") not in ("yes", "not_sure"):
                errors.append(f"{where}: answer must be yes or not_sure: {fl}")
            flagged.add(fl.get("question"))
        for q in d.get("denied", []):
            if q not in questions:
                errors.append(f"{where}: unknown denied question {q}")
        if flagged & set(d.get("denied", [])):
            errors.append(f"{where}: flagged and denied: {flagged & set(d['denied'])}")
        if flagged & red:
            n_red += 1
    if len(items) < minimum:
        errors.append(f"only {len(items)} descriptions (need {minimum})")
    if n_red < 15:
        errors.append(f"only {n_red} descriptions with a red flag (need 15)")
    for e in errors:
        print("ERROR", e)
    used = {fl["question"] for d in items for fl in d["flags"]}
    print(
        f"{len(items)} descriptions, {n_red} with a red flag, "
        f"{len(used)} questions used; red flags: {sorted(red)}"
    )
    print("red-flag questions never used:", sorted(red - used))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
