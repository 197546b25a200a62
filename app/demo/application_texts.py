"""The long texts of the demo applications (docs/domain.md, Demo förbund), apart from the seed."""

from __future__ import annotations

EN_VAG_IN = {
    "background": (
        "Många invånare i Ludvika och Smedjebacken behöver stöd från flera aktörer samtidigt "
        "för att närma sig arbete: Arbetsförmedlingen, Försäkringskassan, kommunens "
        "arbetsmarknadsenhet och socialtjänsten. I dag möter de aktörerna var för sig, "
        "berättar sin historia flera gånger och faller mellan stolarna.\n\n"
        "Parterna vill därför bygga en gemensam plattform – En väg in – dit den som behöver "
        "stöd från minst två aktörer kan vända sig."
    ),
    "purpose": (
        "Att personer 16–64 år som behöver samordnat stöd ska få en väg in och en gemensam "
        "planering, i stället för fyra parallella."
    ),
    "goals": (
        "Kontakt inom två veckor från anmälan.\n"
        "En gemensam planering för varje deltagare inom fyra veckor.\n"
        "Minst 60 deltagare under 2016."
    ),
    "target_group": (
        "Personer 16–64 år i Ludvika och Smedjebacken som behöver stöd från minst två av "
        "parterna för att komma närmare arbete eller studier."
    ),
    "activities": (
        "En processledare bygger upp plattformen: gemensamma rutiner för anmälan, "
        "samtycke och planering, lokal och dokumentationssystem.\n\n"
        "Handläggare från AME och IFO arbetar 12 timmar i veckan var i plattformen; "
        "Arbetsförmedlingen och Försäkringskassan deltar i de gemensamma planeringsmötena."
    ),
    "time_plan": (
        "Januari–september 2016: uppbyggnad, rutiner och lokal.\n"
        "3 oktober 2016: plattformen öppnar.\n"
        "December 2016: första uppföljning."
    ),
    "organisation_text": (
        "Processägare är AME Ludvika, som har processledaren anställd; ansökan görs av "
        "AME Smedjebacken. En styrgrupp med chefer från AME, IFO, Arbetsförmedlingen och "
        "Försäkringskassan möts varannan månad."
    ),
    "cooperation": (
        "Parterna bidrar med personal, lokal och driftskostnader enligt budgeten; "
        "uppstartskostnaden på 265 000 kr (hyra, möbler, IT och ett gemensamt "
        "dokumentationssystem) delas lika mellan AF, FK, AME och IFO, 66 250 kr var, och "
        "driftskostnaden på 161 000 kr om året likaså, 40 250 kr var."
    ),
    "follow_up": ("Deltagarna registreras i SUS. Väntetid till första kontakt följs varje månad."),
    "continuation": (
        "Löpande kostnader (161 000 kr per år för lokal och licens) delas av parterna "
        "efter projekttiden; målet är att plattformen blir ordinarie verksamhet 2018."
    ),
    "risks": "Att parterna inte kan avsätta personal; att deltagare inte ger samtycke.",
}

EN_VAG_IN_EXTENSION = {
    "results_so_far": (
        "Plattformen öppnade den 3 oktober 2016. Under de första åtta veckorna anmäldes "
        "41 personer; alla fick kontakt inom två veckor."
    ),
    "reasons": (
        "Uppbyggnaden är klar, men arbetssättet behöver ett år till för att sätta sig. "
        "En samordnare på 25 % håller ihop planeringsmötena under 2017."
    ),
    "purpose": "Att förankra En väg in som ordinarie arbetssätt hos parterna.",
    "goals": "Kontakt inom två veckor för minst 90 % av de anmälda under 2017.",
}

VAGEN_IN = {
    "background": (
        "Efter förebild från Vägen in i Köping, Arboga och Kungsör – där 58, 29 och 13 "
        "procent av deltagarna kom från respektive kommun – vill Ludvika erbjuda "
        "arbetsträning med stöd av arbetskonsulent och arbetsterapeut."
    ),
    "purpose": "Att deltagare långt från arbetsmarknaden ska komma i arbete eller studier.",
    "goals": "45 deltagare 2027 och 50 deltagare 2028; 40 % till arbete eller studier.",
    "target_group": "Personer 20–64 år med aktivitetsersättning eller långvarigt försörjningsstöd.",
    "activities": "Kartläggning, arbetsträning, stegvis utslussning med handledare.",
}

TRISAM = {
    "background": (
        "Trisam-team – Region, Försäkringskassan och kommunen – möter sjukskrivna tidigt, "
        "innan sjukskrivningen blir lång."
    ),
    "purpose": "Att korta sjukskrivningar genom samordnade insatser tidigt.",
    "goals": "Samordnad plan inom 30 dagar för 80 % av de anmälda.",
}

KVINNOCOACHER = {
    "background": (
        "Kvinnor med lång sjukskrivning och försörjningsstöd har svårt att hitta tillbaka. "
        "I en tidigare omgång fullföljde 27 av 31 deltagare sin plan."
    ),
    "purpose": "Att kvinnor med lång sjukskrivning ska återgå i arbete med stöd av coacher.",
    "goals": "30 deltagare 2027; 24 ska fullfölja sin plan.",
}

SAMVERK = {
    "background": (
        "Efter förebild från SAMVERK i Vetlanda: gemensam kompetensutveckling för "
        "handläggare hos parterna, så att de känner varandras uppdrag och regelverk."
    ),
    "purpose": "Att handläggarna ska kunna lotsa rätt från första mötet.",
    "goals": "120 handläggare utbildade; enkät enligt indikatorprojektet före och efter.",
}

EN_DORR_IN = {
    "background": "Ett gemensamt mottagande i Smedjebacken, efter förebild från Borlänge.",
    "purpose": "Att invånare ska mötas av en dörr in till parternas stöd.",
}

FORSTUDIE = {
    "background": (
        "Unga vuxna med aktivitetsersättning får sällan stöd mot arbete. Förstudien "
        "kartlägger gruppen och parternas insatser."
    ),
    "purpose": "Att ta fram underlag för ett eventuellt projekt 2028.",
    "activities": "En utredare på 70 % intervjuar deltagare och handläggare i sex månader.",
}

FLATAN = {
    "background": (
        "Flåtan är ett ESF-projekt där förbundet medfinansierar en arbetsmarknadsinsats "
        "för personer som står långt från arbetsmarknaden i Smedjebacken."
    ),
    "purpose": "Att deltagarna ska komma närmare arbete genom praktik i kommunens verksamheter.",
}
