"""Stateful property test: whatever the order of operations, nothing jams (issue 23, A).

Hypothesis runs random sequences of planning meetings, adding items, fixing agendas,
recording attendance and jäv, recording, changing and withdrawing decisions, omedelbar
justering, electing justerare and justering, over several meetings and applications.
Every operation goes through the services as the views call them; a refusal
(``DomainError``) is rolled back to a savepoint, as a view rolls back its request.

After every step:
* no application has two grants, and no decision two;
* the money is counted once: the money-left figure's decided amount equals the decided
  amounts, once per application;
* the protocol's text agrees with the decisions.

At the end every open meeting is justerad by the documented fixes, in meeting order:
fix the agenda, record attendance, do what ``justering.problems`` says (record the
missing decision, or change it to "utgår" with a reason), elect a justerare, justera.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from app.formatting import sek
from app.services.errors import DomainError
from app.services.meetings import agenda, decisions, jav, justering, protocol
from app.services.meetings import funds as funds_module
from app.services.meetings import lifecycle as meetings
from models import db
from models.application import Application
from models.grant import Grant
from models.meeting import Decision, DecisionYear, Meeting, Paragraph
from models.meeting_terms import GRANTING

from .test_meetings_support import Board, application, funds

YEAR = 2025
FIRST_DAY = date(YEAR, 2, 1)
OUTCOMES = ("granted", "partly_granted", "rejected", "referred_back", "postponed", "withdrawn")
PARTIES = ("FK", "AF", "Region", "Ludvika", "Smedjebacken")
ZERO = Decimal("0.00")

APP: dict[str, Flask] = {}


class Meetings(RuleBasedStateMachine):
    """Several meetings and three applications, driven by random operations."""

    def __init__(self) -> None:
        super().__init__()
        self.context = APP["app"].app_context()
        self.context.push()
        self.board = Board()
        funds(YEAR, "100000000")
        self.apps: list[Application] = [
            application(self.board.orgs[party], f"Insats {party}", {YEAR: "100000"})
            for party in ("Ludvika", "Region", "FK")
        ]
        self.meetings: list[Meeting] = []

    def teardown(self) -> None:
        try:
            self._justera_all()
        finally:
            db.session.rollback()
            db.session.remove()
            self.context.pop()

    # --- helpers -----------------------------------------------------------------------

    def _try(self, action: Any) -> None:
        """Run a service call; a refusal is rolled back like a view's request."""
        try:
            with db.session.begin_nested():
                action()
        except DomainError:
            pass

    def _meeting(self, index: int) -> Meeting | None:
        """The index-th meeting from the latest (small numbers, which Hypothesis favours)."""
        return self.meetings[-1 - index % len(self.meetings)] if self.meetings else None

    def _items(self, index: int) -> list[Paragraph]:
        m = self._meeting(index)
        return [] if m is None else [p for p in m.paragraphs if p.kind == "application"]

    # --- rules -------------------------------------------------------------------------

    @initialize(plans=st.lists(st.sets(st.integers(0, 2), min_size=1), min_size=2, max_size=3))
    def first_meetings(self, plans: list[set[int]]) -> None:
        """Two or three meetings to start with, with their kallelse sent, all held."""
        for apps in plans:
            self.plan_meeting(apps, True)

    @rule(a=st.sets(st.integers(0, 2), min_size=1), held=st.booleans())
    def plan_meeting(self, a: set[int], held: bool) -> None:
        """Plan the next meeting with some applications; ``held``: kallelse and attendance."""
        if len(self.meetings) >= 4:
            return
        day = FIRST_DAY + timedelta(days=30 * len(self.meetings))
        m = meetings.create_meeting(day, place="Ludvika")
        m.chair = self.board.ledamot["Ludvika"]
        agenda.add_standard_items(m)
        self.meetings.append(m)
        for index in sorted(a):
            self.add_item(0, index)
        if held:
            self.fix_agenda(0)
            self.attend(0, {"FK", "AF", "Region", "Ludvika"})

    @rule(m=st.integers(0, 3), a=st.integers(0, 2))
    def add_item(self, m: int, a: int) -> None:
        meeting, app_ = self._meeting(m), self.apps[a]
        if meeting is not None:
            self._try(
                lambda: agenda.add_paragraph(
                    meeting, kind="application", title=app_.title, application=app_
                )
            )

    @rule(m=st.integers(0, 3))
    def fix_agenda(self, m: int) -> None:
        meeting = self._meeting(m)
        if meeting is not None:
            self._try(lambda: agenda.fix_agenda(meeting))

    @rule(m=st.integers(0, 3), present=st.sets(st.sampled_from(PARTIES), min_size=2))
    def attend(self, m: int, present: set[str]) -> None:
        meeting = self._meeting(m)
        if meeting is None:
            return
        rows = {
            member.id: ("present" if party in present else "absent", None)
            for party, member in self.board.ledamot.items()
        }
        self._try(lambda: meetings.record_attendance(meeting, rows))

    @rule(m=st.integers(0, 3), i=st.integers(0, 3), party=st.sampled_from(("FK", "AF")))
    def jav(self, m: int, i: int, party: str) -> None:
        items = self._items(m)
        if items:
            item = items[i % len(items)]
            member = self.board.ledamot[party]
            existing = next((r for r in item.recusals if r.member_id == member.id), None)
            if existing is None:
                self._try(lambda: jav.add_recusal(item, member, "Styrelseuppdrag i projektet"))
            else:
                self._try(lambda: jav.remove_recusal(existing))

    @rule(
        m=st.integers(0, 3),
        i=st.integers(0, 3),
        outcome=st.sampled_from((*OUTCOMES, "granted", "granted")),
        amount=st.sampled_from(("50000", "100000", "150000")),
        later=st.booleans(),
    )
    def decide(self, m: int, i: int, outcome: str, amount: str, later: bool) -> None:
        items = self._items(m)
        if not items:
            return
        item = items[i % len(items)]
        target = next(
            (x for x in self.meetings if x.date > item.meeting.date and not x.is_locked), None
        )
        self._try(
            lambda: decisions.record_decision(
                item,
                outcome=outcome,
                years={YEAR: Decimal(amount)},
                reasons="Skäl enligt protokollet.",
                over_budget_confirmed=True,
                postponed_to=target if later else None,
            )
        )

    @rule(m=st.integers(0, 3), i=st.integers(0, 3))
    def withdraw_decision(self, m: int, i: int) -> None:
        items = self._items(m)
        if items:
            item = items[i % len(items)]
            self._try(lambda: decisions.remove_decision(item))

    @rule(m=st.integers(0, 3), i=st.integers(0, 3))
    def adjust_now(self, m: int, i: int) -> None:
        items = self._items(m)
        if items:
            item = items[i % len(items)]
            self._try(lambda: justering.adjust_at_meeting(item))

    @rule(m=st.integers(0, 3))
    def justera(self, m: int) -> None:
        meeting = self._meeting(m)
        if meeting is None:
            return

        def run() -> None:
            eligible = justering.eligible_justerare(meeting)
            if eligible:
                justering.elect_justerare(meeting, eligible[:1])
            justering.record_justering(
                meeting,
                on=meeting.date,
                signers=[self.board.ledamot["Ludvika"], *eligible[:1]],
            )

        self._try(run)

    # --- invariants --------------------------------------------------------------------

    @invariant()
    def never_two_grants(self) -> None:
        per_app = db.session.execute(
            select(Grant.application_id, func.count(Grant.id)).group_by(Grant.application_id)
        ).all()
        assert all(count == 1 for _app, count in per_app), per_app
        per_decision = db.session.execute(
            select(Grant.decision_id, func.count(Grant.id)).group_by(Grant.decision_id)
        ).all()
        assert all(count == 1 for _d, count in per_decision), per_decision

    @invariant()
    def funds_counted_once(self) -> None:
        live: dict[int, list[Decision]] = {}
        for decision in db.session.scalars(
            select(Decision).where(Decision.outcome.in_([o.value for o in GRANTING]))
        ):
            has_grant = db.session.scalar(
                select(func.count(Grant.id)).where(Grant.decision_id == decision.id)
            )
            if decision.acted_at is None or has_grant:
                live.setdefault(decision.application_id, []).append(decision)
        assert all(len(found) == 1 for found in live.values()), live
        decided = db.session.scalar(
            select(func.sum(DecisionYear.amount)).where(
                DecisionYear.year == YEAR,
                DecisionYear.decision_id.in_([d.id for ds in live.values() for d in ds] or [0]),
            )
        )
        counted = funds_module.money_left_for_insatser(YEAR).decided  # the one figure
        assert counted == (decided or ZERO)

    @invariant()
    def protocol_agrees_with_decisions(self) -> None:
        for meeting in self.meetings:
            items = {i.paragraph_id: i for i in protocol.protocol_data(meeting).items}
            for paragraph in meeting.paragraphs:
                item = items[paragraph.id]
                decision = paragraph.decision
                assert "{" not in item.minutes + item.decision
                if decision is None:
                    assert item.decision == ""
                    continue
                if item.clauses:  # an application decision is written as att-satser
                    assert item.decision in ("", decision.text)
                    rows = {(str(row.year), sek(row.amount)) for row in decision.years}
                    assert rows <= set(item.amounts)
                    if decision.years:
                        assert sek(decision.total) in item.clauses[0]
                else:
                    assert item.decision == decision.text
                    for row in decision.years:
                        assert any(str(row.year) in line for line in item.details)
                if decision.outcome == "withdrawn":
                    assert decision.text == f"Ärendet utgår: {decision.reasons}"
                if paragraph.adjusted_at_meeting:
                    assert "Paragrafen förklaras omedelbart justerad." in item.notes

    # --- the end: every meeting reaches justerad ------------------------------------------

    def _justera_all(self) -> None:
        """The documented fixes, in meeting order; each meeting must end justerad."""
        for meeting in self.meetings:
            if meeting.is_locked:
                continue
            if not meeting.agenda_fixed:
                agenda.fix_agenda(meeting)
            meetings.record_attendance(
                meeting, {member.id: ("present", None) for member in self.board.ledamot.values()}
            )
            for paragraph in meeting.paragraphs:
                if justering.problem(paragraph) is not None:
                    decisions.record_decision(
                        paragraph, outcome="withdrawn", reasons="Ärendet har avgjorts."
                    )
            assert justering.problems(meeting) == []
            chosen = justering.eligible_justerare(meeting)[:1]
            justering.elect_justerare(meeting, chosen)
            justering.record_justering(
                meeting, on=meeting.date, signers=[self.board.ledamot["Ludvika"], *chosen]
            )
            assert meeting.is_locked
        self.never_two_grants()
        self.funds_counted_once()
        self.protocol_agrees_with_decisions()
        for app_ in self.apps:  # a granted application has exactly its one grant
            count = db.session.scalar(
                select(func.count(Grant.id)).where(Grant.application_id == app_.id)
            )
            assert count == (1 if app_.status == "in_progress" else 0), app_.status


def test_meetings_never_jam(app: Flask) -> None:
    APP["app"] = app
    run_state_machine_as_test(
        Meetings,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
