"""The goal tables of vård- och omsorgsnämndens verksamhetsplan 2023–2025
(same shapes as app/plan/demo_data.py)."""

from __future__ import annotations

from app.plan.demo_data import (
    ALDERDOM,
    BOSTADSORT,
    DIG,
    FOLKHALSA,
    FORTSATT_PROCESS,
    HALLBAR,
    MAL_INTRO,
    MOD_BETYDER,
    NYCKELTAL_INTRO,
    SOF_TEXT,
    UPPFOLJNING_TEXT,
    UPPVAXT,
)

NEG = "0 % neg. avvikelse"
INLEDNING_2023 = [
    "Kommunfullmäktige (KF) har beslutat om Mål och budget (M&B) 2023–2024 vilken innehåller "
    "fullmäktiges styrning av koncernen. Enligt budgetreglerna ska nämnderna anta en verksamhetsplan.",
    "I föreliggande verksamhetsplan redovisas hur social- och omsorgsförvaltningen samt "
    "äldreomsorgsförvaltningen kommer att arbeta under 2023 för att uppnå de mål kommunfullmäktige "
    "respektive vård- och omsorgsnämnden beslutat.",
]
AF_TEXT_2023 = [
    "Denna förvaltning ansvarar för kommunens äldreomsorg samt den kommunala hälso- och sjukvården. "
    "I förvaltningen arbetar ca 300 medarbetare inom olika yrkesområden.",
    "Under förvaltningschef finns fyra direktrapporterande verksamhetschefer. Dessa tillsammans med "
    "förvaltnings- och verksamhetssamordnare utgör äldreomsorgens förvaltningsledning.",
]

PLAN_2023 = {
    "forsta_ar": 2023, "antagen": ("2022-12-14", "§ VON.2022.55"),
    "avsnitt": [
        ("inledning", "Inledning", 1, INLEDNING_2023),
        ("inledning", "Social- och omsorgsförvaltningen", 2, [
            *SOF_TEXT, "Under förvaltningschef finns en ledningsgrupp med fem enhetschefer samt en "
            "stödfunktionsgrupp med utvecklingsstrateger och utvecklingsledare. Förvaltningen har ca 130 "
            "medarbetare."]),
        ("inledning", "Äldreomsorgsförvaltningen", 2, AF_TEXT_2023),
        ("mal", "", 1, [*MAL_INTRO, "Nedbrutna nämndmål och mått/indikatorer med information om årliga "
                        "målvärden läggs in i mallarna på följande sidor."]),
        ("ovriga", "", 1, ["Utöver arbetet med Kommunmålen kan det även finnas behov att specificera "
                           "nämndens egen styrning av förvaltning och verksamhet. Konkreta och "
                           "uppföljningsbara mål och mått/indikatorer för nämndens styrning i övrigt görs i "
                           "tabellerna nedan."]),
        ("nyckeltal", "", 1, NYCKELTAL_INTRO),
        ("avslutning", "Uppföljning", 1, UPPFOLJNING_TEXT),
        ("avslutning", "Fortsatt process VP/HP", 1, FORTSATT_PROCESS),
    ],
    "omraden": [
        {"namn": "Mod och framtidstro", "beskrivning": "I Oxelösund råder mod och framtidstro.",
         "betyder": MOD_BETYDER,
         "kf": [
             ("Genom att stärka kommunens attraktionskraft som turist- och boendeort bidrar alla nämnder och "
              "bolag till att antalet invånare i Oxelösund årligen ökar med minst 90 personer jämfört med "
              "föregående år. Redovisas i delårsrapport (D) och bokslut (B).", [
                  ("Ökad digitalisering av verksamheterna inom social- och omsorgsförvaltningen (SOF)",
                   [(DIG, "", "", "2 (2022)", ["1", "1", "1"])]),
                  ("Ökad digitalisering av verksamheterna inom äldreomsorgsförvaltningen (ÄF)",
                   [(DIG, "", "", "1 (2022)", ["1", "1", "1"])])]),
             ("Andelen sysselsatta bland Oxelösunds befolkning i arbetsför ålder ökar jämfört med "
              "föregående år. (D/B)", [
                  ("Andelen med insats jobbcoach som efter avslut är i egen försörjning eller studier ska "
                   "vara minst 50 % (SOF)",
                   [("Egen mätning i Viva.", "", "", "50 % (jan-okt 2022)",
                     ["≥ 50 %", "≥ 50 %", "≥ 50 %"])])]),
             ("Alla nämnder och bolag tillvaratar möjliga effektiviseringar inom sitt ansvarsområde som "
              "bryter mönster och prövar nya kostnadseffektiva arbetssätt. (D/B)", [
                  ("Förvaltningen kompetensutvecklar enligt framtagen plan (SOF)",
                   [("Antal genomförda aktiviteter.", "", "", "Nytt mål.", ["≥3", "≥3", "≥3"])]),
                  ("Äldreomsorgsförvaltningen har ett resursfördelningssystem för att bemanna utifrån "
                   "brukarnas behov (ÄF)",
                   [("Resursfördelningssystem infört vid årets slut.", "", "", "Nytt mål.",
                     ["100%", "", ""])])]),
         ]},
        {"namn": "Trygg och säker uppväxt", "beskrivning": UPPVAXT[0], "betyder": UPPVAXT[1],
         "kf": [
             ("Kunskapsresultaten för elever från årskurs ett till sex i Oxelösund är minst i nivå med "
              "genomsnittet för Sveriges kommuner (UN). (B)", []),
             ("Trygghet bland barn och ungdomar i Oxelösund ökar jämfört med föregående år. (B)", [
                 ("Förebyggande arbete för barn och unga ska öka (SOF)",
                  [("Antal pågående besök i snitt per månad hos familje- och ungdomsstöd.", "", "",
                    "48 (jan-nov 2022)", [">20", ">20", ">20"])])]),
             ("100 ungdomar erbjuds årligen ferieplatser i kommunal verksamhet. (D/B)", [
                 ("5 ungdomar erbjuds årligen ferieplatser inom social- och omsorgsförvaltningen (SOF)",
                  [("Antal mottagna feriearbetare.", "", "", "Nytt mål.", ["5", "5", "5"])]),
                 ("5 ungdomar erbjuds årligen ferieplatser inom äldreomsorgsförvaltningen (ÄF)",
                  [("Antal mottagna feriearbetare.", "", "", "Nytt mål.", ["5", "5", "5"])])]),
         ]},
        {"namn": "God folkhälsa", "beskrivning": FOLKHALSA[0], "betyder": FOLKHALSA[1],
         "kf": [
             ("Bruk av tobak och alkohol bland barn och ungdomar i Oxelösund minskar jämfört med föregående "
              "år (KS, KFN, UN, VON). (B)", [
                  ("Erbjuda föräldraskapsstödsprogram (ABC, FÖS och/eller SMB) varje termin (SOF)",
                   [("Antal erbjudna grupper.", "", "", "3 (2022)", ["2", "2", "2"])])]),
             ("Fler invånare använder de möjligheter som finns för att delta i kommunens utveckling jämfört "
              "med föregående år. (D/B)", [
                  ("Öka deltagandet i brukarundersökningen inom boende LSS (SOF)",
                   [("Andel som deltagit i brukarundersökning.", "", "", "74 % (2022)",
                     ["80 %", "80 %", "80 %"])]),
                  ("Öka deltagandet i den nationella brukarundersökningen (ÄF)",
                   [("Andel som deltagit i brukarundersökningen i hemtjänst", "", "", "54%",
                     ["57%", "65%", "70%"])]),
                  ("Öka deltagandet i den nationella brukarundersökningen (ÄF)",
                   [("Andel som deltagit i brukarundersökningen i särskilt boende", "", "", "39%",
                     ["42%", "50%", "55%"])])]),
             ("Fler invånare deltar i kommunala verksamheter och aktiviteter som främjar kultur, friskvård "
              "och hälsa jämfört med föregående år. (D/B)", [
                  ("Öka deltagandet i öppen träffpunkt (ÄF)",
                   [("Antal deltagare per månad i snitt", "", "", "100 (nov 2022)",
                     ["110", "120", "130"])])]),
         ]},
        {"namn": "Trygg och värdig ålderdom", "beskrivning": ALDERDOM[0], "betyder": ALDERDOM[1],
         "kf": [
             ("Andel äldre (65+) i Oxelösund som känner sig trygga ökar jämfört med föregående år genom "
              "äldres deltagande i kommunala trygghetsskapande aktiviteter. (B)", [
                  ("Öka tillgänglighet till information gällande trygghet i hemmet och ute i samhället (ÄF)",
                   [("Antal genomförda aktiviteter för att öka informationens tillgänglighet", "", "",
                     "Nytt mål", ["1", "2", "2"])])]),
             ("Andelen brukare som är ganska eller mycket nöjda med sitt särskilda boende är minst i nivå "
              "med genomsnittet vid senaste mätning i likvärdiga kommuner (VON, KFN, KS, KBAB). (B)", [
                  ("Andel brukare som är ganska eller mycket nöjda med sitt SÄBO ska öka (ÄF)",
                   [("Egen mätning", "", "", "69%", ["72%", "80%", "85%"])])]),
             ("Andelen brukare som är ganska eller mycket nöjda med sin hemtjänst är minst i nivå med "
              "genomsnittet vid senaste mätning i likvärdiga kommuner (VON, KFN, KS). (B)", [
                  ("Andel brukare som är ganska eller mycket nöjda med sin hemtjänst (ÄF)",
                   [("Egen mätning", "", "", "71%", ["74%", "82%", "89%"])])]),
             ("Antal personer (personal) en brukare med hemtjänst möter under 14 dagar är högst i nivå med "
              "genomsnittet vid senaste mätning i likvärdiga kommuner (VON). (B)", [
                  ("Antal personer (personal) som en brukare med hemtjänst möter under 14 dagar ska "
                   "minska (ÄF)", [("Egen mätning", "", "", "20", ["16", "16", "16"])])]),
         ]},
        {"namn": "Attraktiv bostadsort", "beskrivning": BOSTADSORT[0], "betyder": BOSTADSORT[1],
         "kf": [
             ("Nöjdhet bland elever och föräldrar i förskola och skolor i Oxelösunds kommun ökar jämfört "
              "med föregående år (UN). (B)", [
                  ("Öka närvaro i de pågående ärenden som FSP har (SOF)",
                   [("Andel pågående ärenden med ökad närvaro.", "", "", "Delår 2022: 69 %",
                     [">50%", ">50%", ">50%"])])]),
             ("Företagarnas sammanfattande omdöme om kommunens näringslivsklimat ökar jämfört med "
              "föregående år (KS). (B)", []),
             ("Kommuninvånarens upplevelse av gott bemötande och enkelhet att komma i kontakt med kommunens "
              "verksamheter ökar jämfört med föregående år. (B)", [
                  ("Öka antal ärenden som är hanterade inom 24 h (i specialistgrupp) (SOF)",
                   [("Andel ärenden hanterade inom 24 h.", "", "", "Nytt mål.",
                     [">2022", ">2023", ">2024"])]),
                  ("Öka antal ärenden som är hanterade inom 24 h (i specialistgrupp) (ÄF)",
                   [("Andel ärenden hanterade inom 24 h.", "", "", "Nytt mål.",
                     [">2022", ">2023", ">2024"])])]),
         ]},
        {"namn": "Hållbar utveckling", "beskrivning": HALLBAR[0], "betyder": HALLBAR[1],
         "kf": [
             ("Resultatet efter reavinster, uttryckt som andel av skatter och statsbidrag ska 2023 – 2025 "
              "vara 0,0 %. (D/B)", [
                  ("Nämnden håller sin driftsbudget (SOF/ÄF)",
                   [("Intern ekonomisk uppföljning.", "", "", "Nytt mål.", [NEG, NEG, NEG])])]),
             ("Nettokostnadsandelen skall 2023 vara max 99 %, 2024 100 % och 2025 100 %. (D/B)", [
                  ("Nämnden håller sin budget på samtliga investeringar (SOF/ÄF)",
                   [("Intern ekonomisk uppföljning.", "", "", "Nytt mål.", [NEG, NEG, NEG])])]),
             ("Kommunkoncernens soliditet ska vara minst 30% (KS). (B)", []),
             ("Kommunens värde för hållbart medarbetarengagemang bland kommunens anställda ökar jämfört med "
              "föregående år. (B)", [
                  ("HME-värde ökar bland de anställda jämfört med föregående år (SOF)",
                   [("HME-index", "", "", "74 % (Pulsmätning sep 2022)", [">75%", "78%", "81%"])]),
                  ("HME-värde ökar bland de anställda jämfört med föregående år (ÄF)",
                   [("HME-index", "", "", "74% (Pulsmätning sep 2022)", [">75%", "78%", "81%"])])]),
             ("Sjukfrånvaron hos kommunanställda minskar jämfört med föregående år. (D/B)", [
                  ("Öka frisknärvaron jämfört med föregående år (SOF)",
                   [("Statistik från personal-enheten.", "", "", "Delår 2022: 91,74 %",
                     [">91,74 %", ">91,74 %", ">91,74 %"])]),
                  ("Öka frisknärvaron jämfört med föregående år (ÄF)",
                   [("Statistik från personal-enheten.", "", "", "Delår 2022: 88,24 %",
                     [">88,24 %", ">88,24 %", ">88,24 %"])])]),
             ("Balansen mellan kvinnor och män i kommunens största yrkesgrupper utvecklas mot en jämnare "
              "fördelning jämfört med föregående år. (D/B)", [
                  ("Vidareutveckla en jämn könsfördelning inom omsorgspersonal (SOF)",
                   [("Andel män av omsorgspersonal", "", "", "22%", ["25%", "25%", "25%"])]),
                  ("Vidareutveckla en jämn könsfördelning inom omsorgspersonal (ÄF)",
                   [("Andel män av månadsavlönad omsorgspersonal", "", "", "15% (okt 2022)",
                     ["18%", "21%", "25%"])])]),
             ("För minskad negativ miljö- och klimatpåverkan ska mängden uppkommen avfall reduceras och "
              "återvinning öka jämfört med föregående år. (D/B)", [
                  ("Alla verksamheter ska ha möjlighet till avfallsåtervinning (SOF)",
                   [("Egen mätning.", "", "", "Nytt mål.", ["80 %", "90 %", "100 %"])]),
                  ("Alla verksamheter ska ha möjlighet till avfallsåtervinning (ÄF)",
                   [("Egen mätning", "", "", "Nytt mål", ["80%", "90%", "100%"])])]),
             ("För minskad negativ miljö- och klimatpåverkan ska alla planerade nybyggnationer och större "
              "ombyggnationer uppfylla kriterier för \"Gröna lån\" (KS, MSN, Bolagen). (B)", []),
         ]},
    ],
    "ovriga": [("Öka antalet fossilfria fordon/fortskaffningsmedel (SOF)",
                [("Antal aktiviteter för att öka antalet fossilfria fordon", "", "", "2 (2022)",
                  ["2", "2", "2"])],
                "Bidra till en bättre miljö.")],
    "nyckeltal": [
        ("Placeringskostnad per dygn för BoU (alla placeringar)", "Hålla budget", "Placerings-ekonomi",
         "37 911 (Jan-okt 2022)", "Månadsvis", "SOF"),
        ("Placeringskostnad per dygn för BoU, konsulentstödda", "Hålla budget", "Placerings-ekonomi",
         "12 487 (Jan-okt 2022)", "Månadsvis", "SOF"),
        ("Beläggning HVB Oliven", "Maximera antalet platser/undvika externplaceringar/möjlighet att sälja "
         "platser", "Antal dygn", "", "Helår", "SOF"),
        ("Sjukfrånvaro", "Kontinuerligt följa utvecklingen under året", "Egen mätning Hypergene", "",
         "Månadsvis (en månads eftersläpning)", "ÄF"),
        ("Delegerade HSL-uppgifter (antal timmar)", "Kontinuerligt följa utvecklingen under året",
         "Egen mätning Treserva", "", "Månadsvis", "ÄF"),
    ],
    "nyckeltal_fotnoter": [],
    "forandring": [],
}
