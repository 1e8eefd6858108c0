"""The economy figures of the real documents the demo is built from (docs/domain/
economy.md, ”Demo data”), as entered figures only.

Sums, nettokostnad, förändring and avvikelser are NOT here: the program computes
them, and the tests compare them with what the documents print. Amounts in tkr unless
the name says kr, as printed by the document (internbudgets, delårsrapport: costs
negative; the January 2022 follow-up: revenues negative).
"""

from __future__ import annotations

#: Internbudget 2022 (Oxelösund): verksamhet -> (årsprognos per oktober 2021,
#: budget 2021, M & B 2022) for intäkter and for kostnader.
INTERNBUDGET_2022 = {
    ("11", "Nämndverksamhet"): ((0, 0, 0), (-850, -850, -935)),
    ("27", "Miljö- och hälsoskydd"): ((160, 160, 140), (-322, -246, -296)),
    ("50", "Gemensam administration"): ((511, 511, 0), (-7184, -7301, -6889)),
    ("54", "Individ och familjeomsorg"): ((1410, 1410, 2045), (-57066, -53159, -57348)),
    ("55", "Vård och omsorg, SoL och HSL"): ((30348, 30348, 30069), (-215974, -215809, -221546)),
    ("56", "Insatser enl LSS"): ((10878, 10878, 3327), (-64723, -67125, -58579)),
    ("57", "Färdtjänst/Riksfärdtjänst"): ((75, 75, 80), (-1614, -2124, -1680)),
    ("58", "Förebyggande verksamhet"): ((0, 0, 0), (-521, -521, -520)),
    ("62", "Integration"): ((8623, 8623, 4984), (-8145, -8623, -4984)),
    ("63", "Arbetsmarknadsåtgärder"): ((1620, 1620, 1620), (-3168, -3815, -3731)),
}

#: Internbudget 2023: (årsprognos per oktober 2022, budget 2022, M & B 2023).
INTERNBUDGET_2023 = {
    ("11", "Nämndverksamhet"): ((0, 0, 0), (-929, -929, -959)),
    ("27", "Miljö- och hälsoskydd"): ((140, 140, 144), (-296, -296, -305)),
    ("50", "Gemensam administration"): ((0, 0, 0), (-6889, -6889, -7110)),
    ("54", "Individ och familjeomsorg"): ((2045, 2045, 2086), (-60513, -58117, -60813)),
    ("55", "Vård och omsorg, SoL och HSL"): ((30069, 30069, 31272), (-220942, -224207, -235036)),
    ("56", "Insatser enl LSS"): ((3327, 3327, 3394), (-57666, -58555, -61366)),
    ("57", "Färdtjänst/Riksfärdtjänst"): ((80, 80, 82), (-1680, -1680, -1734)),
    ("58", "Förebyggande verksamhet"): ((0, 0, 0), (-550, -550, -568)),
    ("62", "Integration"): ((3184, 4984, 2990), (-3173, -4973, -2991)),
    ("63", "Arbetsmarknadsåtgärder"): ((1620, 1620, 1652), (-3408, -3708, -3826)),
}
#: Internbudget 2023: ”den aktuella ramen, vilken för 2023 uppgår till totalt 333 088 tkr”.
RAM_2023 = 333088
INTERNBUDGET_2023_KOMMENTAR = (
    "Den redovisade internbudgeten kan komma att justeras under den vidare arbetsprocessen vid "
    "inläggning av dess grundvärden i ekonomisystemet. Sådana justeringar kan exempelvis påkallas "
    "om felkonteringar upptäcks som fordrar rättning och justeringar i förhållande till förväntade "
    "tilläggsanslag. Förvaltningarna återrapporterar i förekommande fall till Vård och "
    "omsorgsnämnden sådana justeringar vid det första nämndsmötet 2023. Alla eventuella "
    "justeringar förhåller sig dock inom den aktuella ramen.")

#: Investeringsbudget 2022 – 2024: (förvaltning, kategori, objekt, belopp per år).
INVESTERINGAR_2022 = [
    ("SOF", "Digitalisering och IT", "SOF, Digitalisering och IT", (500, 500, 500)),
    ("SOF", "Inventarier", "Inventarier till gemensamma utrymmen inom IFO", (300, 300, 300)),
    ("SOF", "Inventarier", "SOF, sprinkler, lokalanpassningar", (700, 0, 0)),
    ("SOF", "Inventarier", "SOF, inventarier verkstad", (200, 200, 200)),
    ("SOF", "Inventarier", "SOF, inventarier ny samt tillk gruppbostad", (600, 0, 0)),
    ("SOF", "Utrustning", "SOF, Utrustning", (150, 150, 150)),
    ("ÄF", "Digitalisering och IT", "ÄF, Digitalisering och IT", (600, 600, 600)),
    ("ÄF", "Digitalisering och IT",
     "ÄF, Nya moduler i befintligt verksamhetssystem, nytt verksamhetssystem", (300, 300, 300)),
    ("ÄF", "Inventarier", "Inventarier hemtjänstlokaler", (100, 100, 100)),
    ("ÄF", "Inventarier", "Inventarier äldreomsorg", (1000, 1000, 1000)),
    ("ÄF", "Inventarier", "Utemiljö särskilt boende inköp av verksamhetsanpassning", (200, 150, 150)),
    ("ÄF", "Utrustning", "Spol- och diskdesinfektor särskilda boenden äldreomsorg", (300, 200, 200)),
    ("ÄF", "Utrustning", "Elcyklar till verksamheterna", (150, 150, 150)),
]

#: Investeringsbudget 2023 – 2025.
INVESTERINGAR_2023 = [
    ("SOF", "Digitalisering och IT", "SOF, Digitalisering och IT", (1000, 500, 500)),
    ("SOF", "Digitalisering och IT", "Wifi kommunal verksamhet", (700, 0, 0)),
    ("SOF", "Digitalisering och IT", "Verksamhetssystem, Viva/motsv", (500, 0, 0)),
    ("SOF", "Digitalisering och IT", "Verksamhetssystem, Treserva/motsv, andel SOF", (750, 0, 0)),
    ("SOF", "Inventarier", "Inventarier till gemensamma utrymmen inom IFO", (300, 300, 300)),
    ("SOF", "Inventarier", "Inv Socialpsykiatriboende, (ny)", (600, 0, 0)),
    ("SOF", "Inventarier", "Inventarier ny gruppboende A", (600, 0, 0)),
    ("SOF", "Inventarier", "Inventarier ny gruppboende B", (0, 0, 600)),
    ("SOF", "Inventarier", "Inventarier funktionsstöd FS", (300, 300, 300)),
    ("SOF", "Inventarier", "Daglig verksamhet inventarier", (0, 300, 0)),
    ("SOF", "Utrustning", "Elcyklar", (0, 100, 100)),
    ("ÄF", "Digitalisering och IT", "ÄF, Digitalisering och IT", (500, 500, 500)),
    ("ÄF", "Digitalisering och IT", "Larm särskilt boende", (500, 0, 0)),
    ("ÄF", "Digitalisering och IT", "Larm ordinärt boende", (500, 0, 0)),
    ("ÄF", "Digitalisering och IT", "Verksamhetssystem Treserva/motsv, andel ÄF", (750, 0, 0)),
    ("ÄF", "Digitalisering och IT", "Bemanningsplanering, system", (500, 0, 0)),
    ("ÄF", "Inventarier", "Madrasser", (150, 150, 150)),
    ("ÄF", "Inventarier", "Inventarier hemtjänstlokaler", (100, 100, 100)),
    ("ÄF", "Inventarier", "Inventarier äldreomsorg", (1000, 1000, 1000)),
    ("ÄF", "Inventarier", "Utemiljö särskilt boende inköp av verksamhetsanpassning", (100, 100, 100)),
    ("ÄF", "Utrustning", "Spol- och diskdesinfektor särskilda boenden äldreomsorg", (200, 200, 200)),
    ("ÄF", "Utrustning", "Elcyklar till verksamheterna", (60, 60, 60)),
]

#: Kallelse, ”Utfall jan 2022, belopp i kr” (revenues negative as printed there):
#: grupp, rad -> (årsbudget, periodiserad budget jan, utfall jan inkl personalskuld,
#: personalskuld).
UPPFOLJNING_JAN_2022_KR = [
    ("Intäkter", "Externa intäkter", (-79_044_000, -6_555_000, -6_790_625, 0)),
    ("Intäkter", "Interna intäkter", (-1_978_000, -163_000, -183_971, 0)),
    ("Kostnader", "Personalkostn", (510_241_000, 43_075_000, 46_936_063, 3_074_565)),
    ("Kostnader", "Lokalhyra", (33_820_000, 2_815_000, 2_804_631, 0)),
    ("Kostnader", "Kapitalkostnader", (1_987_000, 164_000, 0, 0)),
    ("Kostnader", "Inhyrd bemanning", (2_500_000, 208_000, 93_002, 0)),
    ("Kostnader", "Övriga kostnader", (148_825_000, 11_589_000, 13_079_682, 0)),
]
#: Deviations shown below RESULTAT and taken out of ”RESULTAT exkl Covid”.
UPPFOLJNING_JAN_2022_COVID = [("Intäkter Covid-19 (Avseende 2022)", 0),
                              ("Kostnader Covid-19 2022", -909_646)]
#: ”Ej budgeterat”: benämning -> (ackumulerat jan, prognos helår), costs positive.
UPPFOLJNING_JAN_2022_EJ_BUDGETERAT = [
    ("Pers ass - extern regi", 232_333, 2_788_000),
    ("Externa plac elevhem", 1_056_491, 12_677_889),
    ("Kortids famhem", 20_000, 240_000),
    ("Soc psyk", 138_396, 1_660_750),
]
UPPFOLJNING_JAN_2022_ANALYS = (
    "I redovisningen för januari månad 2022 visar förvaltningen en negativ resultatavvikelse mot "
    "budget på 1,7 mkr exkl. personalskuldsförändringen. Utan merkostnader med anledning av "
    "Covid-19 om 0,9 mkr hade förvaltningen visat en negativ resultatavvikelse på 0,8 mkr "
    "exklusive personalskuldsförändringen.\n\n"
    "Periodens intäkter visar en positiv avvikelse mot budget på 0,3 mkr. Periodens kostnader "
    "visar en negativ avvikelse mot budget på 5,1 mkr inkl. personalskuld januari 2022.\n\n"
    "Åtgärder och handlingsplan för en budget i balans redovisas i samband med "
    "rapporteringstillfälle 1.")

#: Delårsrapport, Driftredovisning augusti 2024 (tkr): verksamhetsområde -> (utfall aug,
#: budget aug, avvikelse ack aug, prognos helår).
DRIFT_AUG_2024 = [
    ("Förvaltningsgemensamt", (-333, -2357, 10760, 13600)),
    ("Förvaltningskontor", (-20370, -19659, -3975, -4600)),
    ("Hälso- och sjukvård", (-6324, -8176, -1348, -2000)),
    ("Äldreomsorg", (-31167, -31568, -6867, -7000)),
    ("Funktionsstöd", (-24315, -24174, -2196, 0)),
]

#: Delårsrapport, Åtgärdsplan: (avvikelse, åtgärd, ekonomisk effekt, verksamhetseffekt).
ATGARDSPLAN_2024 = [
    ("Hög sjukfrånvaro", "Arbete med sunt arbetslivs friskfaktorer", "Minskad kostnad sjuklön",
     "Förbättrad kontinuitet"),
    ("Hög sjukfrånvaro", "Riktat HR-stöd till 11 av de enheter med högst sjukfrånvaro",
     "Minskad kostnad sjuklön", "Förbättrad kontinuitet"),
    ("Gruppbostäder LSS i trapphusmodell uppfyller inte kraven för korrekt brandklass, "
     "verksamhetsklass 5B enligt boverkets byggregler",
     "Kartläggning/utredning för att klargöra vilka gruppbostäder enligt LSS som inte uppfyller "
     "kraven utifrån verksamhetsklass 5B, vilka anpassningar som är möjliga att göra i befintliga "
     "lokaler och vilket behov av alternativa lokaler som finns.",
     "Möjligt behov av alternativa anpassade lokaler. Kostnad inte möjlig att uppskatta i dagsläget",
     "Ändamålsenligt och korrekt brandskydd"),
]

#: Årsredovisning, Åtgärder enligt antagen plan (Mellerud 2023): (avvikelse, åtgärd, besparing tkr).
ATGARDSPLAN_2023 = [
    ("Tomma platser på Skållerudshemmet", "Minska antalet platser på Skållerudshemmet från 32 "
     "till 25 platser med start hösten 2023 till och med år 2024.", 750),
    ("Låg beläggning på korttiden", "Minska antalet platser på korttiden från 18 till 14, med "
     "start sommaren 2023 till och med 2024.", 300),
    ("Hemtjänstens personalkostnader", "Uppdrag till hemtjänsten att jobba med "
     "kostnadseffektiveringar kopplat till schema och bemanning, planering och inköp.", 500),
    ("Kostnadsläget i hela förvaltningen", "Uppdrag till alla chefer att se över "
     "kostnadsreducering inklusive anställningsprövning vid vakanser, restriktivitet vid "
     "konferenser och inköp.", 950),
]

#: Delårsrapport, Investeringsredovisning 2024-08 (tkr): projekt -> (utfall ack, budget helår);
#: the forecast equals the budget (”Avvikelse mot budget helår 0”).
INVESTERINGAR_AUG_2024 = [
    ("Inventarier Säbo, Norrgläntan", 400, 3089),
    ("Inventarier, Furuliden", 1310, 7034),
    ("Inventarier i brukarmiljö", 639, 1300),
]
#: Årsredovisning, Investeringsredovisning bokslut 2023 (tkr): projekt, budget, omdisponering,
#: utfall, slutredovisas.
INVESTERINGAR_BOKSLUT_2023 = [
    ("Grundutrustning/Sängar VoO", 200, -30, 164, True),
    ("SN div inventarier", 400, -400, 0, True),
    ("Inventarier hemsjukvården (bergs)", 0, 180, 168, True),
    ("Inventarier administration och stab (Mellbos lokaler)", 0, 220, 238, True),
    ("Inventarier Skållerudshemmet", 0, 30, 151, False),
    ("SN Elcyklar", 0, 100, 0, False),
]

#: Delårsrapport, Volymutveckling: namn -> (delår 2024, prognos 2024, delår 2023, helår 2023).
VOLYMMATT = [
    ("Planerade hemtjänsttimmar per månad, intern regi", "timmar", (20450, 20900, 19057, 19364)),
    ("Planerade hemtjänsttimmar per månad, extern regi", "timmar", (5025, 5300, 5485, 5337)),
    ("Belagda platser på särskilt boende för äldre", "antal", (304, 314, 304, 304)),
    ("Personlig assistans beviljad enligt socialförsäkringsbalken, internt utförd", "timmar",
     (5317, 5500, 4858, 5015)),
    ("Personlig assistans beviljad enligt socialförsäkringsbalken, externt utförd", "timmar",
     (26237, 26320, 25391, 25959)),
    ("Personlig assistans enligt LSS, internt utförd", "timmar", (163, 162, 365, 298)),
    ("Personlig assistans enligt LSS, externt utförd", "timmar", (3937, 4000, 4046, 4128)),
    ("Belagda platser på LSS-boende", "antal", (149, 150, 147, 155)),
    ("Belagda platser på särskilt boende socialpsykiatri", "antal", (21, 22, 15, 19)),
    ("Externa placeringar LSS", "antal", (6, 7, 6, 6)),
    ("Externa placeringar SoL", "antal", (6, 6, 9, 3)),
    ("Brukare med daglig verksamhet inom LSS per månad", "antal", (266, 279, 272, 270)),
    ("Brukare med arbete/sysselsättning inom SoL per månad", "antal", (46, 44, 43, 42)),
    ("Beviljade timmar boendestöd per månad", "timmar", (1375, 1400, 1525, 1541)),
]

#: Delårsrapport, personal key figures: (avsnitt, namn, enhet, mätdatum, summerbar,
#: 2024 (totalt, kvinnor, män), 2023 (totalt, kvinnor, män)); None = not reported,
#: a computed total is given as None.
PERSONAL = [
    ("Personalkostnader och personalstyrka", "Lönekostnader totalt, tkr", "tkr", "1/1-31/8", False,
     ("492691", None, None), ("452265", None, None)),
    ("Personalkostnader och personalstyrka", "Kostnad inhyrd personal, tkr", "tkr", "1/1-31/8", False,
     ("6841", None, None), ("14290", None, None)),
    ("Personalkostnader och personalstyrka", "Lönekostnader som andel av totala nettokostnader",
     "procent", "", False, ("64", None, None), ("60", None, None)),
    ("Personalkostnader och personalstyrka",
     "Kostnad övertid inkl mertid, andel av lönekostnader totalt", "procent", "", False,
     ("0.7", None, None), ("0.8", None, None)),
    ("Personalkostnader och personalstyrka", "Årsarbetare, antal omräknade heltider", "antal",
     "1/1-31/7", False, ("1329.2", "1058.3", "270.9"), ("1275.3", "1029.6", "245.8")),
    ("Personalkostnader och personalstyrka", "Timanställda, andel av totalt antal årsarbetare",
     "procent", "1/1-31/7", False, ("15.0", "13.1", "22.2"), ("16.4", "15.2", "21.3")),
    ("Personalkostnader och personalstyrka", "Månadsanställda, antal", "antal", "31/8", True,
     (None, "981", "214"), (None, "970", "210")),
    ("Personalkostnader och personalstyrka", "Tillsvidareanställda, andel av månadsanställda",
     "procent", "31/8", False, ("97.2", "97.5", "96.3"), ("97.8", "97.8", "98.1")),
    ("Personalkostnader och personalstyrka", "Visstidsanställda, andel av månadsanställda",
     "procent", "31/8", False, ("2.8", "2.6", "3.7"), ("2.2", "2.3", "1.9")),
    ("Medarbetarskap och ledarskap", "HME totalt", "index", "", False,
     ("4.1", "4.1", "4.2"), ("4.1", "4.1", "4.2")),
    ("Medarbetarskap och ledarskap", "HME delindex motivation", "index", "", False,
     ("4", "4", "4.1"), ("4.1", "4.1", "4.2")),
    ("Medarbetarskap och ledarskap", "HME delindex ledarskap", "index", "", False,
     ("4.1", "4.1", "4.2"), ("4.1", "4.1", "4.2")),
    ("Medarbetarskap och ledarskap", "HME delindex styrning", "index", "", False,
     ("4.1", "4.1", "4.2"), ("4.2", "4.1", "4.2")),
    ("Kompetensförsörjning och kompetensutveckling", "Månadsanställda som arbetar heltid, andel",
     "procent", "31/8", False, ("76.5", "73.6", "89.7"), ("73.6", "70.6", "87.6")),
    ("Kompetensförsörjning och kompetensutveckling",
     "Genomsnittlig sysselsättningsgrad månadsanställda som arbetar deltid", "procent", "31/8",
     False, ("77.7", "77.9", "75.6"), ("77.1", "77.7", "70.9")),
    ("Kompetensförsörjning och kompetensutveckling",
     "Tillsvidareanställda som slutat på egen begäran, antal", "antal", "1/1-31/7", True,
     (None, "26", "7"), (None, "20", "5")),
    ("Kompetensförsörjning och kompetensutveckling", "Tillsvidareanställda som gått i pension, antal",
     "antal", "1/1-31/7", True, (None, "17", "0"), (None, "10", "0")),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjuklönekostnader, andel av lönekostnader totalt",
     "procent", "1/1-31/8", False, ("2.3", None, None), ("2.5", None, None)),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjukfrånvaro totalt", "procent", "1/12-30/6", False,
     ("10.3", "11", "7.6"), ("10.4", "11", "7.8")),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjukfrånvaro totalt, varav <15 dagar", "procent",
     "1/12-30/6", False, ("4.5", "4.5", "4.2"), ("4.9", "5.1", "4.2")),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjukfrånvaro totalt, varav 15-90 dagar", "procent",
     "1/12-30/6", False, ("1.8", "2", "1"), ("1.8", "2.1", "0.9")),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjukfrånvaro totalt, varav >90 dagar", "procent",
     "1/12-30/6", False, ("4.1", "4.5", "2.5"), ("3.7", "4", "2.7")),
    ("Hållbart arbetsliv och arbetsmiljö", "Sjukfrånvaro tillsvidareanställda", "procent",
     "1/12-30/6", False, ("11.4", "12", "8.7"), ("11.6", "12.1", "9")),
    ("Hållbart arbetsliv och arbetsmiljö", "Tillsvidareanställda med upprepad sjukfrånvaro (mer än "
     "5 tillfällen under de senaste 12 månaderna), antal", "antal", "1/7-30/6", True,
     (None, "164", "39"), (None, "194", "39")),
]
