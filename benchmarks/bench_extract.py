"""Extraction throughput: the full Threadline pipeline against bare ``nlp.pipe``.

Both run on the same text (the seed documents repeated to at least 200k words), with the
same statistical model, in one process, alternating so both see the same machine load.
Reports words per second, the ratio (goal: Threadline >= 0.5x bare spaCy now that it runs a
trained recogniser of its own beside the small model; it was 0.8x for the rules alone) and
peak memory.

    .venv/bin/python benchmarks/bench_extract.py [--words 200000] [--rounds 2] [--doc-words N]

``--doc-words N`` joins the seeds into documents of at least N words each (a long guide page
or a report): the ratio should not fall with the length, since nothing Threadline does per
sentence may cost in proportion to its document (it did once: 0.56x on short documents).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build.assemble import build_graph  # noqa: E402
from graph.ingest.corpus import load_corpus  # noqa: E402
from graph.ingest.documents import Document  # noqa: E402
from graph.nlp.extract import chunk_text, count_words, extract  # noqa: E402
from graph.nlp.pipeline import build_pipeline, installed_model  # noqa: E402


def make_corpus(min_words: int, doc_words: int = 0) -> list[Document]:
    """The seeds repeated to ``min_words``, each copy a document, or joined into documents
    of at least ``doc_words`` words."""
    seeds = load_corpus([ROOT / "seeds"]).documents
    docs, words, i = [], 0, 0
    seed_words = [len(d.text.split()) for d in seeds]
    parts, part_words = [], 0
    while words < min_words:
        seed = seeds[i % len(seeds)]
        parts.append(seed.text)
        part_words += seed_words[i % len(seeds)]
        words += seed_words[i % len(seeds)]
        i += 1
        if part_words >= doc_words or words >= min_words:
            text = "\n\n".join(parts)
            docs.append(Document(f"copy{i:04d}_{seed.id}", seed.path, text, seed.digest))
            parts, part_words = [], 0
    return docs


def run_bare(nlp, docs) -> int:
    pieces = (chunk for d in docs for _, chunk in chunk_text(d.text, 100_000))
    return sum(count_words(doc) for doc in nlp.pipe(pieces, batch_size=64))


def run_threadline(nlp, info, docs) -> int:
    results = list(extract(nlp, docs))
    build_graph(results, info)
    return sum(r.words for r in results)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--doc-words", type=int, default=0,
                    help="join the seeds into documents of at least this many words")
    args = ap.parse_args()

    docs = make_corpus(args.words, args.doc_words)
    name = installed_model()[0]
    bare = spacy.load(name)
    nlp, info = build_pipeline(name)
    print(f"corpus: {len(docs)} documents, {sum(len(d.text) for d in docs):,} characters, "
          f"model {info.label}")
    run_bare(bare, docs[:4])
    run_threadline(nlp, info, docs[:4])  # warm up both

    totals = {"bare spaCy": [0.0, 0], "Threadline": [0.0, 0]}
    for _ in range(args.rounds):
        for label, fn in (("bare spaCy", lambda: run_bare(bare, docs)),
                          ("Threadline", lambda: run_threadline(nlp, info, docs))):
            start = time.perf_counter()
            words = fn()
            totals[label][0] += time.perf_counter() - start
            totals[label][1] += words
    rates = {label: w / t for label, (t, w) in totals.items()}
    for label, rate in rates.items():
        print(f"{label:11} {rate:9,.0f} words/s  ({totals[label][1] // args.rounds:,} words/round)")
    ratio = rates["Threadline"] / rates["bare spaCy"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio Threadline / bare spaCy: {ratio:.2f}x (goal >= 0.50)")
    print(f"peak memory (RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
