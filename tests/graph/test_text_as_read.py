"""What the pipeline reads of a text (graph.nlp.reading): text wrapped at a fixed width is
read as the prose it is, a line break that only wraps a sentence a space, so a figure, a
name or a phrase that runs over it stays whole, while headings, list items, table rows,
fields and code keep their lines; a name written with a web page's non-breaking hyphens and
spaces is read as written plainly; a table cell's full stop before the next bar is
punctuation (the tokenizer of graph.nlp.pipeline). Every text is real text of the held-out
development documents (training/heldout/packages), the guide's train pages or our
announcements, read by the real pipeline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.build.assemble import build_graph
from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.pipeline import shared_pipeline
from graph.nlp.reading import as_read, compacted, unwrapped

PACKAGES = Path(__file__).resolve().parents[2] / "training" / "heldout" / "packages"


def _page(name: str) -> str:
    return (PACKAGES / name).read_text(encoding="utf-8")


def test_a_break_inside_a_sentence_is_a_space_and_every_offset_stays():
    text = _page("task__webqs.md")
    read = unwrapped(text)
    assert len(read) == len(text)
    assert "The dataset consists of 6,642 question/answer pairs." in read
    assert "answerable by Freebase, a large knowledge graph." in read
    # the heading, the fields of the paper's summary and the blank lines keep their lines
    assert read.startswith("# WEBQs\n\n### Paper\n\nTitle: `Semantic Parsing on Freebase")
    assert "\nAbstract: `https://" in read


def test_a_break_after_a_number_or_a_name_or_before_a_sentences_last_word_is_a_space(nlp):
    # tests/data/unseen u04, u06, u07 wrapped at 60 and 72 columns, as a plain-text mail or a
    # README wraps them: the names run over the break were cut ("Claude 3.5" and "Sonnet",
    # "Oracle" for Oracle Cloud Infrastructure, "Gates Foundation", "Open LLM Leaderboard")
    for wrapped in ("We tested five frontier models, including o1, Claude 3.5\nSonnet and "
                    "Gemini 1.5 Pro, in 6 agentic scenarios.",
                    "Command R+ is now available on Microsoft Azure and Oracle Cloud\n"
                    "Infrastructure.",
                    "Hugging Face hosts more than 1 million models, and its Open LLM\n"
                    "Leaderboard has evaluated over 7,500 of them."):
        assert unwrapped(wrapped) == wrapped.replace("\n", " ")
        assert _read(nlp, wrapped) == _read(nlp, wrapped.replace("\n", " "))
    # a field after a line ending with a number keeps its line
    text = "Title: A benchmark of linguistic reasoning puzzles for LLMs 2024\nAbstract: x y"
    assert unwrapped(text) == text


def test_fields_items_and_code_keep_their_lines():
    # a command after a command is code, not prose run on (eval__paperbench.md)
    code = _page("eval__paperbench.md")
    assert "max_time_in_hours=0.5\ninspect eval inspect_evals/paperbench_score" in \
        unwrapped(code)
    # a line that introduces what follows with a colon keeps its break (task__afrimgsm.md)
    text = _page("task__afrimgsm.md")
    read = unwrapped(text)
    assert "dataset for 16 typologically diverse low-resource African languages covering " \
        "three tasks:" in read
    lines = [line for line in text.splitlines() if line.startswith(("#", "-", "*", "|"))]
    assert all(f"\n{line}" in f"\n{read}" for line in lines)


def test_a_figure_wrapped_onto_the_next_line_is_its_benchmarks(nlp):
    # task__webqs.md: "The dataset consists of 6,642\nquestion/answer pairs" lost its figure
    text = _page("task__webqs.md")
    [result] = list(extract(nlp, [Document("task__webqs.md", "task__webqs.md", text, "md")]))
    spans = {(m.start, m.end): m for m in result.mentions}
    found = {(spans[r.source].text, r.predicate, spans[r.target].text)
             for r in result.relations if r.source in spans and r.target in spans}
    assert ("WebQuestions", "HAS_METRIC", "6,642 question/answer pairs") in {
        (a, p, " ".join(b.split())) for a, p, b in found}


def test_a_line_wrapped_before_a_name_runs_on_but_a_field_keeps_its_line():
    # task__careqa.md: "... exams by the\nSpanish Ministry of Health."
    assert "(MIR) exams by the Spanish Ministry of Health." in unwrapped(_page("task__careqa.md"))
    # task__xwinograd.md: the paper's title, then its abstract's field
    read = unwrapped(_page("task__xwinograd.md"))
    assert "`\nAbstract: " in read


def test_a_list_wrapped_onto_the_next_line_keeps_its_items_kind(nlp):
    # readme__fschat.md: "including\nLLama 2, Vicuna, ..., xDAN-AI and more": the list's
    # last item was read apart from the models the line break cut it from
    text = "".join(_page("readme__fschat.md").splitlines(keepends=True)[81:83])
    assert text.startswith("FastChat supports a wide range of models, including\nLLama 2")
    [result] = list(extract(nlp, [Document("readme__fschat.md", "readme__fschat.md", text,
                                           "md")]))
    assert ("xDAN-AI", "MODEL") in {(m.text, m.label) for m in result.mentions}


def _read(nlp, text: str) -> tuple[set, set]:
    [result] = list(extract(nlp, [Document("page.md", "page.md", text, "md")]))
    spans = {(m.start, m.end): m for m in result.mentions}
    return ({(m.text, m.label) for m in result.mentions},
            {(spans[r.source].text, r.predicate, spans[r.target].text)
             for r in result.relations if r.source in spans and r.target in spans})


def test_names_written_with_web_lookalike_characters_read_as_plain(nlp):
    # models__mixtral.md, models__phi-2.md (guide, train) as a web page writes them: with
    # non-breaking hyphens (U+2011) and non-breaking spaces (U+00A0); "GPT\u20114.1" read as
    # a date and "Llama\u00a03 70B" lost its comparison
    plain = ("Mixtral-Instruct outperforms strong performing models such as GPT-3.5-Turbo, "
             "Gemini Pro, Claude-2.1, and Llama 2 70B chat. Phi-2 even outperforms the "
             "Llama-2-70B model on multi-step reasoning.")
    web = plain.replace("-", "\u2011").replace("Llama 2 70B", "Llama\u00a02\u00a070B")
    assert web != plain and len(web) == len(plain)
    mentions, relations = _read(nlp, web)
    assert (mentions, relations) == _read(nlp, plain)
    assert {("Mixtral-Instruct", "OUTPERFORMS", "GPT-3.5-Turbo"),
            ("Phi-2", "OUTPERFORMS", "Llama-2-70B")} <= relations


@pytest.mark.slow  # reads every document of the set (seconds)
def test_a_set_written_as_web_pages_write_it_gives_the_same_entities_and_relations(nlp):
    # tests/data/unseen3 with a hyphen inside a word written U+2011 and a space before a
    # number U+00A0, as text copied from a web page has them: before graph.nlp.reading the
    # set's entity F1 fell from .938 to .688 and its relation F1 from .730 to .300
    folder = Path(__file__).resolve().parents[1] / "data" / "unseen3" / "docs"
    for path in sorted(folder.iterdir()):
        plain = path.read_text(encoding="utf-8")
        web = re.sub(r"(?<=[A-Za-z]) (?=\d)", "\u00a0", re.sub(r"(?<=\w)-(?=\w)", "\u2011", plain))
        assert web != plain
        assert _read(nlp, web) == _read(nlp, plain), path.name


def test_a_press_releases_dateline_and_ticker_are_no_names(nlp):
    # n04_salesforce_codetide.txt (our announcements) opening as a wire service prints it:
    # the city in capitals was a benchmark the release was evaluated on, the exchange too
    plain = "Salesforce AI Research today announced CodeTide 2, an open-weight code model family."
    wire = f"SAN FRANCISCO, March 4, 2025 /PRNewswire/ -- {plain}"
    mentions, relations = _read(nlp, wire)
    assert not {name for name, _ in mentions} & {"FRANCISCO", "SAN FRANCISCO", "PRNewswire"}
    assert relations == _read(nlp, plain)[1]
    mentions, relations = _read(nlp, plain.replace("Salesforce AI Research",
                                                   "Salesforce (NYSE: CRM)"))
    assert {name for name, _ in mentions} == {"Salesforce", "CodeTide 2"}
    assert relations == {("CodeTide 2", "DEVELOPED_BY", "Salesforce")}
    # session 59 probe a02 (an announcement of our own): a joint release's two places
    joint = f"BOSTON and REDMOND, Wash., April 14, 2026 — {plain}"
    assert not {name for name, _ in _read(nlp, joint)[0]} & {"Boston", "BOSTON", "REDMOND",
                                                               "Wash."}
    assert _read(nlp, joint)[1] == _read(nlp, plain)[1]
    # a heading's dash, a name's dash and a field stay as written
    for text in ("MMLU - a benchmark of 57 subjects.", "NOTE: GPT-4 -- is fine.",
                 "REDMOND, Wash. and Paris are cities."):
        assert as_read(text) == text


def test_a_links_markup_is_left_out_and_every_offset_is_the_documents(nlp):
    # tests/data/unseen u01 as a blog writes it, with its names linked: its entity F1 fell
    # from .966 to .599 and its relation F1 from .810 to .206 with the markup read as words;
    # blanked, the markup still parted the sentences (.956, .708); left out, the linked
    # seeds and unseen sets score what the plain ones do
    plain = ("Today we're releasing GPT-4.1 in the API, along with GPT-4.1 mini and GPT-4.1 "
             "nano.\nGPT-4.1 scores 54.6% on SWE-bench Verified, improving by 21.4 points over "
             "GPT-4o.\nWe've partnered with Microsoft, NVIDIA and AMD.\n")
    linked = (plain.replace("releasing GPT-4.1", "releasing [GPT-4.1](https://openai.com/a)")
              .replace("SWE-bench Verified", "[SWE-bench Verified](https://x.org/s \"SWE\")")
              .replace("GPT-4o.", "[GPT-4o][4].").replace("Microsoft", "[Microsoft](/m)")
              .replace("NVIDIA", "<a href=\"n\">NVIDIA</a>")
              + "![chart](chart.png) <b>one</b><br>two\n")
    read, where = compacted(linked)
    assert read == plain + "one\ntwo\n"  # ("<br>": a line break)
    assert all(linked[where[n]] == c for n, c in enumerate(read) if not c.isspace())
    assert _read(nlp, linked) == _read(nlp, plain + "one\ntwo\n")
    # every offset is the document's: a name's span holds its words, a sentence's its links
    [result] = list(extract(nlp, [Document("page.md", "page.md", linked, "md")]))
    assert {linked[m.start:m.end] for m in result.mentions} >= {
        "GPT-4.1", "SWE-bench Verified", "GPT-4o", "Microsoft", "NVIDIA"}
    assert {linked[s:e].strip() for s, e in result.sentences} >= {
        "We've partnered with [Microsoft](/m), <a href=\"n\">NVIDIA</a> and AMD."}
    # and the evidence a relation shows reads as the text does
    graph = build_graph([result], shared_pipeline()[1])
    evidence = {ev["text"] for _, _, d in graph.edges(data=True) for ev in d["evidence"]}
    assert "We've partnered with Microsoft, NVIDIA and AMD." in evidence
    assert not [text for text in evidence if "](" in text or "<a" in text]
    # brackets that are no link stay: citations (techniques__prompt_chaining.md, guide,
    # train), a checkbox, a comparison, a prompt's own tags
    for text in ("as shown in [1] and [2]", "- Prompt injection[65][66][67]", "- [x] done",
                 "if a < b and c > d", "using <quotes></quotes>."):
        assert compacted(text)[0] == text


# tests/data/unseen u01 with its names and figures footnoted as a model card marks them:
# the set's entity F1 fell from .966 to .722 and its relation F1 from .810 to .386 ("Llama 3
# 70B¹" read "Llama 3", "82.0%²" no figure, "MMLU³" a name); a mark standing alone stays, and
# so does what is no footnote's
FOOTNOTED = ("GPT-4.1¹ scores 54.6%² on SWE-bench Verified†, improving by 21.4 points over "
             "GPT-4o[^3] and Command R+¹,².\n",
             "GPT-4.1 scores 54.6% on SWE-bench Verified, improving by 21.4 points over GPT-4o "
             "and Command R+.\n",
             ("GPT-4.1", "HAS_METRIC", "54.6%"), ("¹ Measured on one GPU.", "a [^note] b"))
# tests/data/unseen u03 as pages copied from the web write it: a soft hyphen and a
# zero-width space inside names, a character reference in a company's name, a byte-order
# mark opening the text (models__collection.md, guide, has "\u200b |")
INVISIBLE = ("\ufeffMeta is releasing Lla\u00adma 3.1 405B, the largest openly available "
             "foundation model. AT&amp;T uses Llama\u200b 3.1 405B.\n",
             "Meta is releasing Llama 3.1 405B, the largest openly available foundation model. "
             "AT&T uses Llama 3.1 405B.\n",
             ("Llama 3.1 405B", "DEVELOPED_BY", "Meta"), ("R&D and A & B", "&unknown; stays"))


# tests/data/unseen3 w01 as a PDF's text layer writes it, with ligatures: the set's entity F1
# fell from .938 to .905 and its relation F1 from .750 to .698 ("ﬂow" no word of the parse)
LIGATURES = ("Stability AI today released Stable Diﬀusion 3.5 Large, an 8-billion-parameter "
             "image model, under its community licence.\nThe model was trained with rectiﬁed "
             "ﬂow and improves prompt adherence over Stable Diﬀusion XL.\n",
             "Stability AI today released Stable Diffusion 3.5 Large, an 8-billion-parameter "
             "image model, under its community licence.\nThe model was trained with rectified "
             "flow and improves prompt adherence over Stable Diffusion XL.\n",
             ("Stable Diffusion 3.5 Large", "DEVELOPED_BY", "Stability AI"), ())


@pytest.mark.parametrize("written, plain, relation, kept", [FOOTNOTED, INVISIBLE, LIGATURES],
                         ids=["footnote marks", "invisible characters and references",
                              "ligatures"])
def test_what_marks_a_text_up_is_left_out_or_read_as_meant(nlp, written, plain, relation,
                                                            kept):
    assert compacted(written)[0] == plain
    found = _read(nlp, written)
    assert found == _read(nlp, plain) and relation in found[1], found
    assert all(compacted(text)[0] == text for text in kept)


def test_a_table_cells_full_stop_before_the_next_bar_is_punctuation(nlp):
    # notebooks.md (guide, train): a row written without spaces around its bars; the cell's
    # last word kept its full stop ("model.", "measures.") and was read as a name
    row = ("|Learn about adversarial prompting include defensive measures.|Adversarial Prompt "
           "Engineering|\n|Learn how to use code as reasoning for solving common tasks using "
           "the Python interpreter in combination with the language model.|Program-Aided "
           "Language Model|\n")
    doc = nlp(row)
    assert {"measures", "model"} <= {t.text for t in doc}
    assert not [e.text for e in doc.ents if e.text.endswith(".")]
