"""Budgetuppföljning: the computed figures of the January 2022 follow-up (kr) and the
August 2024 delårsrapport (tkr), month figures, the year view and the analysis draft."""

import pytest

from app.budget.analys import ackumulerad_avvikelse, analysutkast, budget_mot_utfall, prognos_per_manad
from app.budget.belopp import Teckenkonvention, format_belopp, visat
from app.budget.uppfoljning import Atgard
from app.validation import ValidationError

MELLERUD = Teckenkonvention.INTAKTER_NEGATIVA  # 004 prints revenues negative


def test_january_2022_results_table_seed_004(demo_ek, von):
    u = demo_ek.uppfoljning.get(von, 2022, 1)
    assert u.rubrik == "Budgetuppföljning januari 2022"
    res = u.resultat()
    # RESULTAT row as printed: 616 351 000 | 51 133 000 | 55 938 782 | … | -4 805 782
    assert visat(res.arsbudget, MELLERUD) == 616_351_000
    assert visat(res.budget_ack, MELLERUD) == 51_133_000
    assert visat(res.utfall_ack, MELLERUD) == 55_938_782
    assert res.avvikelse_ack == -4_805_782
    assert format_belopp(res.arsbudget and visat(res.arsbudget, MELLERUD), "kr") == "616\u00a0351\u00a0000"
    groups = dict(u.grupper())
    assert list(groups) == ["Intäkter", "Kostnader"]
    intakter, kostnader = u.gruppsumma("Intäkter"), u.gruppsumma("Kostnader")
    assert visat(intakter.arsbudget, MELLERUD) == -81_022_000
    assert visat(kostnader.arsbudget, MELLERUD) == 697_373_000
    assert visat(kostnader.utfall_ack, MELLERUD) == 62_913_378
    assert kostnader.avvikelse_ack_exkl == -1_987_813
    personal = next(r for r in u.rader if r.verksamhet.namn == "Personalkostn").siffror
    assert personal.avvikelse_ack == -3_861_063
    assert personal.avvikelse_ack_exkl == -786_498
    # RESULTAT exkl Covid (inkl personalskuld) as printed.
    assert u.resultat_exkl()[0] == -3_896_136
    # The seed's own rows carry öre: its printed intäkter deviation 256 595 and RESULTAT
    # exkl personalskuld -1 731 218 are one krona off the sum of the rows it prints
    # (235 625 + 20 971 = 256 596). The program adds what is printed.
    assert intakter.avvikelse_ack == 235_625 + 20_971
    assert res.avvikelse_ack_exkl == -1_731_217
    # January: the month is the period, so month figures exist.
    assert res.avvikelse_manad == res.avvikelse_ack
    # Ej budgeterat, Summa: 1 447 220 and 17 366 639 (costs printed positive there).
    ack, prognos = u.summa_ej_budgeterat()
    assert (visat(ack, MELLERUD), visat(prognos, MELLERUD)) == (1_447_220, 17_366_639)


def test_august_2024_driftredovisning_seed_002(demo_ek, von):
    u = demo_ek.uppfoljning.get(von, 2024, 8)
    assert u.har_foregaende
    rows = {r.verksamhet.namn: r.siffror for r in u.rader}
    assert rows["Förvaltningsgemensamt"].avvikelse_manad == 2_024_000
    assert [r.siffror.avvikelse_manad // 1000 for r in u.rader] == [2024, -711, 1852, 401, -141]
    res = u.resultat()
    assert (res.utfall_manad, res.budget_manad) == (-82_509_000, -85_934_000)
    assert (res.avvikelse_manad, res.avvikelse_ack, res.prognos_avvikelse) == (3_425_000, -3_626_000, 0)
    assert not u.underskott_prognos()
    assert u.atgarder[0].atgard == "Arbete med sunt arbetslivs friskfaktorer"


def test_month_figures_need_the_month_before(ek, namnd):
    v = ek.verksamheter.hitta_eller_skapa(namnd, "", "Äldreomsorg")
    u = ek.uppfoljning.skapa(namnd, 2024, 5)
    ek.uppfoljning.lagg_till_rad(u.id, v.id)
    ek.uppfoljning.set_belopp(u.id, v.id, "budget_ack", -5_000_000)
    ek.uppfoljning.set_belopp(u.id, v.id, "utfall_ack", -5_200_000)
    u = ek.uppfoljning.load(u.id)
    assert not u.har_foregaende
    assert u.resultat().avvikelse_manad is None
    assert u.resultat().avvikelse_ack == -200_000
    june = ek.uppfoljning.skapa(namnd, 2024, 6)  # rows follow May
    assert [r.verksamhet.id for r in june.rader] == [v.id]
    ek.uppfoljning.set_belopp(june.id, v.id, "budget_ack", -6_000_000)
    ek.uppfoljning.set_belopp(june.id, v.id, "utfall_ack", -6_150_000)
    june = ek.uppfoljning.load(june.id)
    assert (june.resultat().budget_manad, june.resultat().utfall_manad) == (-1_000_000, -950_000)
    assert june.resultat().avvikelse_manad == 50_000
    with pytest.raises(ValidationError, match="finns redan"):
        ek.uppfoljning.skapa(namnd, 2024, 6)


def test_year_view_and_chart_series(demo_ek, von):
    ar = demo_ek.uppfoljning.arsoversikt(von, 2023)
    assert ar.manader == list(range(1, 13))
    assert len(ar.verksamheter) == 10
    # Each month's accumulated deviation is the sum of the months' own deviations.
    running = 0
    for m in ar.manader:
        running += ar.totalt[m].avvikelse_manad
        assert ar.totalt[m].avvikelse_ack == running
    serie = ackumulerad_avvikelse(ar)
    assert [p.varde for p in serie] == [ar.totalt[m].avvikelse_ack for m in ar.manader]
    assert serie[0].etikett == "jan"
    assert len(prognos_per_manad(ar)) == 12
    dec = demo_ek.uppfoljning.get(von, 2023, 12)
    # The year's budget is the 2023 internbudget's M & B, spread over the months.
    assert dec.resultat().budget_ack == dec.resultat().arsbudget == -333_088_000
    bars = budget_mot_utfall(dec, Teckenkonvention.INTAKTER_NEGATIVA)
    assert bars[0].etikett == "11 Nämndverksamhet" and bars[0].budget == 959_000


def test_analysis_draft_is_written_from_the_figures(demo_ek, von):
    u = demo_ek.uppfoljning.get(von, 2024, 8)
    text = analysutkast(u)
    assert "positiv avvikelse på 3\u00a0425 tkr mot budget för månaden" in text
    assert "ackumulerad negativ avvikelse på 3\u00a0626 tkr" in text
    assert "budget i balans" in text
    assert "Förvaltningsgemensamt (10\u00a0760 tkr)" in text


def test_atgard_needs_a_measure(ek, namnd):
    u = ek.uppfoljning.skapa(namnd, 2024, 3)
    with pytest.raises(ValidationError, match="Åtgärden måste fyllas i"):
        ek.uppfoljning.save_atgard(u.id, Atgard(avvikelse="Hög sjukfrånvaro"))
    a = ek.uppfoljning.save_atgard(u.id, Atgard(atgard="Riktat HR-stöd", belopp=750_000))
    assert ek.uppfoljning.load(u.id).atgarder == [a]
