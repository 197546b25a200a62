"""Edit, don't re-type: the meeting forms start from what is already known.

Attendance starts from the roster as present, "Justerat av" from the ordförande and the
elected justerare, "Rättar paragraf" names each § with its title, and report dates
written in the villkor are not typed again.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.services.meetings import agenda, justering
from app.services.meetings import lifecycle as service
from models import db
from models.application import Application
from models.grant import Grant
from models.meeting import Attendance, Meeting, Paragraph

from ..conftest import WebClient, html_text
from .test_meetings import _fresh_application, _meeting_id

DAY = date(2025, 12, 11)


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _selected(html: str, name: str) -> str:
    """The value of the option selected in the select named ``name``."""
    select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select_html, f"no select {name}"
    chosen = re.findall(r'<option([^>]*)value="([^"]*)"', select_html.group(1))
    return next(value for attrs, value in chosen if "selected" in attrs)


def _ticked(html: str, name: str) -> dict[int, bool]:
    """The checkboxes named ``name``: value → checked."""
    boxes = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return {int(re.search(r'value="(\d+)"', b).group(1)): "checked" in b for b in boxes}


def _held_meeting(app: Flask, application_title: str | None = None) -> tuple[int, int | None]:
    """A meeting on DAY with the standard items (and an application), agenda fixed."""
    app_id = (
        _fresh_application(app, application_title, {2027: "300000"}) if application_title else None
    )
    with app.app_context():
        meeting = service.create_meeting(DAY, place="Ludvika")
        agenda.add_standard_items(meeting)
        item = None
        if app_id is not None:
            item = agenda.add_paragraph(
                meeting,
                kind="application",
                title=application_title,
                application=db.session.get(Application, app_id),
            )
        agenda.fix_agenda(meeting)
        db.session.commit()
        return meeting.id, item.id if item is not None else None


def test_attendance_starts_from_the_roster_as_present_and_then_shows_what_was_saved(
    app: Flask, chef: WebClient
) -> None:
    meeting_id, _item = _held_meeting(app)
    with app.app_context():
        members = service.board_members(on=DAY)
        ledamoter = [m.id for m in members if m.is_ledamot]
        ersattare = [m.id for m in members if not m.is_ledamot]
    assert ledamoter and ersattare
    page = chef.get(f"/meetings/{meeting_id}/attendance").get_data(as_text=True)
    for member_id in ledamoter:
        assert _selected(page, f"status_{member_id}") == "present"
    for member_id in ersattare:  # present, not serving for anyone
        assert _selected(page, f"status_{member_id}") == "present"
        assert _selected(page, f"serving_{member_id}") == ""
    assert "Ingen närvaro är sparad ännu." in re.sub(r"\s+", " ", page)
    with app.app_context():  # an ersättare is offered only their own party's ledamot
        for member in (m for m in service.board_members(on=DAY) if not m.is_ledamot):
            select_html = page.split(f'name="serving_{member.id}"', 1)[1].split("</select>")[0]
            offered = {int(v) for v in re.findall(r'value="(\d+)"', select_html)}
            own = {
                m.id
                for m in service.board_members(on=DAY)
                if m.is_ledamot and m.organisation_id == member.organisation_id
            }
            assert offered == own, member.name
    with app.app_context():  # a start is not a record
        saved = select(func.count()).where(Attendance.meeting_id == meeting_id)
        assert db.session.scalar(saved) == 0

    away = ledamoter[0]
    data = {f"status_{m}": "present" for m in ledamoter + ersattare}
    data[f"status_{away}"] = "absent"
    data.update({f"serving_{m}": "" for m in ersattare})
    data[f"status_{ersattare[-1]}"] = "absent"
    assert chef.post(f"/meetings/{meeting_id}/attendance", data).status_code == 302
    page = chef.get(f"/meetings/{meeting_id}/attendance").get_data(as_text=True)
    assert "Ingen närvaro är sparad ännu." not in page
    assert _selected(page, f"status_{away}") == "absent"  # saved as absent, stays absent
    assert _selected(page, f"status_{ersattare[-1]}") == "absent"
    assert _selected(page, f"status_{ledamoter[1]}") == "present"
    assert _selected(page, f"status_{ersattare[0]}") == "present"


def test_a_saved_serving_for_another_party_is_shown_and_refused_never_dropped(
    app: Flask, chef: WebClient
) -> None:
    """Old data: an ersättare saved as serving for another party's ledamot (before the
    rule, or the member changed party) is shown as saved, and saving the page unchanged
    gets the rule's refusal instead of quietly clearing it."""
    meeting_id, _item = _held_meeting(app)
    with app.app_context():
        members = service.board_members(on=DAY)
        ersattare = next(m for m in members if not m.is_ledamot)
        away = next(
            m for m in members if m.is_ledamot and m.organisation_id != ersattare.organisation_id
        )
        ersattare_id, away_id = ersattare.id, away.id
        for m in members:  # written directly, as the old data is
            db.session.add(
                Attendance(
                    meeting_id=meeting_id,
                    member_id=m.id,
                    status="absent" if m.id == away_id else "present",
                    serving_for_id=away_id if m.id == ersattare_id else None,
                )
            )
        db.session.commit()
        statuses = {m.id: "absent" if m.id == away_id else "present" for m in members}
        servings = {m.id: "" for m in members if not m.is_ledamot}
    servings[ersattare_id] = str(away_id)

    page = chef.get(f"/meetings/{meeting_id}/attendance").get_data(as_text=True)
    assert _selected(page, f"serving_{ersattare_id}") == str(away_id)

    data = {f"status_{m}": status for m, status in statuses.items()}
    data.update({f"serving_{m}": value for m, value in servings.items()})
    response = chef.post(f"/meetings/{meeting_id}/attendance", data)
    assert response.status_code == 400
    assert "kan bara tjänstgöra för den partens ledamot" in html_text(response)
    with app.app_context():
        row = db.session.scalar(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == ersattare_id
            )
        )
        assert row.serving_for_id == away_id  # nothing lost


def test_justerat_av_starts_from_the_chair_and_the_elected_justerare(
    app: Flask, chef: WebClient
) -> None:
    meeting_id, _item = _held_meeting(app)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        rows = {m.id: ("present", None) for m in service.board_members(on=DAY) if m.is_ledamot}
        service.record_attendance(meeting, rows)
        eligible = justering.eligible_justerare(meeting)
        elected = eligible[:2]
        justering.elect_justerare(meeting, elected)
        chair_id = justering.chair_of(meeting).id
        elected_ids = [m.id for m in elected]
        others = [m.id for m in eligible[2:]]
        db.session.commit()
    assert others  # someone present with a vote who was not elected
    page = chef.get(f"/meetings/{meeting_id}/justering").get_data(as_text=True)
    assert _ticked(page, "signers") == {chair_id: True, **{i: True for i in elected_ids}}
    # A refused save keeps what was ticked (here the first justerare was left out).
    kept = [chair_id, elected_ids[1]]
    response = chef.post(
        f"/meetings/{meeting_id}/justering",
        {"adjusted_on": "2025-12-18", "signers": [str(i) for i in kept]},
    )
    assert response.status_code == 400
    assert "Bekräfta att protokollet är slutgiltigt." in html_text(response)
    assert _ticked(response.get_data(as_text=True), "signers") == {
        chair_id: True,
        elected_ids[0]: False,
        elected_ids[1]: True,
    }
    with app.app_context():
        assert not db.session.get(Meeting, meeting_id).is_locked


def test_rattar_paragraf_offers_each_paragraph_with_its_title(app: Flask, chef: WebClient) -> None:
    old_meeting = _meeting_id(app, "1/2016")
    with app.app_context():
        old = db.session.scalar(
            select(Paragraph).where(Paragraph.meeting_id == old_meeting, Paragraph.number == 7)
        )
        old_id = old.id
    target = _meeting_id(app, "5/2026")
    page = chef.get(f"/meetings/{target}").get_data(as_text=True)
    options = re.search(r'<select[^>]*name="corrects_id"[^>]*>(.*?)</select>', page, re.S)
    assert options is not None
    assert (
        f'<option value="{old_id}">§ 7, Sammanträde 1/2016 – En väg in – processledare 2016'
        "</option>" in options.group(1)
    )


def test_report_dates_in_the_villkor_are_taken_and_not_typed_again(
    app: Flask, chef: WebClient
) -> None:
    meeting_id, item_id = _held_meeting(app, "Stegvis 2027")
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        rows = {m.id: ("present", None) for m in service.board_members(on=DAY) if m.is_ledamot}
        service.record_attendance(meeting, rows)
        db.session.commit()
    villkor = "Slutrapport senast 2028-02-28. Medel som inte används återbetalas."
    # A slutrapport typed with another date than the villkor's: refused at the villkor.
    refused = chef.post(
        f"/meetings/items/{item_id}/decision",
        {
            "outcome": "granted",
            "amount_2027": "300 000",
            "conditions": villkor,
            "report_kind_0": "final",
            "report_due_0": "2028-03-31",
            "over_budget_confirmed": "y",
            "text": "",
        },
    )
    assert refused.status_code == 400
    assert (
        "Villkoren säger slutrapport 2028-02-28 men rapportdatumen säger 2028-03-31."
        in html_text(refused)
    )
    assert "Medel som inte används återbetalas." in html_text(refused)  # the text kept
    with app.app_context():
        assert db.session.get(Paragraph, item_id).decision is None
    response = chef.post(
        f"/meetings/items/{item_id}/decision",
        {
            "outcome": "granted",
            "amount_2027": "300 000",
            "conditions": villkor,
            "report_kind_0": "status",
            "report_due_0": "2027-08-31",
            "over_budget_confirmed": "y",
            "text": "",
        },
    )
    assert response.status_code == 302
    page = chef.get(response.headers["Location"])
    text = html_text(page)
    assert "Rapportdatum från villkoren: slutrapport 2028-02-28." in text
    assert "Slutrapport: 2028-02-28" in text  # one of the decision's report dates
    # The form's report rows hold what was typed there, not the villkor's date again.
    html = page.get_data(as_text=True)
    assert 'name="report_due_0" type="date" value="2027-08-31"' in html
    assert 'value="2028-02-28"' not in html
    protocol = html_text(chef.get(f"/meetings/{meeting_id}/protocol"))
    assert "villkoren: Slutrapport senast 2028-02-28" in protocol
    assert "att lägesrapport lämnas till förbundet senast 2027-08-31" in protocol
    assert "att slutrapport lämnas" not in protocol
    # Saved again unchanged, nothing is doubled and nothing is said to come from the villkor
    # that the rows had.
    again = chef.post(
        f"/meetings/items/{item_id}/decision",
        {
            "outcome": "granted",
            "amount_2027": "300 000",
            "conditions": villkor.replace("2028-02-28", "2028-03-31"),
            "report_kind_0": "status",
            "report_due_0": "2027-08-31",
            "over_budget_confirmed": "y",
            "text": "",
        },
    )
    assert again.status_code == 302
    with app.app_context():
        decision = db.session.get(Paragraph, item_id).decision
        assert decision.report_dates == [
            {"kind": "status", "due": "2027-08-31"},
            {"kind": "final", "due": "2028-03-31"},
        ]


def test_a_delegation_decision_takes_the_report_date_from_the_villkor(
    app: Flask, chef: WebClient
) -> None:
    app_id = _fresh_application(app, "Förstudie Smedjebacken", {2026: "40000"})
    fields = {
        "application_id": str(app_id),
        "decided_on": "2026-11-20",
        "year": "2026",
        "amount": "40 000",
        "conditions": "Slutrapport senast 2027-01-31.",
        "text": "",
    }
    refused = chef.post("/board/delegation", {**fields, "report_due": "2027-02-28"})
    assert refused.status_code == 400
    assert "Villkoren säger slutrapport 2027-01-31 men rapportdatumen säger 2027-02-28." in (
        html_text(refused)
    )
    response = chef.post(
        "/board/delegation",
        {
            "application_id": str(app_id),
            "decided_on": "2026-11-20",
            "year": "2026",
            "amount": "40 000",
            "conditions": "Slutrapport senast 2027-01-31.",
            "report_due": "",
            "text": "",
        },
    )
    assert response.status_code == 302, html_text(response)[:3000]
    text = html_text(chef.get(response.headers["Location"]))
    assert "Rapportdatum från villkoren: slutrapport 2027-01-31." in text
    with app.app_context():
        assert db.session.get(Application, app_id).status == "in_progress"
        grant = db.session.scalar(select(Grant).where(Grant.application_id == app_id))
        assert [(r.kind, r.due_on) for r in grant.reports] == [("final", date(2027, 1, 31))]
