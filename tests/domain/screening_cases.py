"""The screening table from the issue, written independently of the content file.

If ``screening.yaml`` drifts from what the product promises, these rows catch it.
"""

from __future__ import annotations

# id -> (kind, level, restrictions it adds when triggered)
SPEC: dict[str, tuple[str, str, frozenset[str]]] = {
    "saddle_numbness": ("yes_no", "emergency", frozenset()),
    "bladder_change": ("yes_no", "emergency", frozenset()),
    "bowel_incontinence": ("yes_no", "emergency", frozenset()),
    "sexual_dysfunction_new": ("yes_no", "emergency", frozenset()),
    "both_legs": ("yes_no", "emergency", frozenset()),
    "weakness_progressing": ("yes_no", "emergency", frozenset()),
    "major_trauma": ("yes_no", "emergency", frozenset()),
    "sudden_severe_belly_or_back": ("yes_no", "emergency", frozenset()),
    "fever": ("yes_no", "urgent", frozenset()),
    "weight_loss_unexplained": ("yes_no", "urgent", frozenset()),
    "calf_swelling": ("yes_no", "urgent", frozenset()),
    "osteoporosis_fall": ("yes_no", "urgent", frozenset()),
    "weakness_new": ("yes_no", "urgent", frozenset()),
    "infection_risk": ("yes_no", "see_professional", frozenset()),
    "cancer_history": ("yes_no", "see_professional", frozenset()),
    "numbness": ("yes_no", "see_professional", frozenset()),
    "night_pain_constant": ("yes_no", "see_professional", frozenset()),
    "weakness_long_standing": ("yes_no", "see_professional", frozenset()),
    "both_legs_long_standing": ("yes_no", "see_professional", frozenset()),
    "pain_worsening": ("yes_no", "see_professional", frozenset()),
    "symptoms_spreading": ("yes_no", "see_professional", frozenset()),
    "recent_surgery": ("yes_no", "see_professional", frozenset()),
    "pregnant": ("yes_no", "see_professional", frozenset()),
    "recent_childbirth": ("yes_no", "see_professional", frozenset()),
    "age_under_18": ("yes_no", "see_professional", frozenset()),
    "age_over_50_new_pain": ("yes_no", "see_professional", frozenset()),
    "thoracic_pain": ("yes_no", "see_professional", frozenset()),
    "inflammatory_pattern": ("yes_no", "see_professional", frozenset()),
    "pain_now": ("scale", "not_today", frozenset()),
    "flare": ("yes_no", "not_today", frozenset()),
    "sessions_today": ("count", "not_today", frozenset()),
    "weeks_with_pain": ("count", "caution", frozenset()),
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
        frozenset(
            {
                "no_massage_gun",
                "light_pressure_only",
                "avoid_region:left:calf_posterior",
                "avoid_region:right:calf_posterior",
            }
        ),
    ),
    "implanted_device": ("yes_no", "caution", frozenset({"no_massage_gun"})),
    "reduced_sensation": (
        "yes_no",
        "caution",
        frozenset({"no_heat", "light_pressure_only", "no_massage_gun"}),
    ),
    "skin_problem_areas": ("regions", "caution", frozenset()),
    "recent_strain": ("regions", "caution", frozenset()),
    "device_areas": ("regions", "caution", frozenset()),
}

# The first value that triggers each numeric rule, and the last that does not.
THRESHOLDS = {"pain_now": (8, 7), "sessions_today": (2, 1), "weeks_with_pain": (6, 5)}

BLOCKING = {"emergency", "urgent", "see_professional", "not_today"}
ORDER = ["ok", "caution", "not_today", "see_professional", "urgent", "emergency"]


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
