"""The safety check on a phone (390x844): one group per screen with a progress bar and Back;
a returning person is asked every current symptom afresh (nothing filled in, no "None of
these" for the emergency signs); a red flag is answered again sign by sign; a clinician's
clearance is recorded; while a flag stands the plan page says so for 24 hours.

The server runs on a clock the test moves (``FakeClock``), so "a day later" takes no time.
Screenshots go to ``tests/web/artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear

from .browser import ARTIFACTS, CHROMIUM, assert_accessible, call, phone_page, running, shot
from .conftest import FakeClock
from .test_e2e import answer_all_clear

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
KB = default_knowledge_base()
GROUP_BUTTON = 'section.check-group[data-topic="{}"] .check-nav button.button-primary'


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def phone(browser: Browser, tmp_path: Path, clock: FakeClock) -> Iterator[Page]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'check.sqlite3'}", clock=clock)
    with phone_page(browser, app) as page:
        yield page


def part(page: Page, number: int, of: int) -> None:
    expect(page.locator("#check-step")).to_contain_text(f"Part {number} of {of}")


def top(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["y"]


def unanswered(page: Page, kb: KnowledgeBase) -> list[str]:
    """The daily questions on the form with no answer (none filled in, none chosen)."""
    left = []
    for question in kb.screening.questions:
        if question.part != "daily" or question.from_journal:
            continue
        if question.kind == "yes_no":
            answered = page.locator(f'input[name="{question.id}"]:checked').count()
        elif question.kind == "regions":
            answered = page.locator(f'input[name="{question.id}__any"]:checked').count()
        else:
            answered = int(bool(page.locator(f'input[name="{question.id}"]').input_value()))
        if not answered:
            left.append(question.id)
    return left


def test_a_returning_persons_daily_check_asks_every_current_symptom_afresh(
    phone: Page, clock: FakeClock
) -> None:
    phone.goto("/screen")
    part(phone, 1, 6)  # the first time, the health history is the last part
    assert phone.locator('section.check-group[data-topic="legs"]').is_hidden()
    assert_accessible(phone, "check-first-phone")
    answer_all_clear(phone, KB)
    phone.get_by_role("button", name="See my result").click()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "ok")

    clock.advance(days=1)
    phone.goto("/screen")
    part(phone, 1, 5)  # the history is kept: not asked again within the week
    expect(phone.locator("#history-summary")).to_contain_text(
        "Your health history, confirmed on Mon 02 Mar 2026"
    )
    expect(phone.locator("#history-summary").get_by_role("link", name="Change")).to_be_visible()
    daily = [q.id for q in KB.screening.questions if q.part == "daily" and not q.from_journal]
    assert unanswered(phone, KB) == daily  # every one, pain included: nothing filled in
    shot(phone, "check-returning-phone")

    # the emergency signs are answered one by one: no "None of these" there
    first = phone.locator(GROUP_BUTTON.format("since_pain_began"))
    expect(first).to_have_text("Next")
    first.tap()
    part(phone, 1, 5)
    expect(phone.locator("#check-left-0")).to_contain_text("Please answer each question")
    shot(phone, "check-returning-next-refused-phone")
    for question in KB.screening.questions:
        if question.rule.level == "emergency":
            phone.locator(f'input[name="{question.id}"][value="no"]').check()
    expect(first).to_have_text("Next")
    first.tap()
    part(phone, 2, 5)
    # elsewhere "None of these" answers No to the questions still open
    none = phone.locator(GROUP_BUTTON.format("legs"))
    expect(none).to_have_text("None of these")
    none.tap()
    part(phone, 3, 5)
    assert phone.locator('input[name="calf_swelling"][value="no"]').is_checked()
    phone.locator('input[name="pain_worsening"][value="yes"]').check()  # a "yes": no more None
    expect(phone.locator(GROUP_BUTTON.format("health"))).to_have_text("Next")
    phone.locator('input[name="pain_worsening"][value="no"]').check()
    phone.locator(GROUP_BUTTON.format("health")).tap()
    part(phone, 4, 5)
    pain = phone.locator(GROUP_BUTTON.format("today"))
    expect(pain).to_have_text("Next")  # the pain score must be given first
    pain.tap()
    expect(phone.locator("#check-left-3")).to_be_visible()
    assert not phone.locator('input[name="flare"]:checked').count()  # nothing answered for it
    phone.locator('input[name="pain_now"]').fill("3")
    expect(pain).to_have_text("None of these")
    pain.tap()
    part(phone, 5, 5)
    phone.locator(GROUP_BUTTON.format("skin")).tap()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "ok")
    expect(phone.locator("#see-gp")).to_contain_text(KB.screening.safety_net.see_gp)


def test_a_red_flag_is_answered_again_sign_by_sign(phone: Page, clock: FakeClock) -> None:
    words = KB.screening.flags
    call(phone.request, "POST", "/api/screenings", {"answers": all_clear()})  # history kept
    clock.advance(days=1)
    phone.goto("/screen")
    phone.locator('input[name="saddle_numbness"][value="not_sure"]').check()
    alert = phone.locator("#alert-saddle_numbness")
    expect(alert).to_be_visible()
    alert.get_by_role("button", name="See what to do now").tap()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "emergency")
    flags = phone.locator("#flags")
    said = 'At 09:00 you said "not sure" to: Is there new numbness'
    expect(flags).to_contain_text(said)
    expect(flags.get_by_role("button", name=words.wrong_answer)).to_be_visible()
    assert_accessible(phone, "check-result-emergency-phone")
    ARTIFACTS.mkdir(exist_ok=True)
    flags.screenshot(path=str(ARTIFACTS / "check-flags-block-phone.png"))

    # all "no" half an hour later: still that emergency, with the sign restated
    clock.advance(minutes=30)
    phone.goto("/screen")
    expect(phone.locator("#flags")).to_contain_text(said)
    assert top(phone, "#flags") < top(phone, "#screen-form")
    shot(phone, "check-with-flag-phone")
    answer_all_clear(phone, KB)
    phone.get_by_role("button", name="See my result").click()
    result = phone.locator("#screening-result")
    expect(result).to_have_attribute("data-level", "emergency")
    expect(result.locator('[data-reason="flag:saddle_numbness"]')).to_contain_text(said)

    # "still not sure" keeps it; "I pressed the wrong answer" lifts it
    phone.locator("#flags").get_by_role("button", name=words.still_not_sure).tap()
    expect(phone.locator("#reviewed")).to_have_text(words.kept)
    phone.locator("#flags").get_by_role("button", name=words.wrong_answer).tap()
    expect(phone.locator("#reviewed")).to_have_text(words.lifted)
    expect(phone.locator("#flags")).to_have_count(0)
    assert_accessible(phone, "check-flag-lifted-phone")
    answer_all_clear(phone, KB)
    phone.get_by_role("button", name="See my result").click()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "ok")
    corrected = phone.locator("#corrected")
    expect(corrected).to_contain_text(said)
    expect(corrected).to_contain_text(words.lifted)
    expect(corrected).to_contain_text(KB.emergency_signs[0].text)
    assert top(phone, "#corrected") < top(phone, "#screening-result")
    shot(phone, "check-result-corrected-phone")


def test_a_clinicians_clearance_is_recorded(phone: Page, clock: FakeClock) -> None:
    checked = call(
        phone.request,
        "POST",
        "/api/screenings",
        {"answers": {**all_clear(), "cancer_history": True}},
    )
    phone.goto(f"/screen/{checked['id']}")
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "see_professional")
    form = phone.locator("#clearance-form")
    expect(form).to_be_visible()
    expect(phone.locator("#clearance")).to_contain_text(KB.screening.clearances.question)
    expect(phone.locator("#your-answers")).to_contain_text("Have you ever had cancer?")
    assert_accessible(phone, "check-result-see-professional-phone")
    form.get_by_label("Who checked it").fill("Dr Rao")
    form.get_by_role("button", name="Save the clinician's check").tap()
    expect(phone.locator("#checked_on-error")).to_be_visible()  # the day is needed
    expect(phone.get_by_label("Who checked it")).to_have_value("Dr Rao")
    expect(phone.locator('input[name="reason"][value="cancer_history"]')).to_be_checked()
    assert_accessible(phone, "clearance-errors-phone")
    phone.get_by_label("The day of that check").fill("2026-02-20")
    phone.get_by_role("button", name="Save the clinician's check").tap()
    expect(phone.locator("#reviewed")).to_contain_text("Your clinician's check is saved")
    clock.advance(minutes=5)
    again = call(
        phone.request,
        "POST",
        "/api/screenings",
        {"answers": {**all_clear(), "cancer_history": True}},
    )
    assert again["level"] == "caution"
    phone.goto("/screen/clearance")
    expect(phone.locator('input[name="reason"]')).to_have_count(
        len(KB.screening.clearances.reasons)
    )
    assert_accessible(phone, "clearance-form-phone")


def test_a_standing_flag_blocks_the_plan_for_24_hours(phone: Page, clock: FakeClock) -> None:
    call(phone.request, "POST", "/api/screenings", {"answers": {**all_clear(), "fever": True}})
    clock.advance(hours=2)
    call(phone.request, "POST", "/api/screenings", {"answers": all_clear()})
    phone.goto("/plan")
    banner = phone.locator("#flag-banner")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("stands for 24 hours")
    expect(banner).to_contain_text('At 09:00 you said "yes" to: Do you have a temperature')
    expect(phone.get_by_role("button", name="Make my plan")).to_have_count(0)
    assert_accessible(phone, "plan-flag-banner-phone")
    phone.goto("/session")
    expect(phone.locator("#flag-banner")).to_be_visible()
    phone.locator("#flag-banner").get_by_role("link").tap()
    expect(phone.locator("#flags")).to_be_visible()
    assert re.search(r"/screen#flags$", phone.url)
    clock.advance(hours=22, minutes=1)  # 24 hours and a minute after the fever was given
    call(phone.request, "POST", "/api/screenings", {"answers": all_clear()})
    phone.goto("/plan")
    expect(phone.locator("#flag-banner")).to_have_count(0)
    expect(phone.get_by_role("button", name="Make my plan")).to_be_visible()


def test_back_goes_to_the_group_before_and_a_yes_still_alerts_at_once(phone: Page) -> None:
    call(phone.request, "POST", "/api/screenings", {"answers": all_clear()})
    phone.goto("/screen")
    for question in KB.screening.questions:
        if question.rule.level == "emergency":
            phone.locator(f'input[name="{question.id}"][value="no"]').check()
    phone.locator(GROUP_BUTTON.format("since_pain_began")).tap()
    part(phone, 2, 5)
    phone.locator('section[data-topic="legs"] .check-nav button', has_text="Back").tap()
    part(phone, 1, 5)
    phone.locator('input[name="both_legs"][value="not_sure"]').check()
    expect(phone.locator("#alert-both_legs")).to_be_visible()
    phone.locator("#alert-both_legs").get_by_role("button", name="See what to do now").tap()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "emergency")


def test_the_check_and_its_result_on_a_desktop(browser: Browser, tmp_path: Path) -> None:
    clock = FakeClock()
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'desk.sqlite3'}", clock=clock)
    with running(app) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 800})
        page = context.new_page()
        checked = call(
            page.request, "POST", "/api/screenings", {"answers": {**all_clear(), "numbness": True}}
        )
        page.goto(f"/screen/{checked['id']}")
        assert "Take this list of answers with you" in unescape(page.content())
        assert_accessible(page, "check-result-desktop")
        clock.advance(minutes=5)
        call(page.request, "POST", "/api/screenings", {"answers": {**all_clear(), "fever": True}})
        clock.advance(days=1, minutes=-30)
        page.goto("/screen")
        expect(page.locator("#flags")).to_be_visible()
        assert_accessible(page, "check-with-flag-desktop")
        context.close()
