"""Run the pipeline over a corpus and keep every mention's provenance.

:func:`extract` is a generator: it streams ``nlp.pipe(..., as_tuples=True)`` and yields one
:class:`DocumentResult` per document as soon as that document is done, so a caller can show
progress and cancel between documents (stop iterating, or ``close()`` the generator). With
``chunk_progress`` it also yields a :class:`ChunkDone` after every piece of a long document
but its last, so a caller can do both within a document too.
Texts longer than the pipeline's ``max_length`` are processed in chunks cut on paragraph
boundaries; offsets are always relative to the whole document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from graph.ingest.documents import Document
from graph.nlp.authors import affiliations, author_mentions, resolve_we, we_predicate
from graph.nlp.components.spans import doc_text, fenced_blocks
from graph.nlp.contributions import (
    contributions,
    labelled_makers,
    made_by_the_authors,
    novel_things,
)
from graph.nlp.discourse import document_candidates
from graph.nlp.features import document_subject, feature_candidates
from graph.nlp.funding import grants_received
from graph.nlp.pairs import Candidate
from graph.nlp.reading import as_read, compacted
from graph.nlp.records import DocumentResult, Mention, TypedRelation
from graph.nlp.relation_model import label_predicate, shipped_model
from graph.nlp.relations import (
    FIRST_PERSON_PLURAL,
    UNRESOLVED,
    WE_WORDS,
    dependency_relations,
)
from graph.nlp.tables import series_candidates, table_candidates
from graph.nlp.variants import (
    derived_benchmarks,
    derived_models,
    page_evaluations,
    released_members,
    trained_release,
)
from graph.taxonomy import predicates

# spaCy's memory grows with the text of a whole nlp.pipe batch (measured here: about 3 GB
# for a batch of 64 chunks of 100k characters, 0.3 GB for 8 of 10k): pieces stay small and
# a batch holds about BATCH_CHARS characters. nlp.pipe hands back nothing until a whole
# batch is through, so a batch is also how long progress stalls and a cancel waits: about
# 10k characters is under a second here, and bigger batches were no faster (the results
# are the same whatever the batch size).
DEFAULT_CHUNK_CHARS = 10_000
BATCH_CHARS = 10_000
MAX_BATCH = 64


@dataclass(frozen=True, slots=True)
class ChunkDone:
    """A piece of a long document went through the pipeline (not its last piece).

    Attributes
    ----------
    index
        Position of the document in the corpus.
    doc_id
        The document's id.
    end, length
        Characters of the document processed so far, and all of them.
    words
        Words of the document counted so far.
    """

    index: int
    doc_id: str
    end: int
    length: int
    words: int

    @property
    def fraction(self) -> float:
        """The share of the document processed."""
        return self.end / self.length if self.length else 1.0


def chunk_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, chunk)`` pieces of at most ``limit`` characters.

    Cuts fall on paragraph breaks (a blank line), else line breaks, else sentence-ish
    punctuation followed by a space, else whitespace; only a text with none of those is cut
    mid-word. Concatenating the chunks gives back the text exactly.
    """
    if len(text) <= limit:
        return [(0, text)]
    chunks, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut > limit // 4:
                    end = start + cut + len(sep)
                    break
        chunks.append((start, text[start:end]))
        start = end
    return chunks


# Inline code of four words or more that the sentence goes on after: a prompt or an answer
# quoted in it ("when we prompted the model `What are the FLOPs reported for Llama 2?` it
# responded ..."); not a name (`gpt-4o`), nor a field's whole value ("Abstract: `...`")
_QUOTED = re.compile(r"`([^`\n]+)`(?=[ \t]*[\w(])")


def _within(spans: list[tuple[int, int]]):
    """A test of whether an offset is inside one of ``spans`` (sorted, not overlapping)."""
    starts = [start for start, _ in spans]

    def inside(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < spans[i][1]
    return inside


def _drop_examples(result: DocumentResult) -> None:
    """Numbers inside fenced blocks are examples ("Jason had 20 lollipops" in a prompt, a
    setting in code), not findings: their METRIC mentions and relations go. So does what
    a sentence of an example, or a prompt quoted inline, says of an entity it does not name
    (the page's topic, the entity of the sentence before, the author: "Context: Teplizumab
    traces its roots to ... Ortho Pharmaceutical" in a prompt is nothing the page's ChatGPT
    did)."""
    text = result.text
    blocks = fenced_blocks(text)
    fenced = _within(blocks)
    quoted = _within(sorted(blocks + [m.span() for m in _QUOTED.finditer(text)
                                      if len(m[1].split()) >= 4 and not fenced(m.start())]))
    dropped = {(m.start, m.end) for m in result.mentions
               if m.label == "METRIC" and fenced(m.start)}
    result.mentions = [m for m in result.mentions if (m.start, m.end) not in dropped]
    result.relations = [r for r in result.relations
                        if r.source not in dropped and r.target not in dropped
                        and not (r.via in _CONTEXT_VIA and (
                            quoted(r.source[0]) or quoted(r.target[0])))]


_CONTEXT_VIA = ("title", "previous", "we", "subject", "list")  # an end the sentence never names


def count_words(doc: Doc) -> int:
    """Tokens that are neither punctuation nor whitespace (vectorised, no Python loop)."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - (flags.any(axis=1)).sum()) if len(doc) else 0


def _mentions(doc_id: str, spacy_doc: Doc, offset: int) -> Iterator[Mention]:
    for ent in spacy_doc.ents:
        sent = ent.sent
        # Sentences keep the whitespace that follows them; evidence should not.
        sent_end = sent.start_char + len(sent.text.rstrip())
        yield Mention(doc_id, offset + ent.start_char, offset + ent.end_char, ent.text,
                      ent.label_, offset + sent.start_char, offset + sent_end, ent.ent_id_)


def _classified(result: DocumentResult, spacy_doc: Doc, offset: int) -> Iterator[TypedRelation]:
    """The candidate pairs of a piece the classifier gives a predicate, in its direction.

    The document's likeliest relation below the margin is kept aside (``result.fallback``):
    a document that states relations gets at least that one.
    """
    model = shipped_model()
    if model is None or not spacy_doc.has_annotation("DEP"):
        return
    candidates, result.topic = document_candidates(spacy_doc, offset, result.topic)
    result.subject = document_subject(spacy_doc) if offset == 0 else result.subject
    candidates += table_candidates(spacy_doc, offset, result.subject) + \
        series_candidates(spacy_doc, offset)
    candidates += feature_candidates(spacy_doc, offset, result.subject)
    text = spacy_doc.text

    def name(span: tuple[int, int]) -> object:  # a name of this piece, else its span
        return text[span[0] - offset:span[1] - offset].casefold() \
            if offset <= span[0] and span[1] - offset <= len(text) else span

    for c, label in model.decide(candidates, name):
        yield _relation(result, c, label)
    guess = model.best_guess(candidates)
    named = guess if guess is None or not _names_we(result, guess[1]) else \
        model.best_guess([c for c in candidates if not _names_we(result, c)])
    for field, best in (("fallback", guess), ("named_fallback", named)):
        kept = getattr(result, field)
        if best is not None and (kept is None or best[0] > kept[0]):
            setattr(result, field, (best[0], _relation(result, best[1], best[2])))


def _names_we(result: DocumentResult, c: Candidate) -> bool:
    """Whether an end of ``c`` is the author's "we" (which may stay unresolved)."""
    return any(result.text[s:e].lower() in WE_WORDS for s, e in (c.a, c.b))


LISTED = ("EVALUATED_ON", "USES")  # predicates whose target may be one item of a list


def _listed_targets(found: list[TypedRelation], spacy_doc: Doc, offset: int
                    ) -> list[TypedRelation]:
    """An evaluation or a use reaches every item of the list its target is in: "outperforms
    Llama 2 models across benchmarks like MMLU and GSM8K" (the items the parse coordinates
    with the target, of its type)."""
    by_token = {t.i: e for e in spacy_doc.ents for t in e}
    by_span = {(offset + e.start_char, offset + e.end_char): e for e in spacy_doc.ents}
    have = {(r.source, r.predicate, r.target) for r in found}
    extra = []
    for rel in found:
        target = by_span.get(rel.target) if rel.predicate in LISTED else None
        for token in target.root.conjuncts if target is not None else ():
            other = by_token.get(token.i)
            if other is None or other.label_ != target.label_ or other == target:
                continue
            key = (rel.source, rel.predicate, (offset + other.start_char, offset + other.end_char))
            if key not in have:
                have.add(key)
                extra.append(replace(rel, target=key[2]))
    return extra


def _relation(result: DocumentResult, c: Candidate, label: str) -> TypedRelation:
    """The typed relation a labelled candidate stands for ("we" left to resolve_we)."""
    predicate, backward = label_predicate(label)
    ends = [UNRESOLVED if result.text[s:e].lower() in WE_WORDS else (s, e)
            for s, e in (c.a, c.b)]
    source, target = reversed(ends) if backward else ends
    phrase = c.phrase or predicates()[predicate].phrase
    via = FIRST_PERSON_PLURAL if UNRESOLVED in ends else c.context
    return TypedRelation(result.doc.id, source, target, phrase, *c.sentence, via=via,
                         predicate=predicate)


def _we_relations(result: DocumentResult, spacy_doc: Doc, offset: int,
                  labels: dict[tuple[int, int], str]) -> Iterator[TypedRelation]:
    """"We release X", "we've partnered with Y": relations of the document's author; and
    "Together we'll use X" after "We've partnered with A, B and C": A, B and C use X too."""
    partners: dict[int, list[tuple[int, int]]] = {}  # sentence start -> the author's partners
    found = []
    for rel in dependency_relations(spacy_doc, result.doc.id, offset, resolve_we=True):
        if rel.via and (predicate := we_predicate(rel.relation, labels.get(rel.target, ""))):
            if predicate == "PARTNERS_WITH":
                partners.setdefault(rel.sent_start, []).append(rel.target)
            predicate, backward = label_predicate(predicate)  # "FUNDS<": X funds the author
            if backward or predicate == "DEVELOPED_BY":  # "we release X": X DEVELOPED_BY us
                rel = replace(rel, source=rel.target, target=rel.source)
            found.append(replace(rel, predicate=predicate))
    yield from found
    if partners:
        yield from _together(found, partners, spacy_doc, offset)


def _together(found: list[TypedRelation], partners: dict[int, list[tuple[int, int]]],
              spacy_doc: Doc, offset: int) -> Iterator[TypedRelation]:
    """The author's "together we <verb> X" (USES) shared by the partners the sentence
    before named ("We've partnered with A, B and C. Together we'll use X")."""
    sentences = list(spacy_doc.sents)
    before = {offset + s.start_char: offset + p.start_char
              for p, s in zip(sentences, sentences[1:], strict=False)}
    starts = {offset + s.start_char: s for s in sentences}
    for rel in found:
        sent = starts.get(rel.sent_start)
        listed = partners.get(before.get(rel.sent_start, -1), [])
        if rel.predicate != "USES" or sent is None or not listed or \
                not any(t.lower_ == "together" for t in sent[:3]):
            continue
        for partner in listed:
            yield replace(rel, source=partner, via="previous")  # named the sentence before


def _add_chunk(result: DocumentResult, spacy_doc: Doc, offset: int) -> None:
    """Add what one piece of the document holds to its result (offsets of the document)."""
    doc_id = result.doc.id
    mentions = list(_mentions(doc_id, spacy_doc, offset))
    result.mentions.extend(mentions)
    labels = {(m.start, m.end): m.label for m in mentions}
    classified = list(_classified(result, spacy_doc, offset))
    result.relations.extend(classified + _listed_targets(classified, spacy_doc, offset))
    result.relations.extend(_we_relations(result, spacy_doc, offset, labels))
    result.relations.extend(contributions(spacy_doc, result.doc.id, offset))  # a paper's
    result.relations.extend(labelled_makers(spacy_doc, result.doc.id, offset))  # a label's
    result.relations.extend(novel_things(spacy_doc, result.doc.id, offset))  # "a new X"
    result.relations.extend(made_by_the_authors(spacy_doc, result.doc.id, offset))
    result.relations.extend(grants_received(spacy_doc, result.doc.id, offset))  # a funder's
    for name, span in author_mentions(spacy_doc).items():
        result.authors.setdefault(name, (offset + span.start_char, offset + span.end_char))
    result.affiliations.extend(affiliations(spacy_doc, offset))
    result.words += count_words(spacy_doc)
    result.sentences.extend(_sentences(spacy_doc, offset))


def _finish(result: DocumentResult) -> None:
    """What is settled once the whole document (every chunk) has been read: "we", the
    sizes its author releases, the benchmarks its own is derived from, the example
    numbers, and a table row's relation found both in its sentence and in its table."""
    result.relations = resolve_we(result.relations + derived_models(result), result.authors,
                                  result.text, result.affiliations)
    result.relations = trained_release(result)
    result.relations += released_members(result) + derived_benchmarks(result) + \
        page_evaluations(result)
    _drop_examples(result)
    # a document that states relations keeps the likeliest one that stands: its "we" has an
    # author, it is no example's
    for guess in (result.fallback, result.named_fallback):
        if result.relations or guess is None:
            break
        result.relations = resolve_we([guess[1]], result.authors, result.text,
                                      result.affiliations)
        _drop_examples(result)
    # a table's row is read as a sentence and from the table's layout: what both find is
    # the sentence's, once (its evidence is that sentence, not the row twice)
    read = {(r.source, r.target, r.predicate, r.sent_start) for r in result.relations
            if r.via != "table"}
    result.relations = [r for r in result.relations if r.via != "table" or
                        (r.source, r.target, r.predicate, r.sent_start) not in read]
    _to_document(result)


def _to_document(result: DocumentResult) -> None:
    """Move every offset from the text read to the document's, where the two differ (a
    link's markup left out, graph.nlp.reading.compacted): a name keeps its first and its
    last character; a sentence also the markup before its first word and after its last
    one on the line ("[Microsoft](...) and ... with [GPT-4o](...)")."""
    where, read = result.where, result.text
    if where is None:
        return

    def name(start: int, end: int) -> tuple[int, int]:
        if start < 0:  # UNRESOLVED
            return start, end
        return where[start], (where[end - 1] + 1 if end > start else where[start])

    def sentence(start: int, end: int) -> tuple[int, int]:
        while end > start and read[end - 1].isspace():
            end -= 1  # (up to the next character kept: the markup after its last word)
        return (where[start - 1] + 1 if start else 0), where[end]

    result.mentions = [replace(m, start=s, end=e, sent_start=ss, sent_end=se)
                       for m in result.mentions
                       for (s, e), (ss, se) in [(name(m.start, m.end),
                                                 sentence(m.sent_start, m.sent_end))]]
    result.relations = [replace(r, source=name(*r.source), target=name(*r.target),
                                sent_start=ss, sent_end=se)
                        for r in result.relations
                        for ss, se in [sentence(r.sent_start, r.sent_end)]]
    result.sentences = [sentence(s, e) for s, e in result.sentences]
    result.authors = {author: name(*span) for author, span in result.authors.items()}
    result.read = result.where = None


def _sentences(spacy_doc: Doc, offset: int) -> Iterator[tuple[int, int]]:
    """Character spans of the sentences (of the piece, when nothing split it), blanks out."""
    text = doc_text(spacy_doc)
    spans = ((s.start_char, s.end_char) for s in spacy_doc.sents) \
        if spacy_doc.has_annotation("SENT_START") else [(0, len(text))]
    for start, end in spans:
        if text[start:end].strip():
            yield offset + start, offset + end


def extract(nlp: Language, documents: Iterable[Document], *, total: int | None = None,
            chunk_chars: int = DEFAULT_CHUNK_CHARS, batch_size: int | None = None,
            chunk_progress: bool = False) -> Iterator[DocumentResult | ChunkDone]:
    """Extract mentions and typed relations, one :class:`DocumentResult` per document.

    Parameters
    ----------
    nlp
        The pipeline from :func:`graph.nlp.build_pipeline`.
    documents
        Documents to process, in order.
    total
        Number of documents, for progress (``len(documents)`` when it has one).
    chunk_chars
        Longest piece handed to spaCy at once (capped at ``nlp.max_length``).
    batch_size
        ``nlp.pipe`` batch size; by default as many pieces as make about
        :data:`BATCH_CHARS` characters.
    chunk_progress
        Also yield a :class:`ChunkDone` after each piece of a document but its last (the
        last one yields the document's result), so a long document reports progress and
        can be cancelled between its pieces. The results are the same either way.

    Yields
    ------
    DocumentResult or ChunkDone
        Results in document order (with ``ChunkDone`` records between them when asked);
        cancelling between yields leaves nothing half-done.
    """
    docs = list(documents)
    total = total if total is not None else len(docs)
    limit = max(1, min(chunk_chars, nlp.max_length - 1))
    if batch_size is None:
        typical = sum(min(len(d.text), limit) for d in docs) / max(1, len(docs))
        batch_size = int(min(MAX_BATCH, max(1, BATCH_CHARS // max(1.0, typical))))

    read: dict[int, tuple[str, list[int] | None]] = {}  # the documents being read

    def pieces() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for index, document in enumerate(docs):
            text, where = read[index] = compacted(document.text)
            chunks = chunk_text(text, limit)
            for number, (offset, chunk) in enumerate(chunks):
                yield as_read(chunk), (index, offset, number == len(chunks) - 1)

    current: DocumentResult | None = None
    for spacy_doc, (index, offset, last) in nlp.pipe(pieces(), as_tuples=True,
                                                     batch_size=batch_size):
        if current is None or current.index != index:
            text, where = read.pop(index)
            current = DocumentResult(docs[index], index, total,
                                     read=None if where is None else text, where=where)
        _add_chunk(current, spacy_doc, offset)
        if last:
            _finish(current)
            yield current
            current = None
        elif chunk_progress:
            yield ChunkDone(index, current.doc.id, offset + len(doc_text(spacy_doc)),
                            len(current.text), current.words)
