"""Investeringsbudget and -redovisning against the printed budgets and redovisningar."""

from app.budget.investeringar import Investeringsprojekt


def _tkr(d):
    return tuple(v // 1000 for v in d.values())


def test_investeringsbudget_2023_totals_and_sof(demo_ek, von):
    plan = demo_ek.investeringar.get(von, 2023)
    assert plan.ar == [2023, 2024, 2025]
    assert plan.rubrik == "Investeringsbudget 2023 – 2025"
    assert _tkr(plan.totalt()) == (9110, 3610, 3910)
    assert _tkr(plan.summa_forvaltning("SOF")) == (4750, 1500, 1800)
    assert _tkr(plan.summa_forvaltning("ÄF")) == (4360, 2110, 2110)
    assert plan.forvaltningar() == ["SOF", "ÄF"]
    # Groups print as the seed heads them, förvaltning then category.
    assert [f"{f}, {k}" for f, k, _ in plan.grupper()] == [
        "SOF, Digitalisering och IT", "SOF, Inventarier", "SOF, Utrustning",
        "ÄF, Digitalisering och IT", "ÄF, Inventarier", "ÄF, Utrustning"]
    assert _tkr(plan.summa_kategori("SOF", "Digitalisering och IT")) == (2950, 500, 500)


def test_investeringsbudget_2022_total(demo_ek, von):
    plan = demo_ek.investeringar.get(von, 2022)
    assert _tkr(plan.totalt()) == (5100, 3650, 3650)


def test_redovisning_aug_2024_seed_002(demo_ek, von):
    red = demo_ek.investeringar.redovisning(von, 2024, 8)
    assert [p.kvar // 1000 for p in red.projekt] == [2689, 5724, 661]
    assert (red.summa("utfall") // 1000, red.summa("budget_efter") // 1000,
            red.summa("kvar") // 1000, red.summa("avvikelse")) == (2349, 11423, 9074, 0)


def test_redovisning_bokslut_2023_seed_003(demo_ek, von):
    red = demo_ek.investeringar.redovisning(von, 2023, 12)
    assert [p.avvikelse // 1000 for p in red.projekt] == [6, 0, 12, -18, -121, 100]
    assert [p.budget_efter // 1000 for p in red.projekt] == [170, 0, 180, 220, 30, 100]
    sums = tuple(red.summa(n) // 1000 for n in ("budget", "omdisponering", "budget_efter", "utfall",
                                                 "avvikelse"))
    assert sums == (600, 100, 700, 721, -21)
    assert [p.slutredovisas for p in red.projekt] == [True, True, True, True, False, False]


def test_copy_period_leaves_final_projects_out(demo_ek, von):
    demo_ek.investeringar.save_projekt(Investeringsprojekt(
        namnd_id=von, ar=2024, manad=4, projekt="Larm", budget=500_000, slutredovisas=True))
    demo_ek.investeringar.save_projekt(Investeringsprojekt(
        namnd_id=von, ar=2024, manad=4, projekt="Möbler", budget=300_000, utfall=10_000))
    assert demo_ek.investeringar.kopiera_period(von, (2024, 4), (2024, 10)) == 1
    red = demo_ek.investeringar.redovisning(von, 2024, 10)
    assert [(p.projekt, p.budget, p.utfall) for p in red.projekt] == [("Möbler", 300_000, 0)]
