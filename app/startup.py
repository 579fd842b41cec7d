"""The start-up probe: how long the window takes to appear (``THREADLINE_STARTUP_PROBE=1``).

The packaged-app test and the browser benchmark start ``threadline`` with the variable set;
the window then prints ``window-shown <seconds>`` on stderr as soon as it is on screen and
quits. Importing this module loads no Qt.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

PROBE_VARIABLE = "THREADLINE_STARTUP_PROBE"
_IMPORTED_AT = time.perf_counter()


def probe_requested() -> bool:
    """Whether this run should report its start-up time and quit."""
    return bool(os.environ.get(PROBE_VARIABLE))


def seconds_since_process_start() -> float:
    """Wall time since the process began (Linux: from /proc; elsewhere: since import)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start)
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED_AT


def report_startup(window) -> None:
    """Print ``window-shown <seconds>`` once ``window`` is on screen, then quit.

    Parameters
    ----------
    window
        The shown main window; its ``shutdown()`` joins its workers before the quit.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def shown() -> None:
        print(f"window-shown {seconds_since_process_start():.3f}", file=sys.stderr, flush=True)
        window.shutdown()
        QApplication.quit()

    QTimer.singleShot(0, shown)
