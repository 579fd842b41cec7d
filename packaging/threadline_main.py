"""Entry script of the packaged app (PyInstaller analyses this file).

The same ``main`` as the ``threadline`` console script; kept outside ``app/`` so the
bundle is built from the installed package, not from the checkout.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen program re-executes itself for child processes; without this a stray
    # multiprocessing start (a library's pool) would open a second window.
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
