"""The screening table from the issue, written independently of the content file.

If ``screening.yaml`` drifts from what the product promises, these rows catch it.
"""

from __future__ import annotations

# id -> (kind, level, restrictions it adds when triggered), in the order asked: topic by topic
# (every emergency sign first), then the questions the journal answers, then the history.
# Level "ok" is a part that counts only together with another (TOGETHER).
CALVES = frozenset({"avoid_region:left:calf_posterior", "avoid_region:right:calf_posterior"})
SPEC: dict[str, tuple[str, str, frozenset[str]]] = {
    # Your body since the pain began
    "saddle_numbness": ("yes_no", "emergency", frozenset()),
    "bladder_change": ("yes_no", "emergency", frozenset()),
    "bowel_incontinence": ("yes_no", "emergency", frozenset()),
    "sexual_dysfunction_new": ("yes_no", "emergency", frozenset()),
    "both_legs": ("yes_no", "emergency", frozenset()),
    "weakness_progressing": ("yes_no", "emergency", frozenset()),
    "major_trauma": ("yes_no", "emergency", frozenset()),
    "sudden_severe_belly_or_back": ("yes_no", "emergency", frozenset()),
    "breathless_or_chest_pain": ("yes_no", "emergency", frozenset()),
    # Your legs and feet
    "weakness_new": ("yes_no", "urgent", frozenset()),
    "calf_swelling": ("yes_no", "urgent", frozenset()),
    "vein_sore_now": ("yes_no", "urgent", frozenset()),
    "numbness": ("yes_no", "see_professional", frozenset()),
    "weakness_long_standing": ("yes_no", "see_professional", frozenset()),
    "both_legs_long_standing": ("yes_no", "see_professional", frozenset()),
    # Your health and your pain lately
    "fever": ("yes_no", "urgent", frozenset()),
    "weight_loss_unexplained": ("yes_no", "urgent", frozenset()),
    "osteoporosis_fall": ("yes_no", "ok", frozenset()),
    "pain_worsening": ("yes_no", "see_professional", frozenset()),
    "symptoms_spreading": ("yes_no", "see_professional", frozenset()),
    "night_pain_constant": ("yes_no", "see_professional", frozenset()),
    "thoracic_pain": ("yes_no", "see_professional", frozenset()),
    "recent_surgery": ("yes_no", "see_professional", frozenset()),
    "spine_procedure": ("yes_no", "see_professional", frozenset()),
    # Your pain today
    "pain_now": ("scale", "not_today", frozenset()),
    "flare": ("yes_no", "not_today", frozenset()),
    # Your skin and muscles
    "skin_problem_areas": ("regions", "caution", frozenset()),
    "recent_strain": ("regions", "caution", frozenset()),
    # From the journal
    "sessions_today": ("count", "not_today", frozenset()),
    "weeks_with_pain": ("count", "caution", frozenset()),
    # The health history
    "cancer_history": ("yes_no", "see_professional", frozenset()),
    "infection_risk": ("yes_no", "see_professional", frozenset()),
    "injects_drugs": ("yes_no", "see_professional", frozenset()),
    "pregnant": ("yes_no", "see_professional", frozenset()),
    "recent_childbirth": ("yes_no", "see_professional", frozenset()),
    "age_under_18": ("yes_no", "see_professional", frozenset()),
    "age_over_50_new_pain": ("yes_no", "see_professional", frozenset()),
    "age_65_or_over": ("yes_no", "ok", frozenset()),
    "inflammatory_pattern": ("yes_no", "ok", frozenset()),
    "back_pain_before_45": ("yes_no", "ok", frozenset()),
    "known_condition": ("yes_no", "caution", frozenset()),
    "cant_find_points": ("yes_no", "caution", frozenset()),
    "anticoagulants": (
        "yes_no",
        "caution",
        frozenset({"no_massage_gun", "no_hard_ball", "light_pressure_only", "no_belly_pressure"}),
    ),
    "osteoporosis": ("yes_no", "caution", frozenset({"no_massage_gun", "no_hard_ball_near_bone"})),
    "long_term_steroids": (
        "yes_no",
        "caution",
        frozenset({"no_massage_gun", "no_hard_ball_near_bone"}),
    ),
    "clot_history": (
        "yes_no",
        "caution",
        frozenset({"no_massage_gun", "light_pressure_only"}) | CALVES,
    ),
    "varicose_veins": ("yes_no", "caution", CALVES),
    "hip_replacement": ("yes_no", "caution", frozenset({"hip_precautions"})),
    "implanted_device": ("yes_no", "caution", frozenset({"no_massage_gun"})),
    "reduced_sensation": (
        "yes_no",
        "caution",
        frozenset({"no_heat", "light_pressure_only", "no_massage_gun"}),
    ),
    "device_areas": ("regions", "caution", frozenset()),
}

# Signs that are more serious together (Finucane et al. 2020), each part its own question:
# question -> [(any of these, the level the question's reason is raised to)].
TOGETHER: dict[str, list[tuple[frozenset[str], str]]] = {
    "osteoporosis_fall": [
        (frozenset({"osteoporosis", "long_term_steroids", "age_65_or_over"}), "urgent")
    ],
    "infection_risk": [(frozenset({"fever", "symptoms_spreading", "pain_worsening"}), "urgent")],
    "injects_drugs": [(frozenset({"fever", "symptoms_spreading", "pain_worsening"}), "urgent")],
    "spine_procedure": [(frozenset({"fever", "symptoms_spreading", "pain_worsening"}), "urgent")],
    "cancer_history": [
        (
            frozenset(
                {
                    "weight_loss_unexplained",
                    "night_pain_constant",
                    "thoracic_pain",
                    "numbness",
                    "weakness_new",
                    "symptoms_spreading",
                }
            ),
            "urgent",
        )
    ],
    "inflammatory_pattern": [(frozenset({"back_pain_before_45"}), "see_professional")],
}

# The first value that triggers each numeric rule, and the last that does not.
THRESHOLDS = {"pain_now": (8, 7), "sessions_today": (2, 1), "weeks_with_pain": (6, 5)}

BLOCKING = {"emergency", "urgent", "see_professional", "not_today"}
ORDER = ["ok", "caution", "not_today", "see_professional", "urgent", "emergency"]
MINOR = {
    "cant_find_points",
    "flare",
    "varicose_veins",
    "hip_replacement",
    "osteoporosis",
    "long_term_steroids",
    *(q for q, (_, level, _) in SPEC.items() if level == "ok"),
}
"""Questions whose "not sure" counts as yes, the proportionate answer: trouble finding the
spots, a flare, the calves and hip stretches left out, and the parts of a together rule
(thin bones and steroid tablets are also parts of the fracture rule)."""


def expected_level(question_id: str, yes: set[str]) -> str:
    """The level a triggered question reaches given the other questions that triggered,
    worked out here from SPEC and TOGETHER rather than by the engine ("ok": no reason)."""
    level = SPEC[question_id][1]
    for parts, raised in TOGETHER.get(question_id, []):
        if parts & yes and ORDER.index(raised) > ORDER.index(level):
            level = raised
    return level


def all_clear() -> dict[str, object]:
    """A complete answer set that triggers nothing."""
    answers: dict[str, object] = {}
    for question_id, (kind, _, _) in SPEC.items():
        if kind == "yes_no":
            answers[question_id] = False
        elif kind == "regions":
            answers[question_id] = []
        else:
            answers[question_id] = THRESHOLDS[question_id][1]
    return answers


def trigger_value(question_id: str) -> object:
    kind = SPEC[question_id][0]
    if kind == "yes_no":
        return True
    if kind == "regions":
        return ["left:buttock_center"]
    return THRESHOLDS[question_id][0]


EMERGENCY_FREE = frozenset(
    q for q, (kind, level, _) in SPEC.items() if kind == "yes_no" and level != "emergency"
)
"""The yes/no questions a result can be built on without an emergency ending the check."""
