"""Build the ``readmes`` split of ``training/heldout/`` (December 2026): 24 more package
READMEs, cut like the rest of the held-out set (``make_packages.py``).

    .venv/bin/python training/heldout/make_readmes.py SDIST_DIR

``SDIST_DIR`` holds the source distributions of ``READMES`` from PyPI, each unpacked into a
folder of its name (``tar xzf`` of the sdist the PyPI JSON API lists for that version).
The documents are kept in the repository; this script records how they were cut, it is
not run by the build.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_packages import cut, prose  # noqa: E402

OUT = HERE / "packages"
READMES = ["auto-round-0.16.1", "axolotl-0.21.0", "colbert-ai-0.2.22", "diffusers-0.42.1",
           "gptqmodel-7.7.0", "guardrails-ai-0.11.0", "huggingface_hub-2.4.0", "keybert-0.9.0",
           "langchain-1.5.2", "langgraph-1.2.24", "litgpt-0.5.13", "lm-format-enforcer-0.11.3",
           "mamba-ssm-2.3.2.post1", "marvin-3.2.7", "mistral_inference-1.6.0",
           "optimum-intel-2.2.0", "petals-2.2.0.post1", "safetensors-0.8.0",
           "semantic-kernel-1.45.0", "smolagents-1.26.0", "spacy-3.8.18", "stanza-1.15.0",
           "timm-1.0.31", "xgrammar-0.2.9"]


def main(sdists: Path) -> None:
    chosen = []
    for name in READMES:
        package, folder = name.rsplit("-", 1)[0].replace("-", "_"), sdists / name
        readme = next(p for pattern in ("*/README.md", "*/*/README.md") for p in
                      folder.glob(pattern))  # safetensors': in its Python package's folder
        (OUT / f"readme__{package}.md").write_text(cut(prose(readme.read_text())),
                                                    encoding="utf-8")
        licence = next(p for pattern in ("*/LICENSE", "*/LICENSE.md") for p in
                       folder.glob(pattern))
        shutil.copy(licence, HERE / "licenses" / f"{package}.txt")
        chosen.append(f"readme__{package}.md")
    splits_file = HERE / "splits.json"
    splits = json.loads(splits_file.read_text(encoding="utf-8"))
    splits["readmes"] = sorted(chosen)
    splits_file.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
