"""The navigation keeps room for its titles however wide the shown area is."""

import shutil

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow


def test_wide_areas_do_not_cut_the_navigation_titles(qtbot, qapp, tmp_path, demo_template):
    make_application()
    window = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    metrics = window.nav.fontMetrics()
    widest = max(metrics.horizontalAdvance(window.nav.item(i).text())
                 for i in range(window.nav.count()))
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(50)
        assert window.nav.viewport().width() >= widest, window.nav.item(row).text()
    window.close()
