"""Extraction with the real spaCy pipeline: provenance, chunking, progress, cancellation."""

from __future__ import annotations

import pytest

from graph.build.jobs import extraction_job
from graph.errors import Cancelled
from graph.ingest.corpus import load_corpus
from graph.ingest.documents import Corpus, Document
from graph.jobs import run_job
from graph.nlp.extract import DEFAULT_CHUNK_CHARS, ChunkDone, chunk_text, extract
from graph.nlp.pipeline import build_pipeline, shared_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return shared_pipeline()


def doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, doc_id, text, doc_id)


def test_chunks_cut_on_paragraphs_and_rebuild_the_text():
    text = "\n\n".join(f"Paragraph {i} talks about Claude and Anthropic." for i in range(200))
    chunks = chunk_text(text, 500)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 500 for _, c in chunks)
    assert all(text[off:off + len(c)] == c for off, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])


def test_chunks_fall_back_to_spaces_and_hard_cuts():
    assert "".join(c for _, c in chunk_text("word " * 300, 100)) == "word " * 300
    assert [len(c) for _, c in chunk_text("x" * 250, 100)] == [100, 100, 50]


def test_mentions_keep_document_character_and_sentence_spans(pipeline):
    nlp, _ = pipeline
    text = "We start here.\n\nAnthropic partnered with Cisco on Claude Opus 3. Nothing else."
    [result] = list(extract(nlp, [doc("a.txt", text)]))
    assert result.mentions, "the pipeline found nothing"
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
        assert m.sent_start <= m.start < m.end <= m.sent_end
        assert text[m.sent_start:m.sent_end].startswith("Anthropic")
    assert any(m.text == "Anthropic" and m.label == "ORG" for m in result.mentions)


@pytest.mark.slow
def test_long_texts_are_chunked_with_document_offsets(pipeline):
    nlp, _ = pipeline
    paragraph = "Anthropic released Claude Opus 3 last year. Researchers at Google were pleased."
    text = "\n\n".join(paragraph for _ in range(60))
    [whole] = list(extract(nlp, [doc("a.txt", text)], chunk_chars=100_000))
    [chunked] = list(extract(nlp, [doc("a.txt", text)], chunk_chars=700))
    assert len(chunk_text(text, 700)) > 1
    assert len(whole.mentions) >= 3 * 60  # Anthropic, Claude Opus 3, Google per paragraph
    assert [(m.start, m.end, m.label) for m in chunked.mentions] == \
        [(m.start, m.end, m.label) for m in whole.mentions]
    assert all(text[m.start:m.end] == m.text for m in chunked.mentions)


@pytest.mark.slow
def test_a_five_megabyte_file_is_extracted(tmp_path):
    # The rules-only pipeline keeps this under a minute; chunking is the same code path.
    paragraph = ("Anthropic and Google announced a partnership on 4 projects. "
                 "Claude Opus 3 was evaluated on 1M conversations.\n\n")
    path = tmp_path / "big.txt"
    path.write_text(paragraph * (5_000_000 // len(paragraph) + 1), encoding="utf-8")
    corpus = load_corpus([path])
    assert len(corpus.documents[0].text) >= 5_000_000
    nlp, info = build_pipeline(chain=[])
    assert not info.statistical and info.warning
    extraction = run_job(extraction_job(corpus, nlp, info))
    text = corpus.documents[0].text
    occurrences = extraction.graph.nodes["ORG:anthropic"]["occurrences"]
    assert len(occurrences) > 40_000
    assert all(text[s:e] == "Anthropic" for _, s, e, _, _ in occurrences[-100:])


def test_progress_per_document_and_cancel_between_documents(pipeline):
    nlp, info = pipeline
    corpus = load_corpus([__import__("graph.paths").paths.seeds_dir()])
    seen = []
    with pytest.raises(Cancelled):
        run_job(extraction_job(corpus, nlp, info), seen.append, cancelled=lambda: len(seen) >= 2)
    assert [p.done for p in seen] == [0, 1]
    assert seen[1].total == len(corpus.documents)


def test_rules_only_fallback_warns_and_still_finds_patterns():
    nlp, info = build_pipeline(chain=[])
    assert info.name == "rules-only" and "pip install" in info.warning
    [result] = list(extract(nlp, [doc("a.txt", "We met Anthropic today.")]))
    assert [(m.text, m.label) for m in result.mentions] == [("Anthropic", "ORG")]


@pytest.mark.slow
def test_progress_and_cancel_within_a_long_document(pipeline):
    nlp, info = pipeline
    paragraph = "Anthropic released Claude Opus 3 last year. Google was pleased.\n\n"
    text = paragraph * 310  # three pieces of at most DEFAULT_CHUNK_CHARS
    corpus = Corpus(root=".", documents=[doc("long.txt", text)])
    seen = []
    extraction = run_job(extraction_job(corpus, nlp, info), seen.append)
    inside = [p for p in seen if p.part]
    assert len(inside) == len(chunk_text(text, DEFAULT_CHUNK_CHARS)) - 1 == 2
    assert all(p.done == 0 and p.total == 1 and p.message == "long.txt" for p in inside)
    assert 0 < inside[0].part < inside[1].part < 1 and inside[0].words > 0
    assert (seen[-1].done, seen[-1].part, seen[-1].words) == (1, 0, extraction.words)
    seen.clear()
    with pytest.raises(Cancelled):
        run_job(extraction_job(corpus, nlp, info), seen.append,
                cancelled=lambda: any(p.part for p in seen))
    assert seen[-1].done == 0 and seen[-1].part  # stopped inside the document


def test_chunk_progress_leaves_the_results_as_they_are(pipeline):
    nlp, _ = pipeline
    paragraph = "Anthropic released Claude Opus 3 last year. We thank Google for GPUs.\n\n"
    documents = [doc("a.txt", paragraph * 40), doc("b.txt", paragraph)]
    plain = list(extract(nlp, documents, chunk_chars=700))
    items = list(extract(nlp, documents, chunk_chars=700, chunk_progress=True))
    chunks = [i for i in items if isinstance(i, ChunkDone)]
    results = [i for i in items if not isinstance(i, ChunkDone)]
    assert len(chunks) == len(chunk_text(documents[0].text, 700)) - 1 and chunks[-1].fraction < 1
    assert [(r.doc.id, r.mentions, r.relations, r.words) for r in results] == \
        [(r.doc.id, r.mentions, r.relations, r.words) for r in plain]
