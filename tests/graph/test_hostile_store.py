"""Hostile targets and inputs for graph.store: exports never destroy data, imports never crash.

Targets: devices, pipes, folders and links; permission bits; pairs of files on a full
disk; temporaries of killed exports. Inputs: damaged and hostile GraphML (entities,
unreadable values, deep nesting), damaged workspaces (test_workspace.py), malformed gold
annotations.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.build.evaluate import load_gold
from graph.errors import ExportError, GoldError
from graph.schema import COOCCURRENCE, METHODS, edge_key
from graph.store.files import atomic_path, export_target, remove_stale_temporaries
from graph.store.formats import export
from graph.store.graphml import read_graphml

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and modes are POSIX")


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for nid, label in (("ORG:a", "Anthropic"), ("ORG:b", "OpenAI")):
        g.add_node(nid, label=label, type="ORG", aliases=[], documents=["d.txt"], mentions=1,
                   occurrences=[["d.txt", 0, 9, 0, 20]])
    g.add_edge("ORG:a", "ORG:b", key=edge_key(COOCCURRENCE, "co-occurs with"),
               relation="co-occurs with", weight=1.0, method=COOCCURRENCE,
               evidence=[{"doc": "d.txt", "start": 0, "end": 20, "text": "A and O."}])
    return g


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- 1. export targets ---------------------------------------------------------------------
@posix_only
def test_dev_null_is_refused_without_writing():
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(ExportError, match="not a regular file"):
        export_target("/dev/null")
    # Raising inside the block keeps /dev/null safe even if the refusal ever regresses.
    with pytest.raises(ExportError, match="not a regular file"), atomic_path("/dev/null"):
        raise AssertionError("atomic_path yielded a temporary for /dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_a_fifo_target_is_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "g.graphml"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        export(small_graph(), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert temporaries(tmp_path) == []


def test_a_folder_target_is_refused(tmp_path):
    (tmp_path / "g.graphml").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        export(small_graph(), tmp_path / "g.graphml")


@posix_only
def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "g.graphml"
    real.write_text("old")
    os.chmod(real, 0o644)
    link = link_dir / "g.graphml"
    link.symlink_to(real)
    export(small_graph(), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert read_graphml(real).number_of_nodes() == 2
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o644
    assert temporaries(real_dir) == temporaries(link_dir) == []


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664], ids=oct)
def test_an_overwritten_file_keeps_its_mode(tmp_path, mode):
    path = tmp_path / "g.graphml"
    path.write_text("old")
    os.chmod(path, mode)
    export(small_graph(), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077], ids=oct)
def test_a_new_file_gets_the_umask_mode(tmp_path, umask):
    old = os.umask(umask)
    try:
        written = export(small_graph(), tmp_path / "g.csv")
    finally:
        os.umask(old)
    for path in written:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask


# -- 3. pairs ------------------------------------------------------------------------------
def test_csv_pair_on_a_full_disk_keeps_the_old_pair(tmp_path, monkeypatch):
    nodes, edges = tmp_path / "g.nodes.csv", tmp_path / "g.edges.csv"
    nodes.write_text("old nodes")
    edges.write_text("old edges")
    calls = []
    real_fsync = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file of the pair
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ExportError, match="No space left on device"):
        export(small_graph(), tmp_path / "g.csv")
    assert nodes.read_text() == "old nodes" and edges.read_text() == "old edges"
    assert temporaries(tmp_path) == []


# -- 5. temporaries of killed exports --------------------------------------------------------
def dead_pid() -> int:
    try:
        return int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    except (OSError, ValueError):
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        return child.pid


def test_temporaries_carry_our_mark_and_pid(tmp_path):
    with atomic_path(tmp_path / "g.graphml") as tmp:
        assert re.fullmatch(rf"\.g\.graphml\.threadline-{os.getpid()}-[0-9a-f]+\.tmp", tmp.name)
        assert tmp.parent == tmp_path


@pytest.mark.skipif(os.name == "nt", reason="liveness of a pid is not checked on Windows")
def test_stale_temporaries_of_dead_writers_are_removed(tmp_path):
    old = time.time() - 3600
    stale = tmp_path / f".g.graphml.threadline-{dead_pid()}-0123abcd.tmp"
    young = tmp_path / f".h.graphml.threadline-{dead_pid()}-4567abcd.tmp"
    alive = tmp_path / f".i.graphml.threadline-{os.getppid()}-89abcdef.tmp"
    foreign = tmp_path / ".g.graphml.abc123.tmp"  # someone else's: never ours to remove
    for path in (stale, young, alive, foreign):
        path.write_bytes(b"x" * 1000)
        if path is not young:
            os.utime(path, (old, old))
    export(small_graph(), tmp_path / "g.graphml")
    assert not stale.exists()
    assert young.exists() and alive.exists() and foreign.exists()
    assert remove_stale_temporaries(tmp_path) == []


# -- 6. hostile and damaged GraphML -----------------------------------------------------------
GRAPHML = ('<?xml version="1.0" encoding="utf-8"?>\n{doctype}'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
           '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
           '<key id="d1" for="node" attr.name="mentions" attr.type="int"/>'
           '<key id="d2" for="edge" attr.name="weight" attr.type="double"/>'
           '<key id="d3" for="node" attr.name="aliases" attr.type="string"/>'
           '<graph edgedefault="directed">'
           '<node id="a"><data key="{key}">{value}</data></node><node id="b"/>'
           '<edge source="a" target="b"><data key="d2">2.0</data></edge>'
           '</graph></graphml>')


def hostile(tmp_path, key="d0", value="A", doctype="") -> Path:
    path = tmp_path / "hostile.graphml"
    path.write_text(GRAPHML.format(key=key, value=value, doctype=doctype), encoding="utf-8")
    return path


def assert_consistent(g: nx.MultiDiGraph) -> None:
    for _, d in g.nodes(data=True):
        assert isinstance(d["label"], str) and isinstance(d["type"], str)
        assert all(isinstance(a, str) for a in d["aliases"] + d["documents"])
        assert type(d["mentions"]) is int
    for _, _, k, d in g.edges(keys=True, data=True):
        assert isinstance(k, str) and d["method"] in METHODS
        assert isinstance(d["weight"], float) and d["weight"] == d["weight"] < float("inf")


def test_a_truncated_file_is_refused(tmp_path):
    path = tmp_path / "g.graphml"
    export(small_graph(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExportError, match="not a Threadline-readable GraphML"):
        read_graphml(path)


@pytest.mark.parametrize("text", [
    "<html><body>not a graph</body></html>",
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"></graphml>',
    "", "\x00\x01\x02", '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>',
])
def test_wrong_roots_and_garbage_are_refused(tmp_path, text):
    path = tmp_path / "g.graphml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExportError):
        read_graphml(path)


def test_an_int_key_holding_text_is_refused(tmp_path):
    with pytest.raises(ExportError, match="abc"):
        read_graphml(hostile(tmp_path, key="d1", value="abc"))


def test_an_infinite_double_is_repaired(tmp_path):
    path = hostile(tmp_path).read_text().replace(">2.0<", ">1e999999<")
    (tmp_path / "inf.graphml").write_text(path)
    g = read_graphml(tmp_path / "inf.graphml")
    assert_consistent(g)
    assert [d["weight"] for _, _, d in g.edges(data=True)] == [1.0]


def test_deeply_nested_json_in_aliases_does_not_crash(tmp_path):
    g = read_graphml(hostile(tmp_path, key="d3", value="[" * 200_000 + "]" * 200_000))
    assert_consistent(g)


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = hostile(tmp_path, value="&l9;", doctype=f"<!DOCTYPE g [{entities}]>\n")
    with pytest.raises(ExportError, match="DOCTYPE"):
        read_graphml(path)


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doctype = f'<!DOCTYPE g [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
    with pytest.raises(ExportError, match="DOCTYPE") as caught:
        read_graphml(hostile(tmp_path, value="&x;", doctype=doctype))
    assert "TOP-SECRET" not in str(caught.value)
    internal = '<!DOCTYPE g [<!ENTITY e "expanded">]>\n'
    with pytest.raises(ExportError, match="DOCTYPE"):
        read_graphml(hostile(tmp_path, value="&e;", doctype=internal))


@posix_only
def test_a_fifo_or_device_is_not_read(tmp_path):
    fifo = tmp_path / "g.graphml"
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            read_graphml(fifo)
        except ExportError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # blocked waiting for a writer: let it go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert outcome and "not a regular file" in str(outcome[0])
    with pytest.raises(ExportError, match="not a regular file"):
        read_graphml("/dev/zero")


# -- evaluation input -------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    {"doc": "a.txt", "type": "MODEL", "name": 5},
    {"doc": "a.txt", "type": "MODEL", "name": "GPT-4", "aliases": "GPT4"},
    {"doc": "a.txt", "type": "MODEL", "name": "GPT-4", "aliases": [1]},
    {"doc": ["a.txt"], "type": "MODEL", "name": "GPT-4"},
    ["a.txt", "MODEL", "GPT-4"],
])
def test_gold_of_the_wrong_shape_is_a_gold_error(tmp_path, line):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(line) + "\n")
    with pytest.raises(GoldError, match="line 1"):
        load_gold(gold)


GRAPHML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                '<key id="d0" for="node" attr.name="label" attr.type="string"/>\n'
                '<graph edgedefault="directed">\n')


@pytest.mark.parametrize("body, named", [
    ('<node id="a"><data key="d0">First</data></node>'
     '<node id="a"><data key="d0">Second</data></node>', "the node id 'a' is used twice"),
    ('<node id="a"/><node id="b"><graph id="inner" edgedefault="directed">'
     '<node id="b::x"/></graph></node><edge source="a" target="b"/>',
     "node 'b' holds a nested graph"),
])
def test_what_networkx_would_drop_silently_is_refused_by_name(tmp_path, body, named):
    path = tmp_path / "odd.graphml"
    path.write_text(GRAPHML_HEAD + body + "</graph></graphml>\n", encoding="utf-8")
    with pytest.raises(ExportError, match=re.escape(named)):
        read_graphml(path)


def many_nodes_graph(nodes: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(nodes):
        g.add_node(f"MODEL:m{i}", label=f"Model {i} " + "x" * 200, type="MODEL", aliases=[],
                   documents=["d.txt"], mentions=1, occurrences=[])
    return g


@pytest.mark.slow  # writes and reads a 5 MB GraphML twice
def test_a_big_import_reports_progress_within_the_file_and_stops_there(tmp_path):
    import gc

    from graph.build.jobs import import_job
    from graph.errors import Cancelled
    from graph.jobs import run_job

    path = tmp_path / "big.graphml"
    export(many_nodes_graph(12_000), path, "graphml")
    assert path.stat().st_size > 4 * 2**20
    seen = []
    graph = run_job(import_job(str(path)), seen.append).graph
    assert graph.number_of_nodes() == 12_000
    shares = [p.message for p in seen if p.message.startswith("Importing big.graphml (")]
    assert len(shares) >= 4 and shares[-1] == "Importing big.graphml (90%)"
    seen.clear()
    collector_on = gc.isenabled()
    with pytest.raises(Cancelled):  # cancelled after the second megabyte: nothing more read
        run_job(import_job(str(path)), seen.append, cancelled=lambda: len(seen) >= 3)
    assert len(seen) == 3 and "%" in seen[-1].message
    assert gc.isenabled() == collector_on  # the build's pause of the collector was undone


def test_a_graph_file_over_its_size_cap_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "g.graphml"
    export(many_nodes_graph(2_000), path, "graphml")
    monkeypatch.setenv("THREADLINE_MAX_GRAPH_MB", "0.1")
    with pytest.raises(ExportError, match=r"over the 0.1 MB limit \(set THREADLINE_MAX_GRAPH_MB"):
        read_graphml(path)
    monkeypatch.delenv("THREADLINE_MAX_GRAPH_MB")
    assert read_graphml(path).number_of_nodes() == 2_000
