"""The practice tools in real Chromium: remembered checklists, notes and
export, the mock-interview timer, and storage that is corrupt or refuses writes."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browserkit import Recorder, new_context

pytestmark = pytest.mark.browser

EXERCISE = "exercises/fraud-detection/"




def box(page, item):
    return page.locator(f"li#{item} > input.checklist__box")


def test_checklist_ticks_survive_reload_and_navigation(page, served_site, study):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    first = box(page, "data-labels")
    expect(first).to_have_attribute("aria-label", re.compile(r"^Covered: Define the label"))
    progress = page.locator("ul.checklist[data-stage='data']").locator("xpath=preceding-sibling::p[1]")
    total = len(next(s for s in study.stages if s.id == "data").items)
    expect(progress).to_have_text(f"0 of {total} covered")
    first.check()
    box(page, "data-sources").check()
    expect(progress).to_have_text(f"2 of {total} covered")

    page.reload(wait_until="networkidle")
    expect(box(page, "data-labels")).to_be_checked()
    expect(box(page, "data-features")).not_to_be_checked()

    # navigation away (to the index, which shows progress) and back
    page.locator("article a").filter(has_text="All exercises").first.click()
    page.wait_for_url(re.compile(r"/exercises/(#[a-z0-9-]*)?$"))
    cell = page.locator("tr[data-exercise='fraud-detection'] td.progress-cell")
    items = sum(len(s.items) for s in study.stages)
    expect(cell).to_have_text(f"2 / {items}")
    page.go_back()
    page.wait_for_url(re.compile(r"/fraud-detection/(#[a-z0-9-]*)?$"))
    expect(box(page, "data-labels")).to_be_checked()

    # keyed by stable ids, per page: the cheat sheet keeps its own ticks
    page.goto(base_url + "cheat-sheet/", wait_until="networkidle")
    expect(box(page, "data-labels")).not_to_be_checked()
    stored = json.loads(page.evaluate("localStorage.getItem('mlsd:checklists')"))
    assert stored == {"v": 1, "data": {"exercise:fraud-detection/data-labels": True, "exercise:fraud-detection/data-sources": True}}
    assert page.recorder.errors == []


def test_ticks_survive_a_new_browser_session(browser, served_site):
    base_url, _, _ = served_site
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    box(page, "serving-rollout").check()
    state = context.storage_state()
    context.close()
    later = browser.new_context(storage_state=state)
    page = later.new_page()
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(box(page, "serving-rollout")).to_be_checked()
    later.close()


def test_checkboxes_work_by_keyboard(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    target = box(page, "requirements-objective")
    target.focus()
    expect(target).to_be_focused()
    page.keyboard.press("Space")
    expect(target).to_be_checked()


def type_note(page, stage, text):
    area = page.get_by_label(re.compile(rf"^Your notes for \d\. .*"), exact=False).and_(page.locator(f"#notes-fraud-detection-{stage}"))
    area.fill(text)
    area.blur()


def test_notes_autosave_and_export_exact_markdown(page, context, served_site):
    base_url, _, _ = served_site
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/mlsd-guide")[0])
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    box(page, "requirements-error-costs").check()
    box(page, "data-labels").check()
    type_note(page, "requirements", "Issuer side, 20M tx/day, 0.1% fraud.")
    type_note(page, "data", "Labels: chargebacks mature in ~60 days.\nTrain on matured windows.")
    page.reload(wait_until="networkidle")
    expect(page.locator("#notes-fraud-detection-data")).to_have_value("Labels: chargebacks mature in ~60 days.\nTrain on matured windows.")

    page.get_by_role("button", name="Copy my answer as Markdown").click()
    expect(page.locator(".practice-actions__status")).to_have_text("Copied as Markdown")
    exported = page.evaluate("navigator.clipboard.readText()")
    nothing = "_Nothing recorded yet._"
    expected = (
        "# 2. Credit-card fraud detection\n\n"
        "> You have a history of credit-card purchases in which every transaction is marked either fraudulent "
        "or legitimate. Design the system that flags fraud on new transactions.\n\n"
        "## 1. Clarify requirements\n\n"
        "- [x] Decide which error hurts more, a false positive or a false negative, and so precision or recall.\n\n"
        "Issuer side, 20M tx/day, 0.1% fraud.\n\n"
        f"## 2. Frame it as an ML task\n\n{nothing}\n\n"
        "## 3. Data and features\n\n"
        "- [x] Define the label and where it comes from, and how long it takes to arrive.\n\n"
        "Labels: chargebacks mature in ~60 days.\nTrain on matured windows.\n\n"
        f"## 4. Modeling\n\n{nothing}\n\n"
        f"## 5. Evaluation\n\n{nothing}\n\n"
        f"## 6. Deployment and serving\n\n{nothing}\n\n"
        f"## 7. Monitoring and iteration\n\n{nothing}\n"
    )
    assert exported == expected

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download .md").click()
    download = download_info.value
    assert download.suggested_filename == "fraud-detection.md"
    assert open(download.path(), encoding="utf-8").read() == expected


def test_clear_asks_first_then_clears_everything(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    box(page, "modeling-baseline").check()
    type_note(page, "modeling", "Start with logistic regression.")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear this exercise").click()
    expect(box(page, "modeling-baseline")).to_be_checked()  # dismissed: nothing cleared
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear this exercise").click()
    expect(box(page, "modeling-baseline")).not_to_be_checked()
    expect(page.locator("#notes-fraud-detection-modeling")).to_have_value("")
    page.reload(wait_until="networkidle")
    expect(box(page, "modeling-baseline")).not_to_be_checked()
    expect(page.locator("#notes-fraud-detection-modeling")).to_have_value("")


def test_corrupt_saved_value_is_set_aside_and_other_data_kept(context, served_site):
    base_url, _, _ = served_site
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        " localStorage.setItem('mlsd:checklists', '{not json');"
        " localStorage.setItem('mlsd:notes', JSON.stringify({v: 1, data: {'fraud-detection/data': 'kept note'}})); }"
    )
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(page.locator(".practice-notice[data-notice='corrupt']")).to_have_count(1)
    expect(page.locator("#notes-fraud-detection-data")).to_have_value("kept note")
    expect(box(page, "data-labels")).not_to_be_checked()
    box(page, "data-labels").check()
    assert page.evaluate("localStorage.getItem('mlsd:checklists:unreadable')") == "{not json"
    assert recorder.errors == []
    # told once: the next view has nothing left to repair
    page.reload(wait_until="networkidle")
    expect(page.locator(".practice-notice")).to_have_count(0)
    expect(box(page, "data-labels")).to_be_checked()


@pytest.mark.parametrize("bad", ['{"v": 99, "data": {}}', '["foreign"]', '{"v": 1, "data": []}'])
def test_foreign_or_future_versions_never_break_the_page(context, served_site, bad):
    base_url, _, _ = served_site
    context.add_init_script(f"localStorage.setItem('mlsd:timers', {json.dumps(bad)});")
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(page.locator(".mock-timer [data-action=toggle]")).to_have_text("Start")
    expect(page.locator(".practice-notice[data-notice='corrupt']")).to_have_count(1)
    assert recorder.errors == []


def test_storage_that_throws_on_write_still_works_in_memory(context, served_site):
    base_url, _, _ = served_site
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    notice = page.locator(".practice-notice[data-notice='unavailable']")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("will not be saved")
    box(page, "data-labels").check()
    expect(box(page, "data-labels")).to_be_checked()
    expect(page.locator("ul.checklist[data-stage='data']").locator("xpath=preceding-sibling::p[1]")).to_contain_text("1 of")
    assert recorder.errors == []


# ---------------------------------------------------------------------------
# Mock-interview timer, on a controlled clock
# ---------------------------------------------------------------------------


def readout(page, part):
    return page.locator(f".mock-timer [data-part={part}]")


def test_timer_follows_the_plan_overruns_and_survives_reload(page, served_site):
    base_url, _, _ = served_site
    page.clock.install(time=1_700_000_000_000)
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    # stop the page clock so that only run_for moves it: a slow machine must
    # not leak real seconds into the readouts
    page.clock.pause_at(1_700_000_100_000)
    expect(readout(page, "stage")).to_have_text("1. Clarify requirements")
    expect(readout(page, "stage-left")).to_have_text("5:00")
    expect(readout(page, "total-left")).to_have_text("45:00")
    page.get_by_role("button", name="Start").click()

    page.clock.run_for("03:00")
    expect(readout(page, "stage-left")).to_have_text("2:00")
    expect(readout(page, "total-left")).to_have_text("42:00")
    expect(page.locator("h2#requirements")).to_have_class(re.compile("stage--current"))

    page.clock.run_for("03:30")  # 6:30 into a 5-minute stage
    expect(readout(page, "stage-left")).to_have_text("1:30 over")
    expect(page.locator(".mock-timer")).to_have_class(re.compile("mock-timer--overrun"))

    page.get_by_role("button", name="Next stage").click()
    expect(readout(page, "stage")).to_have_text("2. Frame it as an ML task")
    expect(readout(page, "stage-left")).to_have_text("5:00")
    expect(page.locator(".mock-timer")).not_to_have_class(re.compile("mock-timer--overrun"))
    expect(page.locator("h2#framing")).to_have_class(re.compile("stage--current"))

    # the time keeps running across a reload
    page.clock.run_for("01:00")
    page.reload(wait_until="networkidle")
    page.clock.run_for("00:01")
    expect(readout(page, "stage")).to_have_text("2. Frame it as an ML task")
    expect(readout(page, "total-left")).to_have_text("37:29")

    page.get_by_role("button", name="Pause").click()
    frozen = readout(page, "total-left").inner_text()
    page.clock.run_for("05:00")
    expect(readout(page, "total-left")).to_have_text(frozen)
    expect(page.get_by_role("button", name="Resume")).to_be_visible()

    page.get_by_role("button", name="Reset").click()
    expect(readout(page, "total-left")).to_have_text("45:00")
    expect(page.get_by_role("button", name="Start")).to_be_visible()


def test_timer_keeps_time_across_navigation(page, served_site):
    base_url, _, _ = served_site
    page.clock.install(time=1_700_000_000_000)
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    # stop the page clock so that only run_for moves it: a slow machine must
    # not leak real seconds into the readouts
    page.clock.pause_at(1_700_000_100_000)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for("02:00")
    page.locator("article a").filter(has_text="All exercises").first.click()
    page.wait_for_url(re.compile(r"/exercises/(#[a-z0-9-]*)?$"))
    page.clock.run_for("10:00")
    page.go_back()
    page.wait_for_url(re.compile(r"/fraud-detection/(#[a-z0-9-]*)?$"))
    page.clock.run_for("00:01")
    expect(readout(page, "total-left")).to_have_text("32:59")


# ---------------------------------------------------------------------------
# Self-grading, flashcards, backup
# ---------------------------------------------------------------------------


def rate(page, exercise, stage, value):
    page.locator(f"form.self-grade fieldset[data-stage='{stage}'] input[value='{value}']").check()


def test_self_grading_is_stored_and_ranks_the_weakest_stages(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    page.locator("details.success > summary").click()
    rate(page, "fraud-detection", "data", "missed")
    rate(page, "fraud-detection", "modeling", "partial")
    rate(page, "fraud-detection", "requirements", "covered")
    page.goto(base_url + "exercises/language-id/", wait_until="networkidle")
    rate(page, "language-id", "data", "missed")
    rate(page, "language-id", "modeling", "covered")
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(page.locator("form.self-grade fieldset[data-stage='modeling'] input[value='partial']")).to_be_checked()

    page.goto(base_url + "practice/", wait_until="networkidle")
    ranked = page.locator("ol.weak-stages > li")
    expect(ranked.first).to_have_attribute("data-stage", "data")
    expect(ranked.first).to_contain_text("average 0.0 of 2 over 2 exercises")
    expect(ranked.nth(1)).to_have_attribute("data-stage", "modeling")
    expect(ranked.nth(1)).to_contain_text("average 1.5 of 2 over 2 exercises")
    expect(ranked.nth(2)).to_have_attribute("data-stage", "requirements")
    expect(ranked.first.locator("a")).to_have_attribute("href", re.compile(r"/data/#data$"))
    expect(ranked.last).to_contain_text("not rated yet")
    # the exercises index shows the same ranking
    page.goto(base_url + "exercises/", wait_until="networkidle")
    expect(page.locator("ol.weak-stages > li").first).to_have_attribute("data-stage", "data")


def anki_cards(text):
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [row.split("\t") for row in rows]


def test_anki_file_parses_back_into_the_whole_deck(served_site, study):
    import csv
    import io

    from conftest import ROOT
    from studykit.cards import read_abbreviations

    _, site_dir, _ = served_site
    raw = (site_dir / "practice" / "flashcards.tsv").read_bytes()
    text = raw.decode("utf-8")  # UTF-8, or this raises
    assert text.splitlines()[:3] == ["#separator:tab", "#html:false", "#columns:Front\tBack\tTags"]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter="\t", quoting=csv.QUOTE_NONE))
    terms = {t for t, _ in read_abbreviations(ROOT / "docs" / "_snippets" / "abbreviations.md")}
    assert len(rows) == len(study.stages) + len(terms) + len(study.exercises)
    assert all(len(row) == 3 and row[0] and row[1] for row in rows)
    fraud = next(r for r in rows if r[2] == "exercise fraud-detection")
    assert fraud[1] == next(e for e in study.exercises if e.id == "fraud-detection").key_trade_off
    page_html = (site_dir / "practice" / "flashcards" / "index.html").read_text(encoding="utf-8")
    assert f'data-count="{len(rows)}"' in page_html


def test_flashcard_review_flips_and_schedules(page, served_site):
    base_url, _, _ = served_site
    page.clock.install(time=1_700_000_000_000)
    page.goto(base_url + "practice/flashcards/", wait_until="networkidle")
    total = int(page.locator("dl.flashcard-deck").get_attribute("data-count"))
    count = page.locator(".flashcard-review__count")
    expect(count).to_have_text(f"{total} of {total} cards due")
    front = page.locator(".flashcard-review__front")
    expect(front).to_contain_text("Stage 1, Clarify requirements")
    expect(page.locator(".flashcard-review__back")).to_be_hidden()
    page.get_by_role("button", name="Show answer").click()
    expect(page.locator(".flashcard-review__back")).to_contain_text("State the business objective")
    page.get_by_role("button", name="Good").click()
    expect(count).to_have_text(f"{total - 1} of {total} cards due")
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("button", name="Again").click()
    expect(count).to_have_text(f"{total - 2} of {total} cards due")
    page.reload(wait_until="networkidle")
    expect(count).to_have_text(f"{total - 2} of {total} cards due")
    page.clock.run_for("11:00")  # "Again" comes back after ten minutes
    page.reload(wait_until="networkidle")
    expect(count).to_have_text(f"{total - 1} of {total} cards due")
    page.clock.run_for(24 * 60 * 60 * 1000)  # "Good" comes back after a day
    page.reload(wait_until="networkidle")
    expect(count).to_have_text(f"{total} of {total} cards due")
    # keyboard: the flip button takes Enter
    page.get_by_role("button", name="Show answer").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Good")).to_be_focused()


def test_export_clear_import_restores_everything(page, served_site, tmp_path):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    box(page, "data-labels").check()
    type_note(page, "data", "Chargebacks mature late.")
    page.get_by_role("button", name="Start").click()
    rate(page, "fraud-detection", "data", "partial")
    page.goto(base_url + "practice/flashcards/", wait_until="networkidle")
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("button", name="Good").click()
    before = page.evaluate("() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('mlsd:')))")
    assert set(before) == {"mlsd:checklists", "mlsd:notes", "mlsd:timers", "mlsd:ratings", "mlsd:cards"}

    page.goto(base_url + "practice/", wait_until="networkidle")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my progress (.json)").click()
    backup = tmp_path / "backup.json"
    info.value.save_as(backup)
    exported = json.loads(backup.read_text(encoding="utf-8"))
    assert exported["app"] == "mlsd-guide" and exported["version"] == 1
    assert exported["data"]["notes"] == {"fraud-detection/data": "Chargebacks mature late."}

    page.evaluate("localStorage.clear()")
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(box(page, "data-labels")).not_to_be_checked()

    page.goto(base_url + "practice/", wait_until="networkidle")
    page.get_by_label("Import a backup").set_input_files(str(backup))
    expect(page.locator(".progress-backup__status")).to_contain_text("Imported")
    after = page.evaluate("() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('mlsd:')))")
    assert after == before
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(box(page, "data-labels")).to_be_checked()
    expect(page.locator("#notes-fraud-detection-data")).to_have_value("Chargebacks mature late.")
    expect(page.locator("form.self-grade fieldset[data-stage='data'] input[value='partial']")).to_be_checked()


def test_import_merges_and_refuses_foreign_files(page, served_site, tmp_path):
    base_url, _, _ = served_site
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    box(page, "serving-scale").check()
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"something": "else"}), encoding="utf-8")
    backup = tmp_path / "other.json"
    backup.write_text(
        json.dumps({"app": "mlsd-guide", "version": 1, "data": {"checklists": {"exercise:fraud-detection/data-bias": True}}}),
        encoding="utf-8",
    )
    page.goto(base_url + "practice/", wait_until="networkidle")
    page.get_by_label("Import a backup").set_input_files(str(foreign))
    expect(page.locator(".progress-backup__status")).to_contain_text("Import failed: This file is not a progress backup")
    page.get_by_label("Import a backup").set_input_files(str(backup))
    expect(page.locator(".progress-backup__status")).to_have_text("Imported 1 saved entries")
    page.goto(base_url + EXERCISE, wait_until="networkidle")
    expect(box(page, "serving-scale")).to_be_checked()  # kept
    expect(box(page, "data-bias")).to_be_checked()  # merged in
