"""The current round of demo applications (2026, for 2027–2029), in every state before decision."""

from __future__ import annotations

from typing import Any

from models import Application, InsatsType, User

from ..services.applications import workflow
from ..services.applications.attachments import add_attachment
from . import application_texts as texts
from .application_builders import TINY_PDF, D, application, at, co, cost, prepare, staff


def current_round(orgs: dict[str, Any], owner: User, chef: User) -> dict[str, Application]:
    vagen_in = application(
        orgs,
        chef,
        title="Vägen in",
        owner="AME Ludvika",
        parties=["AF", "FK", "Region"],
        start="2027-01-01",
        end="2028-12-31",
        created="2026-09-01",
        contact="Per Ström",
        insats_type=InsatsType.INDIVIDUAL,
        participants={2027: 45, 2028: 50},
        text=texts.VAGEN_IN,
    )
    for year in (2027, 2028):
        staff(
            vagen_in,
            orgs,
            year,
            role="Arbetskonsulent",
            person="Sara Nilsson",
            employer="AME Ludvika",
            percent=D(100),
            annual_salary=D(408_000),
        )
        staff(
            vagen_in,
            orgs,
            year,
            role="Arbetsterapeut",
            employer="Region",
            percent=D(50),
            annual_salary=D(480_000),
        )
        cost(vagen_in, year, "premises", "60000", "Träningslokal")
        cost(vagen_in, year, "material", "20000", "Arbetskläder och material")
        co(vagen_in, orgs, year, "AF", "in_kind", 120_000, "Arbetsförmedlare 20 %")
    cost(vagen_in, 2028, "evaluation", "40000", "Extern utvärdering")

    trisam = application(
        orgs,
        chef,
        title="Trisam – team för tidig samordning",
        owner="IFO",
        parties=["FK", "Smedjebacken"],
        start="2027-01-01",
        end="2027-12-31",
        created="2026-09-10",
        contact="Eva Dahl",
        insats_type=InsatsType.INDIVIDUAL,
        participants={2027: 80},
        text=texts.TRISAM,
    )
    staff(
        trisam,
        orgs,
        2027,
        role="Samordnare",
        employer="Region",
        percent=D(50),
        annual_salary=D(456_000),
    )
    cost(trisam, 2027, "travel", "12000", "Resor till vårdcentralerna")

    coaches = application(
        orgs,
        chef,
        title="Kvinnocoacher för arbetsåtergång",
        owner="Region",
        parties=["FK", "AF"],
        start="2027-01-01",
        end="2027-12-31",
        created="2026-09-15",
        contact="Lena Berg",
        insats_type=InsatsType.INDIVIDUAL,
        participants={2027: 30},
        text=texts.KVINNOCOACHER,
    )
    staff(
        coaches,
        orgs,
        2027,
        role="Coach",
        employer="Region",
        percent=D(100),
        annual_salary=D(396_000),
    )
    cost(coaches, 2027, "other", "25000", "Friskvård och gruppaktiviteter")
    co(coaches, orgs, 2027, "FK", "in_kind", 45_000, "Försäkringssamordnare 10 %")

    samverk = application(
        orgs,
        chef,
        title="SAMVERK – gemensam kompetensutveckling",
        owner="Ludvika",
        parties=["AF", "FK", "Region"],
        start="2027-01-01",
        end="2027-12-31",
        created="2026-09-28",
        contact="Karl Ek",
        insats_type=InsatsType.STRUCTURAL,
        text=texts.SAMVERK,
    )
    cost(samverk, 2027, "other", "180000", "Utbildningsdagar och föreläsare")
    cost(samverk, 2027, "evaluation", "30000", "Enkäter enligt indikatorprojektet")

    door = application(
        orgs,
        chef,
        title="En dörr in",
        owner="Smedjebacken",
        parties=["FK", "AF"],
        start="2027-01-01",
        end="2028-12-31",
        created="2026-10-01",
        contact="Mona Lind",
        insats_type=InsatsType.INDIVIDUAL,
        text=texts.EN_DORR_IN,
    )
    for year in (2027, 2028):
        staff(
            door,
            orgs,
            year,
            role="Mottagningssekreterare",
            employer="Smedjebacken",
            percent=D(75),
            annual_salary=D(384_000),
        )

    study = application(
        orgs,
        chef,
        title="Förstudie: unga vuxna med aktivitetsersättning",
        owner="FK",
        parties=["Region", "Ludvika"],
        start="2027-01-01",
        end="2027-06-30",
        created="2026-10-20",
        contact="Ali Hassan",
        insats_type=InsatsType.PRESTUDY,
        text=texts.FORSTUDIE,
    )
    staff(
        study,
        orgs,
        2027,
        role="Utredare",
        employer="FK",
        percent=D(70),
        annual_salary=D(516_000),
        months=6,
    )

    flatan = application(
        orgs,
        owner,
        title="Flåtan – vägen till arbete",
        owner="AME",
        parties=["AF", "FK", "Region"],
        start="2027-01-01",
        end="2029-12-31",
        created="2026-11-10",
        contact="Johan Berg",
        participants={2027: 25, 2028: 30, 2029: 30},
        text=texts.FLATAN,
    )
    for year in (2027, 2028, 2029):
        staff(
            flatan,
            orgs,
            year,
            role="Handledare",
            employer="AME",
            percent=D(100),
            annual_salary=D(372_000),
        )
        staff(
            flatan,
            orgs,
            year,
            role="Projektledare",
            employer="AME",
            percent=D(50),
            annual_salary=D(480_000),
        )
        co(flatan, orgs, year, "ESF", "cash", 400_000, "ESF-stöd enligt ansökan")

    steps = [
        (vagen_in, "2026-09-14"),
        (coaches, "2026-09-21"),
        (trisam, "2026-09-28"),
        (samverk, "2026-10-05"),
        (door, "2026-10-12"),
        (study, "2026-11-02"),
    ]
    agreement = add_attachment(
        vagen_in,
        "Samverkansöverenskommelse Vägen in.pdf",
        TINY_PDF,
        user=chef,
        description="Överenskommelse mellan AME Ludvika, Arbetsförmedlingen och regionen",
    )
    agreement.uploaded_at = at("2026-09-12")
    for item, day in steps:
        workflow.transition(item, "submitted", user=chef, at=at(day))
    prepare(
        vagen_in,
        chef,
        "2026-10-01",
        "Styrelsen beviljar Vägen in 900 000 kr för 2027 och 900 000 kr för 2028.",
        y2027="900000",
        y2028="900000",
        conditions="Lägesrapport varje tertial; beslut om 2028 förutsätter att målen för "
        "2027 nås till minst hälften.",
    )
    workflow.transition(vagen_in, "proposed", user=chef, at=at("2026-11-09"))
    for item, day in ((coaches, "2026-10-08"), (trisam, "2026-10-15")):
        requested = workflow.requested_by_year(item)
        prepare(
            item,
            chef,
            day,
            f"Styrelsen beviljar {item.title} {requested[2027]:,.0f} kr för 2027.".replace(
                ",", " "
            ),
        )
        workflow.transition(item, "proposed", user=chef, at=at("2026-11-09"))
    workflow.transition(samverk, "in_preparation", user=chef, at=at("2026-10-12"))
    workflow.transition(
        door,
        "supplement_requested",
        user=chef,
        at=at("2026-10-19"),
        note="Budgeten saknar Arbetsförmedlingens medverkan; komplettera med "
        "deras insats och en tidsplan.",
    )
    return {
        "vagen_in": vagen_in,
        "trisam": trisam,
        "kvinnocoacher": coaches,
        "samverk": samverk,
        "en_dorr_in": door,
        "forstudie": study,
        "flatan": flatan,
    }
