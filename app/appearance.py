"""How the window looks: View > Theme (System / Light / Dark) and View > Show Minimap.

:class:`Appearance` is mixed into :class:`app.main_window.MainWindow`; both choices are
kept in the window's settings (``view/theme``, ``view/minimap``) and applied at start. The
palettes are :mod:`app.theme`'s.
"""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QApplication

from app.theme import DEFAULT_THEME, THEMES, apply_theme


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
