"""A killed process loses nothing it committed, and two writers do not corrupt a workspace.

Real processes, real SIGKILL, real SQLite files; integrity checked with SQLite's own
``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.paths import seeds_dir
from graph.store.workspace import Workspace

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

ROOT = Path(__file__).resolve().parents[2]
ANNOUNCEMENTS = ROOT / "training" / "corpus" / "announcements"
EDIT_BURST = """
import sys
from graph.build.edits import RENAME, Edit, EntityRef
from graph.store.workspace import Workspace
with Workspace(sys.argv[1]) as store:
    for n in range(int(sys.argv[2])):
        edit = Edit(RENAME, EntityRef("MODEL", f"{sys.argv[3]} {n}"), value=f"renamed {n}")
        print(store.add_edit(edit.to_json()), flush=True)
"""


def _integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def _stored(path: Path) -> int:
    if not path.exists():
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        db.close()


def _python(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_killed_extraction_keeps_the_documents_it_finished(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in [*seeds_dir().glob("*.txt"), *ANNOUNCEMENTS.glob("*.txt")]:
        shutil.copy(path, corpus / path.name)
    total = len(list(corpus.iterdir()))
    workspace = tmp_path / "w.threadline"
    exe = shutil.which("threadline", path=str(Path(sys.executable).parent))
    run = subprocess.Popen([exe, "extract", str(corpus), "-o", str(tmp_path / "g.graphml"),
                            "--workspace", str(workspace), "-q"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _stored(workspace) < 4 and time.monotonic() < deadline:
        try:  # wait on the run itself: it may end before anything can be killed
            run.wait(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            pass
    seen = _stored(workspace)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert 4 <= seen < total, "the run ended before it could be killed part-way"
    assert _integrity(workspace) == "ok"
    with Workspace(workspace) as store:
        kept = store.stored_results()
    assert kept >= seen
    again = subprocess.run([exe, "extract", str(corpus), "-o", str(tmp_path / "g.graphml"),
                            "--workspace", str(workspace), "-q"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"({total - kept} extracted, {kept} unchanged)" in again.stdout


def test_a_killed_edit_burst_keeps_every_committed_edit(tmp_path):
    workspace = tmp_path / "w.threadline"
    Workspace(workspace).close()
    burst = _python(EDIT_BURST, str(workspace), "100000", "Model")
    committed = [int(burst.stdout.readline()) for _ in range(200)]
    burst.send_signal(signal.SIGKILL)
    burst.wait()
    assert _integrity(workspace) == "ok"
    with Workspace(workspace) as store:
        ids = {i for i, _ in store.edits()}
    assert set(committed) <= ids


def test_two_writers_at_once_do_not_corrupt_the_workspace(tmp_path):
    workspace = tmp_path / "w.threadline"  # both create it: the migration runs once
    writers = [_python(EDIT_BURST, str(workspace), "300", name) for name in ("A", "B")]
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err[-2000:] for _, err in results]
    outputs = [out.split() for out, _ in results]
    assert _integrity(workspace) == "ok"
    with Workspace(workspace) as store:
        ids = [i for i, _ in store.edits()]
    assert sorted(ids) == sorted(int(i) for out in outputs for i in out) and len(ids) == 600
