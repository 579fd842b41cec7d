"""Hostile and unlucky input to the ingest layer: a bad file is skipped, never the corpus.

Every test here runs under a deadline (``signal.alarm``), so a file that hangs the reader
fails the test instead of hanging the run. Reading the whole hostile corpus happens in a
child process with a memory limit as well: a reader that followed a link to /dev/zero would
otherwise fill this process's memory before any deadline could stop it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph import messages
from graph.errors import CorpusError, PathMissing
from graph.ingest import files, readers
from graph.ingest.corpus import load_corpus, load_sources
from graph.ingest.files import display_name, max_file_mb
from tests.hostile_corpus import bomb_pdf, encrypted_pdf, make_hostile_corpus, nested_pdf

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 20
CHILD_MEMORY = 2 * 1024**3
CHILD = textwrap.dedent("""
    import json, resource, signal, sys
    resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
    signal.alarm({seconds})
    from graph.ingest.corpus import load_corpus
    corpus = load_corpus(sys.argv[1:])
    print(json.dumps({{"documents": {{d.id: d.text for d in corpus.documents}},
                      "paths": {{d.id: d.path for d in corpus.documents}},
                      "skipped": {{s.path: s.reason for s in corpus.skipped}},
                      "warnings": corpus.warnings, "digest": corpus.digest}}))
""")


class Hung(Exception):
    """The deadline passed: the code under test hangs."""


@pytest.fixture(autouse=True)
def deadline():
    def expire(signum, frame):
        raise Hung(f"still running after {DEADLINE_S} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(DEADLINE_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def load_in_child(*paths: Path, cap_mb: str = "1") -> dict:
    """``load_corpus`` in a child with a memory limit and a deadline; its report as a dict."""
    env = {**os.environ, files.MAX_FILE_ENV: cap_mb, "PYTHONPATH": str(ROOT)}
    code = CHILD.format(memory=CHILD_MEMORY, seconds=60)
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def two_documents(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text("Anthropic released Claude Opus 3.")
    return folder


# The whole hostile corpus


@pytest.mark.slow
def test_the_hostile_corpus_gives_its_good_documents_and_a_reason_for_every_other_file(
        tmp_path):
    expected = make_hostile_corpus(tmp_path / "corpus")
    report = load_in_child(tmp_path / "corpus")
    assert set(report["documents"]) == set(expected["documents"])
    for doc_id, sentence in expected["documents"].items():
        assert sentence in report["documents"][doc_id], doc_id
    assert set(report["skipped"]) == set(expected["skipped"])
    for doc_id, words in expected["skipped"].items():
        assert words in report["skipped"][doc_id], (doc_id, report["skipped"][doc_id])
    assert not any("Traceback" in r or "Error:" in r for r in report["skipped"].values())
    assert len(report["digest"]) == 64


# 1. any exception of a reader skips that document


@pytest.mark.parametrize("error, reason", [
    (RecursionError("maximum recursion depth exceeded"), messages.READ_TOO_DEEP),
    (MemoryError(), messages.READ_OUT_OF_MEMORY),
    (KeyError("/Root"), "the file cannot be read: KeyError: '/Root'"),
    (RuntimeError(), "the file cannot be read: RuntimeError"),
    (UnicodeDecodeError("utf-16", b"\x00", 0, 1, "truncated data"), "not valid utf-16 text"),
])
def test_any_exception_of_a_reader_skips_only_its_document(tmp_path, monkeypatch, error,
                                                           reason):
    def reader(path, data):
        raise error

    monkeypatch.setitem(readers.READERS, ".md", reader)
    corpus_dir = two_documents(tmp_path)
    (corpus_dir / "bad.md").write_text("# A title")
    corpus = load_corpus([corpus_dir])
    assert [d.id for d in corpus.documents] == ["good.txt"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [("bad.md", reason)]


def test_a_pdf_encrypted_with_aes_and_the_empty_password_is_read(tmp_path):
    (tmp_path / "aes.pdf").write_bytes(encrypted_pdf("Meta AI released Llama 2.", ""))
    assert load_corpus([tmp_path]).documents[0].text == "Meta AI released Llama 2."


def test_a_pdf_that_needs_a_password_says_so(tmp_path):
    two_documents(tmp_path)
    (tmp_path / "locked.pdf").write_bytes(encrypted_pdf("Hidden.", "secret"))
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"locked.pdf": "the PDF is encrypted with a password"}


def test_an_aes_pdf_without_the_cryptography_package_says_what_to_install(tmp_path,
                                                                          monkeypatch):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def decrypt(self, password):
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", decrypt)
    two_documents(tmp_path)
    (tmp_path / "aes.pdf").write_bytes(encrypted_pdf("Text.", ""))
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"aes.pdf": messages.PDF_NEEDS_CRYPTOGRAPHY}


@pytest.mark.parametrize("name, make, reason", [  # made when the test runs, not at collection
    ("nested.pdf", nested_pdf, messages.READ_TOO_DEEP),
    ("bomb.pdf", bomb_pdf, messages.PDF_TOO_LARGE),
    ("truncated.pdf", lambda: encrypted_pdf("Text.", "")[:300], "the PDF cannot be read: "),
])
def test_a_hostile_pdf_is_skipped_with_a_reason(tmp_path, name, make, reason):
    two_documents(tmp_path)
    (tmp_path / name).write_bytes(make())
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["good.txt"]
    assert corpus.skipped[0].path == name and corpus.skipped[0].reason.startswith(reason)


# 2. names that are not UTF-8


def test_names_that_are_not_utf8_get_text_ids_and_their_paths_still_open(tmp_path):
    base = os.fsencode(tmp_path)
    os.mkdir(base + b"/r\xe9sum\xe9s")
    for name in (b"caf\xe9.txt", b"caf\xe8.txt", b"r\xe9sum\xe9s/notes.txt", b"tab\there.txt"):
        with open(os.open(base + b"/" + name, os.O_WRONLY | os.O_CREAT), "w") as fh:
            fh.write("OpenAI released GPT-4.")
    corpus = load_corpus([tmp_path])
    ids = sorted(d.id for d in corpus.documents)
    assert ids == ["caf\ufffd.txt", "caf\ufffd.txt (2)", "r\ufffdsum\ufffds/notes.txt",
                   "tab\ufffdhere.txt"]
    assert all(i.encode("utf-8") for i in ids)
    assert len(corpus.digest) == 64
    assert all(Path(d.path).read_text() == d.text for d in corpus.documents)


def test_display_name_never_fails():
    assert display_name(os.fsdecode(b"\xff\xfe.txt")) == "\ufffd\ufffd.txt"
    assert display_name("\ud800 lone") == "\ufffd\ufffd\ufffd lone"
    assert display_name("bell\x07 \x9b2J") == "bell\ufffd \ufffd2J"


# 3. files that are not regular, and files that are too big


def test_a_fifo_is_skipped_without_being_opened(tmp_path):
    two_documents(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"pipe.txt": "not a regular file but a named pipe (FIFO), "
                                   "so it was not opened"}


def test_a_link_to_a_device_is_skipped_without_being_read(tmp_path):
    two_documents(tmp_path)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # read, it would fill the memory
    report = load_in_child(tmp_path, cap_mb="50")
    assert report["skipped"] == {"zero.txt": "not a regular file but a device, "
                                             "so it was not opened"}


def test_a_file_over_the_cap_is_skipped_before_it_is_opened(tmp_path, monkeypatch):
    two_documents(tmp_path)
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(path) or real_open(
        path, *a, **k))
    monkeypatch.setenv("THREADLINE_MAX_FILE_MB", "2.5")
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"huge.txt": "the file is 3.0 MB, over the 2.5 MB limit "
                                   "(set THREADLINE_MAX_FILE_MB to read bigger files)"}
    assert tmp_path / "huge.txt" not in opened


def test_a_file_that_lies_about_its_size_is_read_no_further_than_the_cap(tmp_path,
                                                                          monkeypatch):
    two_documents(tmp_path)
    path = tmp_path / "grows.txt"
    path.write_bytes(b"a" * (1024 * 1024 + 10))
    real_stat, honest = os.stat, os.stat(path)
    lie = os.stat_result((*honest[:6], 10, *honest[7:10]))  # like /proc: a size that lies
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: lie if Path(p) == path else real_stat(
        p, *a, **k))
    monkeypatch.setattr(os, "fstat", lambda fd: lie)
    monkeypatch.setenv("THREADLINE_MAX_FILE_MB", "1")
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"grows.txt": messages.FILE_GREW.format(
        cap="1", name="THREADLINE_MAX_FILE_MB")}


def test_the_cap_defaults_to_50_mb_and_a_bad_value_is_reported(tmp_path, monkeypatch):
    monkeypatch.delenv("THREADLINE_MAX_FILE_MB", raising=False)
    assert max_file_mb() == (50.0, None)
    for bad in ("lots", "-1", "0", "nan", "inf"):
        monkeypatch.setenv("THREADLINE_MAX_FILE_MB", bad)
        cap, warning = max_file_mb()
        assert cap == 50.0 and f'THREADLINE_MAX_FILE_MB is "{bad}"' in warning
    assert "not a positive number" in load_corpus([two_documents(tmp_path)]).warnings[0]


# 4. messages that say what happened


def refuse(monkeypatch, folder: Path, error: OSError) -> None:
    """``os.scandir`` fails on ``folder`` (tests run as root, which may read anything)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise error
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_says_it_cannot_be_read(tmp_path, monkeypatch):
    refuse(monkeypatch, tmp_path, PermissionError(13, "Permission denied"))
    with pytest.raises(CorpusError) as info:
        load_corpus([tmp_path])
    assert "the folder cannot be read: Permission denied" in str(info.value)
    assert "empty" not in str(info.value)


def test_an_unreadable_or_vanished_subfolder_is_reported(tmp_path, monkeypatch):
    two_documents(tmp_path)
    for name in ("locked", "gone"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text("OpenAI released GPT-4.")
    refuse(monkeypatch, tmp_path / "locked", PermissionError(13, "Permission denied"))
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": (
        _ for _ in ()).throw(FileNotFoundError(2, "gone")) if Path(path).name == "gone"
        else real(path))
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["good.txt"]
    assert {s.path: s.reason for s in corpus.skipped} == {
        "gone": "the folder disappeared while it was being read",
        "locked": "the folder cannot be read: Permission denied"}


def test_a_link_loop_or_dangling_link_given_by_the_user_says_what_it_is(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("nowhere")
    with pytest.raises(PathMissing, match="is a symbolic link loop"):
        load_corpus([tmp_path / "loop"])
    with pytest.raises(PathMissing, match="is a symbolic link to nowhere, which does not"):
        load_corpus([tmp_path / "dangling"])
    with pytest.raises(PathMissing, match="No such file or folder"):
        load_corpus([tmp_path / "absent"])


def test_a_link_loop_in_a_folder_says_it_is_a_loop(tmp_path):
    two_documents(tmp_path)
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == dict.fromkeys(["a.txt", "b.txt"], messages.LINK_LOOP)


def test_html_with_only_scripts_says_it_has_no_visible_text(tmp_path):
    two_documents(tmp_path)
    (tmp_path / "app.html").write_text("<html><script>run()</script><style>p{}</style></html>")
    (tmp_path / "blank.html").write_text("  \n")
    reasons = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert reasons == {"app.html": messages.HTML_NO_TEXT, "blank.html": messages.EMPTY_FILE}


def test_linked_folders_are_followed_once_and_a_loop_is_reported(tmp_path):
    corpus_dir = two_documents(tmp_path / "corpus")
    two_documents(tmp_path / "elsewhere")
    (corpus_dir / "linked").symlink_to(tmp_path / "elsewhere")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "up").symlink_to("..")
    corpus = load_corpus([corpus_dir])
    assert [d.id for d in corpus.documents] == ["good.txt", "linked/good.txt"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("sub/up", messages.FOLDER_REPEATED.format(other=str(corpus_dir)))]


def test_folders_deeper_than_the_recursion_limit_are_walked(tmp_path):
    limit = 300  # low, so that a recursive walk fails fast and with a short traceback
    deep = tmp_path
    for _ in range(limit):
        deep = deep / "d"
        deep.mkdir()
    (deep / "bottom.txt").write_text("OpenAI released GPT-4.")
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        corpus = load_corpus([tmp_path])
    finally:
        sys.setrecursionlimit(previous)
    assert corpus.documents[0].text == "OpenAI released GPT-4."


def test_escape_sequences_and_control_characters_do_not_reach_the_text(tmp_path):
    (tmp_path / "log.txt").write_bytes(b"\x1b[1;31mHugging Face\x1b[0m hosts BERT.\x07\n"
                                       b"\x1b]0;title\x07Page\x0cbreak\x1b[2J")
    assert load_corpus([tmp_path]).documents[0].text == "Hugging Face hosts BERT. \nPage\nbreak"


# 5. an imported graph re-reads only its own documents


def source(path: Path, doc_id: str | None = None) -> dict:
    return {"id": doc_id or path.name, "path": str(path),
            "digest": hashlib.sha256(path.read_bytes()).hexdigest()}


def test_load_sources_reads_only_files_under_the_root(tmp_path):
    root = two_documents(tmp_path / "corpus")
    (tmp_path / "outside.txt").write_text("secret")
    (root / "escape.txt").symlink_to(tmp_path / "outside.txt")
    passwd = Path("/etc/passwd")
    sources = [source(root / "good.txt"), source(tmp_path / "outside.txt"),
               {**source(tmp_path / "outside.txt"), "path": str(root / ".." / "outside.txt")},
               {**source(tmp_path / "outside.txt"), "path": str(root / "escape.txt")},
               *([source(passwd)] if passwd.is_file() else []),
               {"id": "x", "path": "\x00", "digest": "0"}, "not a dict", {"id": 1}]
    found = load_sources(sources, root)
    assert list(found) == ["good.txt"]
    assert found["good.txt"].text == "Anthropic released Claude Opus 3."
    assert load_sources(sources, tmp_path / "absent") == {}


def test_load_sources_checks_the_size_and_the_kind_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("THREADLINE_MAX_FILE_MB", "1")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(2 * 1024 * 1024)
    os.mkfifo(tmp_path / "pipe.txt")
    sources = [source(huge), {"id": "pipe.txt", "path": str(tmp_path / "pipe.txt"),
                              "digest": hashlib.sha256(b"").hexdigest()}]
    assert load_sources(sources, tmp_path) == {}


def test_import_job_rereads_documents_only_under_the_corpus_root(tmp_path):
    import networkx as nx

    from graph.build.jobs import import_job
    from graph.jobs import run_job
    from graph.store.graphml import write_graphml

    root = two_documents(tmp_path / "corpus")
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "beside.txt").write_text("Beside the graph.")
    sources = [source(root / "good.txt"), source(tmp_path / "graphs" / "beside.txt")]
    g = nx.MultiDiGraph(sources=sources, corpus_root=str(root))
    g.add_node("ORG:anthropic", label="Anthropic", type="ORG", aliases=[],
               documents=["good.txt"], mentions=1, occurrences=[])
    write_graphml(g, tmp_path / "graphs" / "g.graphml")
    assert set(run_job(import_job(str(tmp_path / "graphs" / "g.graphml"))).documents) == {
        "good.txt"}
    g.graph["corpus_root"] = str(tmp_path / "moved")  # gone: the graph's own folder instead
    write_graphml(g, tmp_path / "graphs" / "g.graphml")
    assert set(run_job(import_job(str(tmp_path / "graphs" / "g.graphml"))).documents) == {
        "beside.txt"}
