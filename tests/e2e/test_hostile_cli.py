"""``threadline extract`` on the hostile corpus, as a user would run it.

The command must finish (a FIFO or /dev/zero would hang it or fill the memory), exit 0,
print no traceback, list every skipped file with its reason, put the good documents'
entities in the graph and leave the folder exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from tests.hostile_corpus import make_hostile_corpus

# Starts the installed command, which loads spaCy: several seconds.
pytestmark = pytest.mark.slow


def listing(folder: Path) -> dict[bytes, tuple]:
    """Every name under ``folder`` with its kind, size, mtime and link target.

    ``lstat`` only, links are not followed and nothing is opened: the FIFO would block.
    """
    found: dict[bytes, tuple] = {}
    stack = [os.fsencode(folder)]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                status = entry.stat(follow_symlinks=False)
                link = os.readlink(entry.path) if entry.is_symlink() else None
                found[entry.path] = (status.st_mode, status.st_size, status.st_mtime_ns, link)
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
    return found


def test_extract_on_the_hostile_corpus_skips_the_bad_files_and_changes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    expected = make_hostile_corpus(corpus)
    before = listing(corpus)
    out = tmp_path / "out.graphml"
    env = {**os.environ, "THREADLINE_MAX_FILE_MB": "1", "THREADLINE_USER_DATA": str(tmp_path / "c"),
           "PYTHONIOENCODING": "utf-8"}
    exe = shutil.which("threadline", path=str(Path(sys.executable).parent))
    result = subprocess.run([exe, "extract", str(corpus), "-o", str(out), "--no-cache"],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    documents, skipped = len(expected["documents"]), len(expected["skipped"])
    assert f"Documents: {documents} read, {skipped} skipped" in result.stdout
    for doc_id, words in expected["skipped"].items():
        line = next(x for x in result.stdout.splitlines() if x.startswith(f"  skipped {doc_id}:"))
        assert words in line
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout

    g = nx.read_graphml(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert set(expected["entities"]) <= labels
    sources = {s["id"] for s in json.loads(g.graph["sources"])}
    assert sources == set(expected["documents"])
    assert listing(corpus) == before
