"""The user guide (resources/guide/*.md, app/guide.py) and the help window F1 opens at
the page of the area in view (ui/help_window.py); the license stays under Hjälp → Om."""

from __future__ import annotations

import ast
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog

from app import guide

# The offscreen platform cannot raise the help window in front; it opens there all the same.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "resources" / "guide"
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(GUIDE.glob("*.md"))}


def test_the_guide_is_found_where_the_installed_program_looks():
    assert guide.guide_dir() == GUIDE
    titles = {p.name: p.title for p in guide.pages()}
    assert list(titles) == list(guide.PAGES)
    assert titles["protokoll.md"] == "Skriva och justera protokollet"
    assert titles["sammantraden.md"] == "Förbereda ett sammanträde"
    assert set(_texts()) == set(guide.PAGES)  # no page outside the contents
    # Every area of the program has its page, and F1 outside the areas gives the start.
    import ui.areas  # noqa: F401  (declares the areas)
    from ui.main_window import navigation

    assert {entry.key for entry in navigation()} == set(guide.AREA_PAGES)
    assert guide.page_for_area(None) == guide.START_PAGE == "index.md"


def test_installed_and_packaged_programs_carry_the_guide():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["resources"]
    assert any(Path("guide/index.md").match(p) for p in patterns)
    spec = (ROOT / "packaging" / "namndkansli.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources" / "guide"), "resources/guide")' in spec


def test_links_between_pages_work_and_every_page_is_reachable_from_the_start():
    texts = _texts()
    reached, todo = set(), [guide.START_PAGE]
    while todo:
        page = todo.pop()
        if page in reached:
            continue
        reached.add(page)
        for target, _anchor in LINK.findall(texts[page]):
            assert target in texts, f"{page}: länken till {target} går ingenstans"
            todo.append(target)
    assert reached == set(texts)


def _ui_strings() -> set[str]:
    """Every string the program's windows show (the & of mnemonics removed)."""
    found = set()
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value.replace("&", ""))
    from ui.areas import declare_area  # noqa: F401  (the areas' titles)
    from ui.main_window import navigation

    found |= {entry.title for entry in navigation()}
    found.add("Om Nämndkansli")
    return found


def test_every_button_and_field_the_guide_names_is_in_the_program():
    """The guide writes what is on screen in bold; each must be a text the program shows,
    so a renamed button shows up here rather than as a wrong guide."""
    shown = _ui_strings()
    missing = []
    named = 0
    for page, text in _texts().items():
        for term in BOLD.findall(text):
            term = " ".join(term.split())
            named += 1
            if not any(term in s for s in shown):
                missing.append(f"{page}: **{term}**")
    assert named > 150
    assert not missing, "\n".join(missing)


@pytest.fixture
def window(qtbot, tmp_path, demo_template):
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow

    make_application()
    main = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: not main.area_pending, timeout=5000)  # the first area, after the paint
    yield main
    if main.help_window is not None:
        main.help_window.close()
    main.close()


def _activate(qtbot, widget):
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


def test_f1_in_each_area_opens_the_guide_at_that_areas_page(qtbot, window):
    titles = {p.name: p.title for p in guide.pages()}
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)  # as a click in the navigation
        area = window.stack.currentWidget()
        key = window._entries[row].key
        assert area.objectName() == key
        _activate(qtbot, window)
        area.setFocus()
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
        help_window = window.help_window
        assert help_window is not None and help_window.isVisible(), key
        page = guide.AREA_PAGES[key]
        assert help_window.page == page
        shown = help_window.browser.toPlainText()
        assert shown.startswith(titles[page]) and "**" not in shown  # Markdown, rendered
        assert help_window.contents.currentItem().text() == titles[page]
    assert len({id(window.help_window)}) == 1  # one window, brought back each time


def test_help_window_follows_links_back_and_contents(qtbot, window):
    from ui.main_window import area_widget

    register = area_widget(window, "register")
    window.nav.setCurrentRow(window.stack.indexOf(register))
    window.show_help()
    help_window = window.help_window
    assert help_window.page == "register.md"
    assert not help_window.back_button.isEnabled()
    help_window.browser.setSource(help_window.browser.source().resolved(QUrl("kortkommandon.md")))
    assert help_window.page == "kortkommandon.md"
    assert help_window.contents.currentItem().text() == "Kortkommandon och datum"
    qtbot.mouseClick(help_window.back_button, Qt.MouseButton.LeftButton)
    assert help_window.page == "register.md"
    qtbot.mouseClick(help_window.start_button, Qt.MouseButton.LeftButton)
    assert help_window.page == "index.md"
    help_window.contents.setCurrentRow(
        next(i for i in range(help_window.contents.count())
             if help_window.contents.item(i).text() == "Databasen och säkerhetskopior"))
    assert help_window.page == "sakerhetskopior.md"
    assert "Återställ säkerhetskopia…" in help_window.browser.toPlainText()


def test_the_license_stays_under_hjalp_om_and_f1_is_the_guide(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjälp")
    actions = {a.text().replace("&", ""): a for a in menu.actions() if a.text()}
    assert [k.toString() for k in actions["Handledning"].shortcuts()] == ["F1"]
    assert actions["Om Nämndkansli"].shortcuts() == []
    actions["Om Nämndkansli"].trigger()
    about = next(w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QDialog) and w.windowTitle() == "Om Nämndkansli" and w.isVisible())
    about.close()


def test_a_missing_guide_is_a_message_not_a_crash(qtbot, window, monkeypatch):
    from ui import help_window as help_module

    shown = []
    monkeypatch.setattr(guide, "guide_dir", lambda: (_ for _ in ()).throw(
        FileNotFoundError("Handledningen (mappen resources/guide) saknas i installationen.")))
    monkeypatch.setattr(help_module.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    window.show_help()
    assert window.help_window is None
    assert shown and shown[0].startswith("Handledningen (mappen resources/guide) saknas")
