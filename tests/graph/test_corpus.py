"""Corpus loading: formats, encodings, and files that must be skipped with a reason."""

from __future__ import annotations

import codecs

import pytest

from graph.errors import CorpusError, PathMissing
from graph.ingest.corpus import load_corpus, load_sources
from graph.ingest.documents import Document
from graph.ingest.html import html_to_text
from graph.ingest.text import decode_text
from graph.nlp.extract import extract
from tests.hostile_corpus import text_pdf


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, built by hand (no PDF writer needed)."""
    return text_pdf(text)


@pytest.fixture
def mixed(tmp_path):
    (tmp_path / "notes.txt").write_text("Anthropic partnered with Cisco.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "readme.md").write_text("# Title\n\nClaude Opus 3 is here.\n")
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><style>p{color:red}</style><script>var x=1;</script>"
        "</head><body><p>Visible &amp; kept.</p><div>Second block</div></body></html>")
    (tmp_path / "paper.pdf").write_bytes(minimal_pdf("NVIDIA trained a model"))
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + "caf\u00e9 UTF-8".encode())
    (tmp_path / "bom16.txt").write_bytes("caf\u00e9 UTF-16".encode("utf-16"))
    (tmp_path / "legacy.txt").write_bytes("na\u00efve caf\u00e9".encode("cp1252"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    (tmp_path / ".hidden.txt").write_text("hidden files are not documents")
    return tmp_path


def test_reads_every_supported_format_with_relative_ids(mixed):
    corpus = load_corpus([mixed])
    docs = {d.id: d for d in corpus.documents}
    assert set(docs) == {"notes.txt", "sub/readme.md", "page.html", "paper.pdf", "bom8.txt",
                         "bom16.txt", "legacy.txt"}
    assert docs["page.html"].text == "Visible & kept.\n\nSecond block"
    assert "NVIDIA trained a model" in docs["paper.pdf"].text
    assert docs["bom8.txt"].text == "caf\u00e9 UTF-8"
    assert docs["bom16.txt"].text == "caf\u00e9 UTF-16"
    assert docs["legacy.txt"].text == "na\u00efve caf\u00e9"
    assert corpus.root == str(mixed.resolve())


def test_skips_bad_files_with_reasons_and_warns_on_legacy_encoding(mixed):
    corpus = load_corpus([mixed])
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons["image.png"].startswith("not a supported document type (.png)")
    assert reasons["blob.txt"] == "binary data, not text"
    assert reasons["empty.txt"] == "the file is empty"
    assert reasons["gone.txt"].startswith("cannot be read")
    assert any("legacy.txt" in w and "cp1252" in w for w in corpus.warnings)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(PathMissing, match="No such file or folder: .*nowhere"):
        load_corpus([tmp_path / "nowhere"])


def test_folder_without_documents_lists_what_it_skipped(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_text("")
    with pytest.raises(CorpusError) as info:
        load_corpus([tmp_path])
    assert "No readable documents" in str(info.value)
    assert {s.path for s in info.value.skipped} == {"a.bin", "b.txt"}


def test_single_files_get_ids_relative_to_their_folder(mixed):
    corpus = load_corpus([mixed / "notes.txt", mixed / "sub" / "readme.md"])
    assert [d.id for d in corpus.documents] == ["notes.txt", "sub/readme.md"]


def test_corpus_digest_changes_with_content(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    first = load_corpus([tmp_path]).digest
    assert load_corpus([tmp_path]).digest == first
    (tmp_path / "a.txt").write_text("two")
    assert load_corpus([tmp_path]).digest != first


def test_decode_prefers_utf8_and_rejects_binary():
    assert decode_text("\u00e9".encode()) == ("\u00e9", "utf-8")
    with pytest.raises(ValueError, match="binary"):
        decode_text(b"abc\x00def")


def test_html_keeps_only_visible_text():
    assert html_to_text("<p>a<script>b</script></p><noscript>c</noscript><p>d</p>") == "a\n\nd"


def test_html_is_read_with_markdowns_structure(nlp):
    # models__llama-3.md (guide, train) as its web page writes it: rendered as bare lines,
    # its headings read as sentences and its items lost "Llama 3" as their topic (the guide's
    # dev pages saved as HTML scored entities .802 and relations .695, and now .913 and .740,
    # as Markdown)
    page = ("<article><h1>Llama 3</h1><h2>Llama 3 Architecture Details</h2><p>Here is a "
            "summary of the mentioned technical details of Llama 3:</p><ul><li>It uses a "
            "standard decoder-only transformer.</li><li>The vocabulary is 128K tokens.</li>"
            "<li>It is pretrained on over 15T tokens.</li></ul><h2>Performance</h2><table>"
            "<tr><th>Model</th><th>MMLU</th></tr><tr><td>Llama 3 70B</td><td>79.5</td></tr>"
            "</table><ol><li>first</li><li>second</li></ol><pre>x = 1\ny = 2</pre></article>")
    text = html_to_text(page)
    assert text.startswith("# Llama 3\n## Llama 3 Architecture Details\n")
    assert "\n- It uses a standard decoder-only transformer.\n- The vocabulary is" in text
    assert "| Model | MMLU |\n| --- | --- |\n| Llama 3 70B | 79.5 |" in text
    assert "1. first\n2. second" in text and "```\nx = 1\ny = 2\n```" in text
    # bold and code as Markdown marks them, which the rules read ("**Lighteval** is ...")
    assert html_to_text("<p><strong>Lighteval</strong> is a toolkit; run <code>lighteval"
                        "</code>.</p>") == "**Lighteval** is a toolkit; run `lighteval`."
    [result] = list(extract(nlp, [Document("llama-3.html", "llama-3.html", text, "x")]))
    spans = {(m.start, m.end): m.text for m in result.mentions}
    found = {(spans.get(r.source), r.predicate, spans.get(r.target)) for r in result.relations}
    assert {("Llama 3", "HAS_METRIC", "15T tokens"),
            ("Llama 3 70B", "HAS_METRIC", "79.5")} <= found, found


def test_html_leaves_out_the_sites_furniture(tmp_path, nlp):
    # tests/data/unseen3 w03 saved as a blog's page: its menu was the page's first line and
    # its copyright line an organisation of every page ("Example Inc."); unseen3 as such
    # pages scored entities .889 and relations .593, and now scores the plain text's
    # (.938 and .750)
    lead = ("Samsung Electronics and Google Cloud announced a multi-year partnership to bring "
            "Gemini models to Galaxy devices.")
    page = ("<html><body><header><nav><a href='/'>Home</a> | <a href='/blog'>Blog</a></nav>"
            "</header><aside>Subscribe to our newsletter</aside><article><p>" + lead +
            "</p></article><form><button>Share</button></form>"
            "<footer>\u00a9 2025 Example Inc. All rights reserved.</footer></body></html>")
    assert html_to_text(page) == lead
    (tmp_path / "w03.html").write_text(page, encoding="utf-8")
    [doc] = load_corpus([tmp_path]).documents
    [result] = list(extract(nlp, [doc]))
    found = {(m.text, m.label) for m in result.mentions}
    assert ("Samsung Electronics", "ORG") in found and not any("Example" in t for t, _ in found)


def test_load_sources_rereads_unchanged_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.txt").write_text("beta")
    corpus = load_corpus([tmp_path])
    sources = [{"id": d.id, "path": d.path, "digest": d.digest} for d in corpus.documents]
    (tmp_path / "b.txt").write_text("changed")
    found = load_sources(sources, tmp_path)
    assert set(found) == {"a.txt"}
