"""The goal tables of the verksamhetsplaner 2022–2024 and 2023–2025 of
Oxelösund's vård- och omsorgsnämnd, as typed in the documents.

KF-mål are given as printed ("… (KS, KFN, UN, VON). (B)") and nämndmål as printed
("… (SOF)"); app/plan/demo.py splits them with the same functions the program uses.
A goal is (printed text, [mått], syfte) and a mått (text, datakälla, Kolada-id,
ingångsvärde, [målvärde per plan year]).
"""

from __future__ import annotations

SAKNAS = "Saknas, nytt mål för perioden"
DIG = "Införa minst en lösning för välfärdsteknik alternativt digitalisera en process."
MOD_BETYDER = [
    "I Oxelösund råder mod och framtidstro. Det innebär en vilja att bryta mönster och att prova nya "
    "sätt att göra gott för kommuninvånarna. Kommunen och dess verksamheter marknadsförs med stolthet "
    "och goda exempel lyfts.",
    "Medborgarperspektiv, helhetssyn, dialog och tydlighet kännetecknar arbetet.",
]
UPPVAXT = ("Barn och ungdomar ska känna sig trygga såväl i samhället som i de kommunala verksamheterna.",
           ["I Oxelösund betyder det att alla barn och ungdomar ska nå goda studieresultat utifrån sina "
            "förutsättningar, att barn och ungdomar aktivt deltar i kultur- och fritidsutbudet och att barn "
            "och ungdomar växer upp i trygga hemförhållanden och i en trygg och säker miljö"])
FOLKHALSA = ("Oxelösundarnas faktiska folkhälsa och upplevda livskvalitet ska utvecklas positivt.",
             ["I Oxelösund betyder det att invånarna ska känna delaktighet och inflytande, att invånarna "
              "deltar i aktiviteter som främjar hälsa och friskvård samt lever ett självständigt liv fritt "
              "från missbruk."])
ALDERDOM = ("Det är värdigt, tryggt och säkert att åldras i Oxelösund.",
            ["I Oxelösund innebär det att äldre med behov av stöd erbjuds möjlighet att bo kvar i egen "
             "bostad och att äldre har inflytande över hur beviljade insatser utförs. Insatser till äldre "
             "ska vara av god kvalitet, individriktade samt ges med gott bemötande."])
BOSTADSORT = ("Oxelösund erbjuder ett havsnära boende och en hög kommunal servicenivå.",
              ["I Oxelösund innebär det att kommunen erbjuder bra barnomsorg, skola, fritid och kulturliv. "
               "Ett bra och varierat bostadsutbud finns för olika behov och åldrar.",
               "Kommunen präglas av ett positivt företagsklimat som gör det enkelt att starta, driva och "
               "utveckla företag. Infrastrukturen håller god kvalitet och upplevs välfungerande."])
HALLBAR = ("Oxelösunds kommun tar ansvar för att långsiktigt säkra resurser för framtiden och för kommande "
           "generationer.",
           ["I Oxelösund innebär det att kommunens ekonomi är stabil, att kommunen är en attraktiv "
            "arbetsgivare och att kommunen arbetar aktivt för att möta samhällets krav inom miljöområdet. "
            "Det innebär också att kommunen arbetar för ökad integration och möjlighet till egen "
            "försörjning."])

INLEDNING_2022 = [
    "Kommunfullmäktige (KF) har beslutat om Mål och budget (M&B) 2022–2024 vilken innehåller "
    "fullmäktiges styrning av koncernen. Enligt budgetreglerna ska nämnderna anta en verksamhetsplan.",
    "Vård- och omsorgsnämnden verksamhetsområde omfattar kommunens socialtjänst, omsorg om "
    "funktionsnedsatta samt kommunal hälso- och sjukvård. Under vård- och omsorgsnämnden finns två "
    "förvaltningar som ansvarar för olika delar av vård- och omsorgsnämndens verksamhet.",
    "Verksamhetsplanen omfattar kommunfullmäktiges mål respektive nämndmål. Rapportering till vård- och "
    "omsorgsnämnden sker vid delår och helår.",
]
SOF_TEXT = [
    "Denna förvaltning ansvarar för kommunens individ- och familjeomsorg och omsorg om personer med "
    "funktionsnedsättning. Förvaltningen har ansvar för myndighetsutövning och verkställande av "
    "myndighetsbeslut enligt Socialtjänstlag (SoL), Lag om stöd och service till vissa funktionshindrade "
    "(LSS), Lag med särskilda bestämmelser om vård av unga (LVU), Lag om vård av missbrukare i vissa fall "
    "(LVM) samt Lag med särskilda bestämmelser om unga lagöverträdare (LuL).",
]
AF_TEXT = [
    "Denna förvaltning ansvarar för kommunens äldreomsorg samt den kommunala hälso- och sjukvården. "
    "Förvaltningen har ansvar för myndighetsutövning och verkställande av beslut enligt Socialtjänstlag "
    "(SoL) för äldre personer. I detta ingår exempelvis stöd i ordinärt boende och särskilt boende för "
    "äldre.",
    "De utförarverksamheter som finns i förvaltningen arbetar utifrån uppdrag enligt både SoL och HSL.",
]
FORTSATT_PROCESS = [
    "Efter att verksamhetsplanen har antagits av nämnden ska handlingsplaner tas fram på förvaltnings- och "
    "enhetsnivå. Handlingsplanen ska beskriva de konkreta åtgärder/aktiviteter som planeras i syfte att nå "
    "nämndens mål samt vilken funktion som ansvarar för vilka delar. Handlingsplanen beslutas av respektive "
    "ansvarig chef.",
    "Handlingsplanerna ska vara färdiga senast i februari. Handlingsplanerna innehåller konkret",
    ["vad som planeras för att nå kommunfullmäktiges och nämndens mål",
     "varför detta görs kopplat till förväntad effekt som leder mot målet",
     "vem/funktion som ansvarar för genomförandet",
     "när insatser i handlingsplanen ska vara genomförda (ange Q1, Q2...)",
     "hur uppföljningen ska göras"],
]
UPPFOLJNING_TEXT = [
    "Samtliga nämnder ska lämna budgetuppföljning med prognos för helåret samt uppföljning av nämndens "
    "arbete med kommunmålen per mars, april, augusti (delårsrapport) och oktober. För helåret görs dessutom "
    "ett bokslut med årsredovisning och utvärdering av kommunmålen.",
    "Redovisningarna i mars, april och oktober görs till **kommunstyrelsen**. Delårsrapporten och "
    "bokslutsredovisningen tas upp till **kommunfullmäktige**. I kommunfullmäktiges mål framgår om de ska "
    "följas upp med mått/indikatorer i både delårs- och i bokslutsredovisningen (D/B) eller enbart i "
    "bokslutsredovisningen (B).",
]
MAL_INTRO = [
    "Nämndens verksamhet ska planeras och genomföras så att nämnden bidrar till kommunmålen. Om det "
    "specifika kommunfullmäktigemålet inte kan brytas ned inom nämndens ansvarsområde har nämnden att sätta "
    "kompletterande nämndmål inom ramen för kommunmålsbeskrivning.",
    "Varje framtaget mål ska vara SMART; Specifikt, Mätbart, Accepterat, Realistiskt och Tidsatt.",
]
NYCKELTAL_INTRO = [
    "Om nämnden väljer att följa andra nyckeltal vid sidan av arbetet med Kommunmålen anges dessa i "
    "nedanstående tabell.",
]

PLAN_2022 = {
    "forsta_ar": 2022, "antagen": ("2021-12-15", "§ 59"),
    "avsnitt": [
        ("inledning", "Inledning", 1, INLEDNING_2022),
        ("inledning", "Social- och omsorgsförvaltningen", 2, SOF_TEXT),
        ("inledning", "Äldreomsorgsförvaltningen", 2, AF_TEXT),
        ("inledning", "Fortsatt process VP/HP", 1, FORTSATT_PROCESS[:1]),
        ("mal", "", 1, MAL_INTRO),
        ("nyckeltal", "", 1, NYCKELTAL_INTRO),
        ("forandring", "", 1, ["Beskriv planerad förändring/utveckling av verksamhet utifrån antagen "
                               "förändringsbeskrivning. Ange vad, syfte/mål och effekt samt tidplan."]),
        ("avslutning", "Uppföljning", 1, UPPFOLJNING_TEXT),
    ],
    "omraden": [
        {"namn": "Mod och framtidstro", "beskrivning": "I Oxelösund råder mod och framtidstro.",
         "betyder": MOD_BETYDER, "kf": [],
         "mal": [("Ökad digitalisering av verksamheterna inom social- och omsorgsförvaltningen.",
                  [(DIG, "", "", "2", ["1", "1", "1"])]),
                 ("Ökad digitalisering av verksamheterna inom äldreomsorgsförvaltningen.",
                  [(DIG, "", "", "2", ["1", "1", "1"])])]},
        {"namn": "Trygg och säker uppväxt", "beskrivning": UPPVAXT[0], "betyder": UPPVAXT[1], "kf": [],
         "mal": [("Antal barn i konsulentstöd verksamhet ska minska.",
                  [("Antal barn i konsulentstödd verksamhet", "", "", "14*", ["<12", "<11", "<10"])])],
         "fotnoter": [("*", "Ingångsvärde 2021")]},
        {"namn": "God folkhälsa", "beskrivning": FOLKHALSA[0], "betyder": FOLKHALSA[1],
         "kf": [("(VON) Andelen vuxna med missbruksproblem som inte kommit tillbaka inom ett år efter "
                 "avslutad utredning/insats ska bibehållas. (D/B)", []),
                ("(VON) Andelen unga (0–12 år) med insats som inte kommit tillbaka inom ett år efter "
                 "avslutad insats ska bibehållas. (D/B)", [])],
         "mal": [("Förebyggande arbete för barn och unga ska öka.",
                  [("Antalet besökare hos familje- och ungdomsstöd", "", "", "25*", [">20", ">20", ">20"])]),
                 ("Brukare inom kommunens bostäder med särskild service LSS ska vara sammantaget nöjda "
                  "med sitt boende.",
                  [("Brukarundersökning-SKR: fråga gällande om personalen bryr sig om brukaren.", "", "",
                    "58%*", ["80%", "80%", "80%"])]),
                 ("Stärka barns utveckling",
                  [("Anordna en kolloaktivitet per år för ungdomar tillhörande LSS personkrets", "", "",
                    "1", ["1", "1", "1"])]),
                 ("Medborgarna ska upplysas om vikten av fallprevention.",
                  [("Antal genomförda aktiviteter för att öka informationens tillgänglighet.", "", "",
                    "Saknas, nytt mål för perioden.", ["2", "2", "2"])])],
         "fotnoter": [("*", "Ingångsvärde 2021")]},
        {"namn": "Trygg och värdig ålderdom", "beskrivning": ALDERDOM[0], "betyder": ALDERDOM[1],
         "kf": [("(VON) Andelen brukare som är ganska eller mycket nöjda med sitt särskilda boende ska "
                 "öka. (B)", []),
                ("(VON) Andelen brukare som är ganska eller mycket nöjda med sin hemtjänst ska "
                 "bibehållas. (B)", []),
                ("(VON) Antal personer (personal) en brukare med hemtjänst möter under 14 dagar ska minst "
                 "ligga i nivå med riket. (B)", [])],
         "mal": [("Medarbetarnas kunskap om bemötande ska förbättras",
                  [("Genomförda aktiviteter för att förbättra bemötandet inom äldreomsorgsförvaltningen.",
                    "", "", SAKNAS, ["2", "2", "2"])]),
                 ("De äldres känsla av förtroende för personal i hemtjänsten ska öka",
                  [("Andel äldre med hemtjänst som känner förtroende för de flertalet/all personal",
                    "KoLaDa mått: U21477", "U21477", "78 %*", ["82 %", "85 %", "87 %"])]),
                 ("Hemtjänstens effektivitet ska öka",
                  [("Brukartid i genomsnitt för januari – december 2022", "", "", "50 %**",
                    ["70 %", "75 %", "75 %"]),
                   ("Andel utförd tid av beviljad tid januari – december 2022", "", "", "73 %**",
                    ["90 %", "90 %", "90 %"])]),
                 ("De äldres känsla av förtroende för personal i särskilt boende ska öka",
                  [("Andel äldre i särskilt boende som känner förtroende för flertalet/all personal",
                    "KoLaDa mått: U23480", "U23480", "81 %*", ["86 %", "89 %", "92 %"])]),
                 ("Vikarieanvändningen ska minska inom äldreomsorgsförvaltningen.",
                  [("Antal vikarietimmor per månad i snitt januari – december 2022.", "", "", "8528***",
                    ["", "", ""])])],
         "fotnoter": [
             ("*", "Resultat från brukarundersökning 2020, eftersom den nationella brukarundersökningen ej "
                   "genomförts 2021."),
             ("**", "Brukartid samt utförd av beviljad tid i snitt för januari – oktober 2021 eftersom "
                    "resultat för helår inte finns tillgängligt i samband med upprättande av "
                    "verksamhetsplan."),
             ("***", "Ingångsvärde avser perioden jan – okt 2021 då resultat för helår ej finns tillgängligt "
                     "i samband med upprättande av verksamhetsplan.")]},
        {"namn": "Attraktiv bostadsort", "beskrivning": BOSTADSORT[0], "betyder": BOSTADSORT[1], "kf": [],
         "mal": [("Öka antalet insatser för att förebygga ofrivillig ensamhet samt främja hälsa bland "
                  "invånare över 65 år.",
                  [("Antal genomförda aktiviteter som syftar till att förebygga ofrivillig ensamhet "
                    "och/eller främja hälsa bland invånare +65 år", "", "", SAKNAS,
                    ["2 aktiviteter", "4 aktiviteter", "6 aktiviteter"])])]},
        {"namn": "Hållbar utveckling", "beskrivning": HALLBAR[0], "betyder": HALLBAR[1],
         "kf": [("-(VON) Andelen nyanlända som har lämnat etableringsuppdraget och börjat arbeta eller "
                 "studera, status efter 90 dagar, ska vara minst 40%. (B)", [])],
         "mal": [("Arbetslösa Oxelösundsbor ska bli självförsörjande",
                  [("Andelen med insats jobbcoach som efter avslut är i egen försörjning eller studier ska "
                    "vara minst 50 %.", "", "", SAKNAS, [">2021", ">2022", ">2023"])]),
                 ("Öka antalet fossilfria fordon/fortskaffningsmedel inom social- och omsorgsförvaltningen",
                  [("Antal aktiviteter för att öka antalet fossilfria fordon", "", "", SAKNAS,
                    ["2", "2", "2"])]),
                 ("Öka antalet fossilfria fordon/fortskaffningsmedel inom äldreomsorgsförvaltningen",
                  [("Antal fossilfria fordon/fortskaffningsmedel", "", "", "23*", ["", "", ""])])],
         "fotnoter": [("*", "Antal fossilfria fordon/fortskaffningsmedel i äldreomsorgsförvaltningen vid "
                            "inventering november 2021.")]},
    ],
    "ovriga": [],
    "nyckeltal": [
        ("Placeringskostnad per dygn i konsulentstött verksamhet*", "", "", "10 050", "", ""),
        ("Utförd tid av arbetad tid htj", "", "", "50%", "", ""),
        ("Utförd tid av beviljad tid htj", "", "", "73%", "", ""),
    ],
    "nyckeltal_fotnoter": [("*", "Basvärde baserat på genomsnittlig dygnskostnad jan-nov 2021")],
    # Printed as Nyckeltal | Basvärde | Status/tidpunkt/frekvens per year (app/plan/nyckeltal_layout.py).
    "nyckeltal_layout": "basvarde",
    "forandring": [
        ("Social- och omsorgsförvaltningen", "\"Tillsammans för barnens bästa\" – ökad samverkan kring barn "
         "och unga regionalt.", "Att erbjuda bästa möjliga och jämlika förutsättningar för att barn och unga "
         "0–18 år i Sörmland ska kunna upprätthålla och utveckla sin fysiska och psykiska hälsa och sitt "
         "välbefinnande.", "Bättre fysisk och psykisk hälsa och välbefinnande för barn och unga i Sörmland.",
         "Q4"),
        ("Social- och omsorgsförvaltningen", "Främja skolnärvaro", "Främja antalet elever i skolan.",
         "Större chans till slutbetyg på gymnasiet vilket ger goda förutsättningar till arbete och ett gott "
         "liv fritt från bidragsberoende.", "Q4"),
        ("Social- och omsorgsförvaltningen", "Robotisering av ekonomiskt bistånd",
         "Effektivisera verksamheten för att frigöra tid för handläggarna till arbete som kräver "
         "handpåläggning och inte kan robotiseras.", "Effektivare hantering av medarbetarnas tid.", "Q4"),
        ("Social- och omsorgsförvaltningen", "Vård på hemmaplan",
         "Psykosocialt stöd och behandling ska primärt ske i kommunens egen regi. Missbruksvård och "
         "behandling ska i första hand ske i HVB Olivens verksamhet.",
         "Mer kvalitativ och kortare vårdtid, insatsen blir lättare att följa upp.", "Q4"),
        ("Social- och omsorgsförvaltningen", "Taligenkänning (pilotprojekt 6 mån)",
         "Att effektivisera och digitalisera handläggningen av ärenden.",
         "Minskad dokumentationstid, mer tid med klienter, bättre fysisk arbetsmiljö.", "Q2"),
        ("Social- och omsorgsförvaltningen", "Suicidprevention", "Fler räddade liv.",
         "Minskat lidande och minskade socialekonomiska kostnader.", "Q4"),
        ("Äldreomsorgsförvaltningen", "Struktur/process för schemaläggning och bemanning.",
         "Fastställa grundbemanning för förvaltningens verksamheter.",
         "Ökad kvalitet och kontinuitet för brukare och medarbetare.",
         "Ska enligt plan vara genomfört under Q2"),
        ("Äldreomsorgsförvaltningen", "Digitalisering av schemaläggning och bemanning",
         "Införa schemaläggning i ett verksamhetssystem där både brukarnas behov och följsamhet till budget "
         "synliggörs.", "Scheman läggs för att säkerställa att brukarnas behov kan tillgodoses med "
         "följsamhet till budgetram.", "Ska enligt plan vara genomfört och implementerat under Q4"),
    ],
}
