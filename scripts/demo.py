"""Open the window on the seeds in a given state, for README screenshots.

    ../shared/tools/screenshot docs/screenshot.png 15 .venv/bin/python scripts/demo.py \
        --focus "Claude Opus 3"
    ... scripts/demo.py --edge            (the heaviest typed relation and its evidence)
    ... scripts/demo.py --search glasswing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.main_window import MainWindow, make_app
from graph.paths import seeds_dir


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--focus", help="label of an entity to search and select")
    ap.add_argument("--expand", action="store_true",
                    help="show only the focused entity's neighbourhood, expanded to depth 2")
    ap.add_argument("--edge", nargs="?", const="", metavar="RELATION",
                    help="select the heaviest typed relation (whose label contains RELATION)")
    ap.add_argument("--search", help="full-text search")
    ap.add_argument("--dark", action="store_true")
    args = ap.parse_args()
    app = make_app()
    if args.dark:
        from PySide6.QtGui import QColor, QPalette

        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                             (QPalette.ColorRole.Base, "#1e1e1e"),
                             (QPalette.ColorRole.AlternateBase, "#262626"),
                             (QPalette.ColorRole.Text, "#e6e6e6"),
                             (QPalette.ColorRole.WindowText, "#e6e6e6"),
                             (QPalette.ColorRole.Button, "#353535"),
                             (QPalette.ColorRole.ButtonText, "#e6e6e6"),
                             (QPalette.ColorRole.Link, "#8ab4f8")):
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)
    from PySide6.QtCore import QSettings

    # A fresh layout every time (not the person's saved one), filling the screen even
    # without a window manager (Xvfb).
    settings = QSettings(str(Path("/tmp") / "threadline-demo.ini"), QSettings.Format.IniFormat)
    settings.clear()
    window = MainWindow(settings=settings)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()

    def arrange(outcome: str) -> None:
        if outcome != "ok":
            return
        model = window.model
        if args.focus:
            hits = window.search.suggest(args.focus)
            if hits:
                window.search.setText(hits[0].label)
                window.focus_entity(hits[0].node)
                if args.expand:
                    window.focus_neighbourhood(hits[0].node)
                    window.expand(hits[0].node, depth=2)
        if args.edge is not None:
            typed = [(d["weight"], u, v, k) for u, v, k, d in
                     model.graph.edges(keys=True, data=True)
                     if d["method"] == "dependency" and args.edge in d["relation"]]
            if typed:
                _, u, v, k = max(typed)
                window.focus_edge(u, v, k)
        if args.search:
            window.text_search(args.search)

    window.jobFinished.connect(arrange)
    window.open_paths([str(seeds_dir())])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
