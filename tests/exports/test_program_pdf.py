"""The routine to print, read back with pypdf: the safety rules come first, then every step
of the plan by name with its hold time, sets and cues, the limits, the sources."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.library import first_sentence
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.exports import pdf_kit
from sciatica_coach.exports.program_pdf import amount, program_pdf
from tests.coach.conftest import T0

from .pdf_text import Read, read_pdf
from .routine_plan import sample_plan


@pytest.fixture(scope="module")
def plan(kb: KnowledgeBase) -> Plan:
    return sample_plan(kb)


@pytest.fixture(scope="module")
def printed(kb: KnowledgeBase, plan: Plan) -> Read:
    return read_pdf(program_pdf(kb, plan, T0))


def test_every_step_is_there_in_order_with_its_number(printed: Read, plan: Plan) -> None:
    at = [printed.text.index(f"{n}. {step.title}") for n, step in enumerate(plan.steps, 1)]
    assert at == sorted(at)


def test_hold_times_sets_and_cues(kb: KnowledgeBase, printed: Read, plan: Plan) -> None:
    for step in plan.steps:
        assert amount(kb, step) in printed.text or step.kind == "habit"
        for cue in step.instructions:
            assert " ".join(cue.split()) in printed.text
    holds = [s for s in plan.steps if s.kind == "hold"]
    assert holds and f"Hold {holds[0].seconds} s, light pressure" in printed.text
    stretches = [s for s in plan.steps if s.dose]
    assert stretches and "3 sets of 30 seconds" in printed.text


def test_the_safety_rules_come_before_the_steps(kb: KnowledgeBase, printed: Read) -> None:
    text = printed.text
    first_step = text.index("1. Before you begin")
    for sign in kb.warning_signs.all():
        if sign.kind == "stop_now":
            assert text.index(f"{sign.name}: {first_sentence(sign.description)}") < first_step
    for emergency in kb.emergency_signs:  # the one list
        assert text.index(" ".join(emergency.text.split())) < first_step
    assert text.index(kb.screening.safety_net.action) < first_step
    words = kb.routine.printout
    places = (place.name for place in kb.never_press.values())  # the one list
    rules = (words.stop_title, words.after_stopping, words.never_press_title, *places)
    for rule in rules:
        assert text.index(rule) < first_step
    for source in words.sources:  # the box's own sources are listed with the plan's
        assert pdf_kit.source_line(kb.sources[source]).split(".")[0] in text
    for listed in kb.emergency_signs:  # and the emergency signs' sources
        for source in listed.sources:
            assert pdf_kit.source_line(kb.sources[source]).split(".")[0] in text


def test_the_limits_muscles_and_sources(kb: KnowledgeBase, printed: Read, plan: Plan) -> None:
    text = printed.text
    assert "Limits for this routine" in text
    for note in plan.notes:
        assert note in text
    assert "Piriformis (left side)" in text and "Quadratus lumborum (right side)" in text
    for source in plan.sources:
        assert pdf_kit.source_line(kb.sources[source]).split(".")[0] in text
    assert pdf_kit.disclaimer(kb) in text


def test_pictures_are_vectors(printed: Read) -> None:
    assert printed.images == 0


def test_a_short_left_out_list_stays_whole_with_its_heading(kb: KnowledgeBase, plan: Plan) -> None:
    """Wherever the list falls (fewer or more steps before it), its heading and its items
    are on one page: never one item alone at the top of the next. Each starts with a capital
    (a plan saved before they all had one too)."""
    from dataclasses import replace

    from .pdf_checks import page_texts

    items = (
        "strengthening exercises (not enough time today)",
        "Gluteus medius (left) (not enough time; it ranked lowest)",
        "Hamstrings (left) (not enough time; it ranked lowest)",
        "Quadratus lumborum (right), outer edge point: it is not for a tennis ball",
        "Bridge (no lying on the back)",
    )
    shown = [item[:1].upper() + item[1:] for item in items]
    for count in range(len(plan.steps) + 1):
        pages = page_texts(
            program_pdf(kb, replace(plan, steps=plan.steps[:count], dropped=items), T0)
        )
        holding = [page for page in pages if "Left out today" in page]
        assert len(holding) == 1
        assert all(item in holding[0] for item in shown), count
    assert "Strengthening exercises (not enough time today)" in " ".join(pages)
