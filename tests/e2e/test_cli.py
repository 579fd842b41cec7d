"""The installed ``threadline`` command, run as a user would (real files, real model)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.paths import seeds_dir

# Every test starts the installed command, which loads spaCy: 2-6 s each.
pytestmark = pytest.mark.slow

SCORE = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"
GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds_gold.jsonl"


def threadline(*args: str, cache: Path | None = None, cwd: Path | None = None
               ) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if cache is not None:
        env["THREADLINE_USER_DATA"] = str(cache)
    exe = shutil.which("threadline", path=str(Path(sys.executable).parent))
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=600,
                          cwd=cwd)


def test_extract_seeds_writes_graphml_and_a_summary(tmp_path):
    out = tmp_path / "seeds.graphml"
    result = threadline("extract", str(seeds_dir()), "-o", str(out), cache=tmp_path / "c")
    assert result.returncode == 0, result.stderr
    assert "Documents: 2 read, 0 skipped" in result.stdout
    assert "Entities:" in result.stdout and "Edges:" in result.stdout
    assert "Traceback" not in result.stderr
    import networkx as nx

    g = nx.read_graphml(out)
    assert g.number_of_nodes() >= 30
    assert all(json.loads(d["evidence"]) for _, _, d in g.edges(data=True))


def test_a_named_workspace_extracts_only_what_changed(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), corpus)
    workspace, out = tmp_path / "project.threadline", tmp_path / "g.graphml"
    args = ("extract", str(corpus), "-o", str(out), "--workspace", str(workspace))
    first = threadline(*args, "-q")
    assert first.returncode == 0, first.stderr
    assert "Documents: 2 read, 0 skipped\n" in first.stdout and workspace.is_file()
    (corpus / "new.txt").write_text("Mistral AI released Mistral 7B in Paris.\n")
    second = threadline(*args, "-q")
    assert second.returncode == 0, second.stderr
    assert "Documents: 3 read, 0 skipped (1 extracted, 2 unchanged)" in second.stdout
    refused = threadline("extract", str(corpus), "-o", str(workspace),
                         "--workspace", str(workspace), "-q")
    assert refused.returncode == 2 and str(workspace) in refused.stderr
    assert workspace.read_bytes()[:16] == b"SQLite format 3\x00"  # not overwritten
    not_a_workspace = threadline("extract", str(corpus), "-o", str(out), "--workspace",
                                 str(corpus / "new.txt"), "-q")
    assert not_a_workspace.returncode == 1
    assert "cannot be opened" in not_a_workspace.stderr
    assert "Traceback" not in not_a_workspace.stderr
    assert (corpus / "new.txt").read_text() == "Mistral AI released Mistral 7B in Paris.\n"


@pytest.mark.skipif(not SCORE.exists(), reason="the shared evaluation script is not beside us")
def test_the_shared_scorer_runs_on_the_export(tmp_path):
    out = tmp_path / "seeds.graphml"
    assert threadline("extract", str(seeds_dir()), "-o", str(out)).returncode == 0
    scored = subprocess.run([sys.executable, str(SCORE), str(out), str(GOLD), "--json"],
                            capture_output=True, text=True, check=True)
    assert json.loads(scored.stdout)["all"]["gold"] == 51


@pytest.mark.parametrize("fmt, files", [("gexf", ["g.gexf"]), ("json", ["g.json"]),
                                        ("csv", ["g.nodes.csv", "g.edges.csv"])])
def test_every_format_from_the_command_line(tmp_path, fmt, files):
    result = threadline("extract", str(seeds_dir()), "-o", str(tmp_path / f"g.{fmt}"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)


def test_skipped_files_are_reported(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Anthropic partnered with Cisco and Google.")
    (corpus / "b.bin").write_bytes(b"\x00\x01\x02")
    (corpus / "c.txt").write_bytes(b"")
    result = threadline("extract", str(corpus), "-o", str(tmp_path / "g.graphml"))
    assert result.returncode == 0, result.stderr
    assert "1 read, 2 skipped" in result.stdout
    assert "skipped b.bin: not a supported document type (.bin)" in result.stdout
    assert "skipped c.txt: the file is empty" in result.stdout


@pytest.mark.parametrize("args, code, message", [
    (["extract", "nowhere", "-o", "x.graphml"], 2, "No such file or folder: nowhere"),
    (["extract", "SEEDS", "-o", "OUT/missing/x.graphml"], 2, "the folder does not exist"),
    (["extract", "SEEDS", "-o", "x.graphml", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
    (["extract", "SEEDS"], 2, "the following arguments are required: -o"),
    (["extract", "SEEDS", "-o", "x.graphml", "--model", "no_such_model"], 2,
     "'no_such_model' is not installed"),
    (["extract", "EMPTY", "-o", "x.graphml"], 1, "No readable documents"),
    (["nowhere"], 2, "No such file or folder: nowhere"),
])
def test_bad_usage_gives_a_message_and_an_exit_code(tmp_path, args, code, message):
    (tmp_path / "empty").mkdir()
    args = [a.replace("SEEDS", str(seeds_dir())).replace("OUT", str(tmp_path))
            .replace("EMPTY", str(tmp_path / "empty")) for a in args]
    result = threadline(*args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_version_names_the_pipeline():
    result = threadline("--version")
    assert result.returncode == 0
    assert "spaCy 3.8" in result.stdout and "en_core_web_sm" in result.stdout


def test_evaluate_prints_per_type_scores(tmp_path):
    result = threadline("evaluate", str(seeds_dir()), "--gold", str(GOLD))
    assert result.returncode == 0, result.stderr
    for t in ("MODEL", "ORG", "PROJECT", "METHOD", "METRIC", "ALL"):
        assert any(line.startswith(t) for line in result.stdout.splitlines())


def test_without_a_display_the_window_command_prints_the_summary(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    exe = shutil.which("threadline", path=str(Path(sys.executable).parent))
    result = subprocess.run([exe], capture_output=True, text=True, env=env, timeout=600,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no display is available" in result.stderr
    assert "Documents: 2 read" in result.stdout and "Entities:" in result.stdout


# -- hostile outputs and inputs ------------------------------------------------------------
def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("Anthropic released Claude 3 Opus.")
    return corpus


@pytest.mark.parametrize("inputs, output, message", [
    (["corpus/notes.txt"], "corpus/notes.txt", "it is the input corpus/notes.txt"),
    (["corpus/notes.txt"], "link.graphml", "it is the input corpus/notes.txt"),
    (["corpus"], "corpus/summary.md", "inside the input folder corpus"),
    (["corpus"], "corpus/sub/../graph.html", "inside the input folder corpus"),
    (["corpus/notes.txt", "g.nodes.csv"], "g.csv", "it is the input g.nodes.csv"),
])
def test_the_output_is_never_an_input(tmp_path, inputs, output, message):
    corpus = _corpus(tmp_path)
    (corpus / "sub").mkdir()
    (tmp_path / "link.graphml").symlink_to(corpus / "notes.txt")
    (tmp_path / "g.nodes.csv").write_text("Id,Label\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = threadline("extract", *inputs, "-o", output, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_graph_beside_the_documents_is_fine(tmp_path):
    corpus = _corpus(tmp_path)
    result = threadline("extract", str(corpus), "-o", str(corpus / "graph.graphml"),
                        cache=tmp_path / "c")
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_fifo_output_is_refused_before_extracting(tmp_path):
    corpus = _corpus(tmp_path)
    fifo = tmp_path / "out.graphml"
    os.mkfifo(fifo)
    result = threadline("extract", str(corpus), "-o", str(fifo), cache=tmp_path / "c")
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert "Documents:" not in result.stdout  # refused before any extraction
    assert fifo.is_fifo()


def test_evaluating_a_damaged_graph_is_a_clear_error(tmp_path):
    damaged = tmp_path / "damaged.graphml"
    damaged.write_bytes(b'<?xml version="1.0"?><graphml xmlns="http://graphml.graph')
    result = threadline("evaluate", str(damaged), "--gold", str(GOLD))
    assert result.returncode == 1
    assert "is not a Threadline-readable GraphML file" in result.stderr
    assert "Traceback" not in result.stderr


def test_jobs_must_be_a_whole_number_of_processes(tmp_path):
    out = tmp_path / "g.graphml"
    for bad in ("0", "two"):
        result = threadline("extract", str(seeds_dir()), "-o", str(out), "--jobs", bad)
        assert result.returncode == 2 and "1 or more" in result.stderr
    done = threadline("extract", str(seeds_dir()), "-o", str(out), "--jobs", "2", "-q",
                      cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert "Documents: 2 read" in done.stdout
