"""View > Theme: the system's colours, or Fusion's light or dark palette.

:func:`apply_theme` sets the application's palette; every widget follows it (the canvas,
its legend and minimap, the details and the source text restyle on ``PaletteChange``).
The palette the application had before the first theme was applied is the system's, and
"system" puts it back.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"

_system_palette: QPalette | None = None

Role, Group = QPalette.ColorRole, QPalette.ColorGroup

# Fusion's dark colours: neutral greys, text a little off white, the link and highlight a
# blue that reads on both the window and the base.
_DARK = {
    Role.Window: "#2d2f33", Role.WindowText: "#e6e6e6", Role.Base: "#1f2124",
    Role.AlternateBase: "#282a2e", Role.ToolTipBase: "#2d2f33", Role.ToolTipText: "#e6e6e6",
    Role.PlaceholderText: "#8a8d92", Role.Text: "#e6e6e6", Role.Button: "#35383d",
    Role.ButtonText: "#e6e6e6", Role.BrightText: "#ff6b6b", Role.Light: "#4a4d53",
    Role.Midlight: "#3e4146", Role.Mid: "#55585e", Role.Dark: "#18191b", Role.Shadow: "#0c0c0d",
    Role.Highlight: "#3d8fd6", Role.HighlightedText: "#ffffff", Role.Link: "#6cb2ff",
    Role.LinkVisited: "#b48ef5",
}
_DARK_DISABLED = {Role.WindowText: "#7c7f84", Role.Text: "#7c7f84", Role.ButtonText: "#7c7f84",
                  Role.Highlight: "#4a4d53", Role.HighlightedText: "#b0b0b0"}


def dark_palette() -> QPalette:
    """The dark theme's palette."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """The light theme's palette: Fusion's own."""
    return QStyleFactory.create("Fusion").standardPalette()


def apply_theme(app: QApplication, name: str) -> str:
    """Give ``app`` the palette of the theme ``name`` (unknown names: "system").

    Returns
    -------
    str
        The theme applied.
    """
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    name = name if name in THEMES else DEFAULT_THEME
    if name != "system" and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if name == "dark":
        palette = dark_palette()
    elif name == "light":
        palette = light_palette()
    else:
        palette = _system_palette
    app.setPalette(palette)
    return name
