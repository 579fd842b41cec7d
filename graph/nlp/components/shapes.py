"""Names whose written shape tells their type, found by one regular expression per shape
over the document's text (no per-token work, so they cost nothing next to the parse):

* a CamelCase word built on a known technique: "FlashAttention", "PagedAttention",
  "LongRoPE", "OrthoLoRA", "DeepSeekMoE", "RMSNorm", "TIES-Merging": a METHOD, whatever the
  statistical model guessed (it reads them as people or organisations);
* a reasoning scheme named after its structure: "Tree of Thoughts", "Skeleton-of-Thought",
  "Chain of Density", "Chain-of-Verification": a METHOD;
* a CamelCase name ending in "QA", "Eval" or "Bench": a benchmark, a DATASET ("TriviaQA",
  "HotpotQA", "HumanEval", "IFEval", "LiveCodeBench"), and so is a capitalised word with
  "-Bench" glued on ("LAB-Bench", "SWE-bench", "MT-Bench"; not the start of a longer name:
  "BIG-Bench Hard");
* a CamelCase name ending in "Studio", "LLM", "Agent(s)" or "Hub": a tool or an app, a
  PROJECT ("DreamStudio", "AnythingLLM", "OpenAgents"); so is a library's trainer class
  ("SFTTrainer", "ORPOTrainer");
* a curated list named "Awesome <Name>" (a GitHub convention): a PROJECT ("Awesome LLM
  Reasoning"), a DATASET when it collects prompts or data ("Awesome ChatGPT Prompts");
* "<Name> AI": an organisation ("Sakana AI", "Together AI", "KAIST AI"), unless the first
  word is generic, a verb, a modal or an adjective ("Generative AI", "Measuring AI",
  "Responsible AI", "Can AI really be protected ...?"); so is "<Name>.AI" ("01.AI",
  "DAIR.AI", "Character.AI");
* "<Name> Dataset", "<Name> Corpus", "<Name> Collection": a DATASET ("Aya Dataset"), even
  where the name is also a model family's;
* capitalised words ending on "Benchmark", "Bench" or "Exam": a DATASET ("the Uniform Bar
  Exam", "Massive Text Embedding Benchmark"), but not a title's words ("Developing a
  Pragmatic Benchmark for ...") unless the acronym before them and a colon is spelled by
  their initials ("MTEB: Massive Text Embedding Benchmark");
* a hyphen-joined name ending on a model's variant after its version or size
  ("Athene-V2-Chat", "Nemotron-4-340B-Instruct", "Llama-2-7b-chat"), or on its size in
  letters ("Orion-L", "Corvid-Embed-L", "Kite-XL"): a MODEL;
* a model's id under its provider, "<provider>/<model>": a MODEL when the provider serves
  models (``model_providers``: "groq/llama3-70b-8192", "openrouter/openai/gpt-oss-120b",
  "Qwen/Qwen2.5-72B-Instruct") and the model's part has a digit, or when that part has a
  size or a variant word ("org/name-7b", "lab/x-2-instruct"), not a dataset's id
  ("Maxwell-Jia/AIME_2024") or a task's ("inspect_evals/healthbench");
* an id under its owner that the words around call a dataset ("the `Maxwell-Jia/AIME_2024`
  dataset from Hugging Face", "The dataset (xinrongzhang2022/InfiniteBench)", "loaded from
  flaviagiammarino/vqa-rad on Hugging Face"): a DATASET; not two words ("yes/no");
* a way of scoring named "<measure>@<k>" ("pass@k", "pass@1", "Score@1", "maj@32"): a
  METHOD (GUIDELINES: an analysis instrument), unless a figure stands before it ("8.6%
  pass@1" is a METRIC);
* a known company followed by an acronym or one or two capitalised words: its product
  ("NVIDIA NGC", "Hugging Face PEFT", "OpenAI Cookbook"), unless they name its lab, a model,
  a role, or are a title's words.

The words are in ``resources/lexicon/entities.json`` (``generic_ai_words``,
``shape_companies``, ``not_product_acronyms``, ``not_product_words``).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from graph.nlp.components.spans import doc_text, title_line
from graph.nlp.lexicon import words

_TECHNIQUE = re.compile(
    r"(?<![\w-])[A-Z][A-Za-z0-9]*-?(?:Attention|RoPE|LoRA|MoE|Norm|Merging)(?![\w])")
# "Tree of Thoughts", "Skeleton-of-Thought", "Tree-of-Mixed-Thought", "Chain of Density",
# "Chain-of-Verification": a reasoning scheme named after its structure (and "prompting")
_STRUCTURE = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+(?:-of-(?:[A-Z][a-z]+-)?| of )Thoughts?|"
                        r"[A-Z][a-z]+-of-(?:[a-z]+-)?thoughts?|"
                        r"Chain(?:-of-| of )[A-Z][a-z]+)"
                        r"(?: [Pp]rompting| [Rr]easoning)?(?![\w-])")
_BENCHMARK = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*[a-z0-9](?:QA|Eval|Bench)(?![\w])|"
                        r"(?<![\w-])[A-Z][A-Za-z0-9]*-(?:Bench|bench|Eval|QA)(?![\w-]| [A-Z])")
_PRODUCT = re.compile(  # not the start of a longer name: "GitHub Copilot"
    r"(?<![\w-])(?:[A-Z][A-Za-z0-9]*[a-z0-9](?:Studio|LLM|Agents?|Hub)|[A-Z][A-Za-z0-9]*Trainer)"
    r"(?![\w-]| [A-Z])")
_CURATED = re.compile(r"(?<![\w-])Awesome(?: [A-Z0-9][\w.+-]*)+(?![\w-])")
_COLLECTED = {"prompts", "data"}  # with the dataset nouns: what a curated dataset collects
_AI_ORG = re.compile(r"(?<![\w-])([A-Z][a-z]+|[A-Z]{2,6}) AI(?![\w-])")
# the article before a described kind, and the capitalised words between ("A ChatGPT-Assisted
# Weakly-Labelled Audio Captioning Dataset")
_INDEFINITE = re.compile(r"(?<![\w-])[Aa]n? (?:[A-Z][\w-]* ){0,4}$")
_DOT_AI = re.compile(r"(?<![\w.-])[A-Z0-9][A-Za-z0-9]*\.AI(?![\w-]|\.\w)")  # "01.AI", "DAIR.AI"
_DATASET = re.compile(
    r"(?<![\w-])((?:[A-Z][\w.-]*[a-z0-9][\w.-]* ){1,2})(?:Dataset|Corpus|Collection)(?![\w-])")
# "the Uniform Bar Exam", "Massive Text Embedding Benchmark": a title's words only where an
# acronym they spell names them ("MTEB: Massive Text Embedding Benchmark")
# (not the end of a longer name: "Humanity's Last Exam", "the Bias Benchmark for QA (BBQ)")
_TESTED = re.compile(r"(?<![\w'’-])(?<!['’]s )((?:[A-Z][\w.-]*[a-z0-9][\w.-]* ){1,4})"
                     r"(?:Benchmark|Bench|Exam|Examination)s?(?![\w-]| (?:for|of|on) [A-Z])")
_SPELLED = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{1,9})\s*:\s*$")  # "MTEB: " before the name


_AT_K = re.compile(r"(?<![\w@.-])(?:[Pp]ass|[Ss]core|[Mm]aj|[Aa]cc|[Cc]ons)@(?:k|K|\d{1,3})"
                   r"(?![\w@-])")
# a model's variant after its version or size: "Athene-V2-Chat", "Nemotron-4-340B-Instruct",
# "Llama-2-7b-chat" (the recogniser had read the first as a METHOD)
_VARIANT_MODEL = re.compile(r"(?<![\w/.-])[A-Z][\w.]*(?:-[\w.]+)*-[Vv]?\d[\w.]*(?:-[\w.]+)*"
                            r"-(?:[Cc]hat|[Ii]nstruct|[Bb]ase)(?![\w-])")
# or its size in letters: "Orion-L", "Corvid-Embed-L" (the recogniser cut the letter off)
_LETTER_SIZED = re.compile(r"(?<![\w/.-])[A-Z][a-z][A-Za-z]*(?:-[A-Z][A-Za-z]+)*"
                           r"-(?:X{0,2}[SML]|XXL)(?![\w-])")
_FIGURE_BEFORE = re.compile(r"\d%?\s*$")  # "8.6% pass@1": the figure's measure


_HUB_ID = re.compile(r"(?<![\w/.:-])([A-Za-z0-9][\w.-]*)/(?:[\w.-]+/)?([\w.:-]*[A-Za-z0-9])"
                     r"(?![\w/-])")
_SIZED = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?[bBmM](?![A-Za-z])")


def _hub_models(text: str) -> list[tuple[int, int, str]]:
    """Model ids under their provider ("groq/gemma2-9b-it"; see the module's notes)."""
    providers = words("entities", "model_providers")
    variants = words("entities", "model_variants")
    found = []
    for match in _HUB_ID.finditer(text):
        provider, name = match.group(1).lower(), match.group(2)
        if not any(c.isdigit() for c in name) or not re.search("[A-Za-z]{2}", name):
            continue  # no model ("inspect_evals/healthbench"), or sizes ("Vicuna-7B/13B")
        if provider in providers or _SIZED.search(name) or \
                any(part.lower() in variants for part in name.split("-")[1:]):
            found.append((match.start(), match.end(), "MODEL"))
    return found


# what says an id under its owner names a dataset: "The dataset (`owner/name`)", "is loaded
# from `owner/name` on Hugging Face", "uses the `owner/name` dataset"
_DATA_BEFORE = re.compile(r"(?i)(?:\bdataset \(|\b(?:loaded|sourced|downloaded|hosted) from )`?$")
_DATA_AFTER = re.compile(r"(?i)`?\)? (?:dataset\b|(?:on|from) hugging ?face\b)")


def _hub_datasets(text: str, models: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Dataset ids under their owner ("Maxwell-Jia/AIME_2024", "flaviagiammarino/vqa-rad")
    where the words around say the id is a dataset's; not two words ("yes/no")."""
    taken = {start for start, _, _ in models}
    return [(m.start(), m.end(), "DATASET") for m in _HUB_ID.finditer(text)
            if m.start() not in taken and not (m.group(1) + m.group(2)).isalpha()
            and (_DATA_BEFORE.search(text, max(0, m.start() - 30), m.start())
                 or _DATA_AFTER.match(text, m.end()))]


@cache
def _product_pattern() -> re.Pattern:
    companies = "|".join(re.escape(c) for c in sorted(words("entities", "shape_companies"),
                                                       key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + companies + r") ([A-Z][A-Z0-9]{1,5}|"
                      r"[A-Z][a-z][\w-]*(?: [A-Z][a-z][\w-]*)?)(?![\w-])")


def shape_spans(doc: Doc) -> list[Span]:
    """The spans of ``doc`` whose shape gives their type (see the module's notes)."""
    text, found = doc_text(doc), []
    for match in _TECHNIQUE.finditer(text):
        found.append((match.start(), match.end(), "METHOD"))
    for match in _BENCHMARK.finditer(text):
        found.append((match.start(), match.end(), "DATASET"))
    for match in _PRODUCT.finditer(text):
        found.append((match.start(), match.end(), "PROJECT"))
    collected = _COLLECTED | words("entities", "dataset_nouns")
    for match in _CURATED.finditer(text):
        last = match.group().rsplit(" ", 1)[-1].lower()
        found.append((match.start(), match.end(), "DATASET" if last in collected else "PROJECT"))
    generic = words("entities", "generic_ai_words")
    for match in _AI_ORG.finditer(text):
        if match.group(1).lower() not in generic:
            found.append((match.start(), match.end(), "ORG"))
    found += [(m.start(), m.end(), "ORG") for m in _DOT_AI.finditer(text)]
    found += [(m.start(), m.end(), "MODEL") for pattern in (_VARIANT_MODEL, _LETTER_SIZED)
              for m in pattern.finditer(text)]
    models = _hub_models(text)
    found += models + _hub_datasets(text, models)
    found += [(m.start(), m.end(), "METHOD") for m in _AT_K.finditer(text)
              if not _FIGURE_BEFORE.search(text, max(0, m.start() - 8), m.start())]
    for match in [*_DATASET.finditer(text), *_TESTED.finditer(text)]:
        start = match.start()
        if _INDEFINITE.search(text, max(0, start - 80), start):
            continue  # "A ChatGPT-Assisted ... Audio Captioning Dataset": a description
        for word in match.group(1).split():  # "The Aya Dataset": the name starts after "The"
            if word.lower() not in generic and word not in ("LLM", "LLMs"):
                found.append((start, match.end(), "DATASET" if match.re is _DATASET else "TESTED"))
                break
            start += len(word) + 1
    spans = []
    for start, end, label in found:
        tested, label = label == "TESTED", "DATASET" if label == "TESTED" else label
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or tested and title_line(span) and not _spelled(span):
            continue  # "A Comprehensive Benchmark for ...": a title's words
        if not (label == "ORG" and span[0].tag_[:2] in ("VB", "JJ", "MD")):
            spans.append(span)  # "Measuring AI", "Generative AI", "Can AI": not a name
    return spans + _products(doc)


def _spelled(span: Span) -> bool:
    """Whether the acronym before ``span`` and a colon is spelled by its words' initials
    ("MMTEB: Massive Multilingual Text Embedding Benchmark")."""
    text = doc_text(span.doc)
    match = _SPELLED.search(text, max(0, span.start_char - 14), span.start_char)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", span.text) if w[0].isupper())
    return match is not None and match.group(1).upper() == initials.upper()


def structure_spans(doc: Doc) -> list[Span]:
    """Reasoning schemes named after their structure ("Tree of Thoughts", "Chain of Density
    Prompting"): METHODs, as strong as the trained recogniser's spans, so that a longer name
    it found around them ("Multimodal Chain-of-Thought Reasoning") stays whole; a pattern's
    spelling ("chain-of-thought") keeps the pattern's id."""
    known = [(e.start_char, e.end_char) for e in doc.ents if e.ent_id_]
    spans = []
    for match in _STRUCTURE.finditer(doc_text(doc)):
        if not any(a <= match.start() and match.end() <= b for a, b in known):
            span = doc.char_span(match.start(), match.end(), label="METHOD",
                                 alignment_mode="contract")  # not "prompting[43]"
            if span is not None and len(span):
                spans.append(span)
    return spans


def _products(doc: Doc) -> list[Span]:
    """A known company and the name of one of its products: "NVIDIA NGC", "OpenAI Cookbook",
    "Cohere Coral"; not its labs ("Google DeepMind", "Microsoft Research", a pattern's
    longer name), a model ("Google Gemini"), a technique ("Meta Prompting"), a role ("OpenAI
    Chief ...") or a title's words."""
    not_acronyms = words("entities", "not_product_acronyms")
    not_words = words("entities", "not_product_words")
    techniques = words("methods", "technique_heads")  # "Meta Prompting" is a technique
    spans = []
    for match in _product_pattern().finditer(doc_text(doc)):
        name = match.group(1).split()
        if name[0] in not_acronyms or name[0].lower() in not_words or \
                any(w.lower() in techniques for w in name):
            continue
        end = match.end() if len(name) == 1 or name[1].lower() not in not_words \
            else match.start(1) + len(name[0])
        span = doc.char_span(match.start(), end, label="PROJECT")
        if span is None or title_line(span) or any(
                t.ent_type_ in _NAMED for t in doc[span.start + 1:span.end]) or any(
                e.ent_id_ and e.start <= span.start and span.end <= e.end for e in doc.ents):
            continue
        spans.append(span)
    return spans


_NAMED = {"MODEL", "METHOD", "DATASET", "PERSON"}
