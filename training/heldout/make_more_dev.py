"""Build the ``more-dev`` split of ``training/heldout/`` (December 2026): 8 more package
READMEs and the LM Evaluation Harness's 60 short benchmark summaries, cut like the rest of
the held-out set (``make_packages.py``, ``make_more.py``).

    .venv/bin/python training/heldout/make_more_dev.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distributions of ``READMES`` and of
``lm_eval-0.4.13``; vllm's README is its wheel's package description (``METADATA``), saved
there as ``vllm-0.34.0/README.md`` beside the wheel's ``dist-info``. The task pages are the
summaries of 40 to 79 words of title and abstract that no other split and no training text
holds (the training text took those of more than 150 words, the ``more`` split those of 80
to 150). The documents are kept in the repository; this script records how they were cut,
it is not run by the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_more import build_split  # noqa: E402

READMES = ["deepeval-4.3.1", "flair-0.15.1", "gliner-0.2.29", "llmcompressor-0.14.0.1",
           "setfit-1.2.0", "sglang-0.5.10.post1", "txtai-9.14.0", "vllm-0.34.0"]


if __name__ == "__main__":
    build_split(Path(sys.argv[1]), "more-dev", READMES, (40, 79))
