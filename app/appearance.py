"""How the window looks: View > Theme (System / Light / Dark) and View > Show Minimap.

:class:`Appearance` is mixed into :class:`app.main_window.MainWindow`; both choices are
kept in the window's settings (``view/theme``, ``view/minimap``) and applied at start. The
palettes are :mod:`app.theme`'s.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QActionGroup, QIcon
from PySide6.QtWidgets import QApplication

from app.theme import DEFAULT_THEME, THEMES, apply_theme
from graph import __version__
from graph.paths import resource

ORGANIZATION, APPLICATION = "Threadline", "Threadline"


class Appearance:
    """Theme and minimap (uses the window's actions, canvas and settings)."""

    def _build_theme_group(self) -> None:
        self.theme_group = QActionGroup(self)  # exclusive: one theme at a time
        for name in THEMES:
            self.theme_group.addAction(self.acts[f"theme_{name}"])

    def _restore_appearance(self) -> None:
        self.set_minimap(self.settings.value("view/minimap", True, type=bool))
        self.set_theme(str(self.settings.value("view/theme", DEFAULT_THEME)))

    def set_theme(self, name: str) -> None:
        """Colour the whole application: ``"system"``, ``"light"`` or ``"dark"`` (saved)."""
        name = apply_theme(QApplication.instance(), name)
        self.acts[f"theme_{name}"].setChecked(True)
        self.settings.setValue("view/theme", name)

    def theme(self) -> str:
        """The theme chosen in View > Theme."""
        return next(name for name in THEMES if self.acts[f"theme_{name}"].isChecked())

    def toggle_minimap(self) -> None:
        """Follow View > Show Minimap."""
        self.set_minimap(self.acts["minimap"].isChecked())

    def set_minimap(self, shown: bool) -> None:
        """Whether big graphs get a map of the whole drawing in a corner of the canvas."""
        self.canvas.minimap.set_enabled(bool(shown))
        self.acts["minimap"].setChecked(bool(shown))
        self.settings.setValue("view/minimap", bool(shown))


def make_app() -> QApplication:
    """The ``QApplication`` (made once), named and styled for Threadline."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # looks the same everywhere and follows the system palette
    icon = resource("icons", "threadline.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app
