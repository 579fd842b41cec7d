"""Resolution: one node per real-world thing, every surface form kept as an alias."""

from __future__ import annotations

import json

from graph.build.resolve import USER_ALIASES, load_user_aliases, normalise, resolve
from graph.nlp.records import Mention
from graph.paths import resource


def mention(text: str, label: str, doc: str = "a.txt", start: int = 0, key: str = "") -> Mention:
    return Mention(doc, start, start + len(text), text, label, 0, 1000, key)


def by_label(entities):
    return {e.label: e for e in entities}


def test_case_article_and_plural_variants_merge():
    entities, _ = resolve([mention("emotion vectors", "METHOD"),
                           mention("the emotion vector", "METHOD", start=50),
                           mention("Emotion vectors", "METHOD", start=90)], user_aliases={})
    [entity] = entities
    assert entity.label == "emotion vectors"
    assert {"emotion vector", "Emotion vectors", "the emotion vector"} <= set(entity.aliases)


def test_defined_acronym_merges_and_the_full_name_is_the_label():
    text = "Natural language autoencoders (NLAs) explain. NLAs show. NLA explanations. NLAs do."
    mentions = [mention("Natural language autoencoders", "METHOD")]
    mentions += [mention(m, "METHOD", start=text.index(m, i))
                 for m, i in (("NLAs", 31), ("NLAs", 46), ("NLA", 57), ("NLAs", 75))]
    entities, _ = resolve(mentions, {"a.txt": text}, user_aliases={})
    [entity] = entities
    assert entity.label == "Natural language autoencoders"  # not the more frequent "NLAs"
    assert {"NLAs", "NLA"} <= set(entity.aliases)


def test_short_forms_join_their_only_longer_name_across_documents():
    entities, _ = resolve([mention("Claude Opus 3", "MODEL", key="kind:model-version"),
                           mention("Opus 3", "MODEL", doc="b.txt", key="kind:model-version"),
                           mention("Mythos Preview", "ORG", doc="b.txt", start=20),
                           mention("Claude Mythos Preview", "MODEL", start=40,
                                   key="kind:model-version"),
                           mention("Claude", "MODEL", start=80, key="kind:model-family")],
                          user_aliases={})
    labels = by_label(entities)
    assert set(labels) == {"Claude Opus 3", "Claude Mythos Preview", "Claude"}
    assert labels["Claude Opus 3"].documents == ["a.txt", "b.txt"]
    assert labels["Claude Mythos Preview"].type == "MODEL"  # the NER guess ORG is outvoted
    assert "Mythos Preview" in labels["Claude Mythos Preview"].aliases


def test_ambiguous_short_forms_stay_apart():
    entities, _ = resolve([mention("Alpha Sonnet 4", "MODEL"), mention("Beta Sonnet 4", "MODEL"),
                           mention("Sonnet 4", "MODEL", start=30)], user_aliases={})
    assert len(entities) == 3


def test_a_benchmark_named_without_its_only_edition_is_that_edition():
    """"12.20% on AlpacaEval 2.0 ... in AlpacaEval win rate" (one page): one benchmark; a
    name with two editions ("AIME 2024", "AIME 2025") and one written alone elsewhere stay
    apart."""
    entities, _ = resolve([mention("AlpacaEval 2.0", "DATASET"),
                           mention("AlpacaEval", "DATASET", start=40),
                           mention("AIME 2024", "DATASET", start=60),
                           mention("AIME 2025", "DATASET", start=80),
                           mention("AIME", "DATASET", start=100),
                           mention("LongBench v2", "DATASET", start=120),
                           mention("LongBench", "DATASET", doc="b.txt")], user_aliases={})
    labels = by_label(entities)
    assert set(labels) == {"AlpacaEval 2.0", "AIME 2024", "AIME 2025", "AIME", "LongBench v2",
                           "LongBench"}
    assert "AlpacaEval" in labels["AlpacaEval 2.0"].aliases


def test_pattern_ids_merge_aliases_but_kind_ids_do_not():
    entities, _ = resolve([mention("AWS", "ORG", key="amazon-web-services"),
                           mention("Amazon Web Services", "ORG", start=10,
                                   key="amazon-web-services"),
                           mention("GPT-4o", "MODEL", start=40, key="kind:model-version"),
                           mention("Gemini 2.5 Pro", "MODEL", start=60, key="kind:model-version")],
                          user_aliases={})
    labels = by_label(entities)
    assert set(labels) == {"Amazon Web Services", "GPT-4o", "Gemini 2.5 Pro"}
    assert labels["Amazon Web Services"].aliases == ["AWS"]


def test_user_alias_file(tmp_path):
    path = tmp_path / "aliases.jsonl"
    path.write_text("// comment\n" + json.dumps({"name": "Meta", "aliases": ["Facebook"]}) + "\n",
                    encoding="utf-8")
    aliases = load_user_aliases(path)
    assert aliases == {normalise("Facebook"): normalise("Meta")}
    entities, _ = resolve([mention("Meta", "ORG"), mention("Facebook", "ORG", start=10)],
                          user_aliases=aliases)
    [entity] = entities
    assert entity.aliases == ["Facebook"]


def test_the_bundled_alias_file_loads_and_is_used_by_default():
    entries = [json.loads(line) for line in resource(USER_ALIASES).read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith(("//", "#"))]
    assert entries, "the bundled alias file lists no aliases"
    aliases = load_user_aliases()
    for entry in entries:
        for alias in entry["aliases"]:
            assert aliases[normalise(alias)] == normalise(entry["name"]), alias
    # "Facebook" shares no word with "Meta": only the bundled file can merge them.
    assert aliases[normalise("Facebook")] == normalise("Meta")
    entities, _ = resolve([mention("Facebook", "ORG"), mention("Facebook", "ORG", start=20),
                           mention("Meta", "ORG", doc="b.txt")])
    [entity] = entities
    assert entity.label == "Meta" and entity.aliases == ["Facebook"]


def test_metrics_and_dates_belong_to_their_document():
    entities, index = resolve([mention("159 countries", "METRIC"),
                               mention("159 countries", "METRIC", doc="b.txt"),
                               mention("November", "DATE"),
                               mention("November", "DATE", doc="b.txt")],
                              user_aliases={})
    assert len(entities) == 4
    assert len(set(index.values())) == 4


def test_spelling_variants_of_a_model_or_dataset_merge():
    entities, _ = resolve([mention("Llama3 70B", "MODEL"),
                           mention("Llama 3 70B", "MODEL", start=40),
                           mention("Llama-3-70B", "MODEL", start=80),
                           mention("the MATH benchmark", "DATASET", start=120)], user_aliases={})
    model, dataset = sorted(entities, key=lambda e: e.type != "MODEL")
    assert len(entities) == 2
    assert {"Llama3 70B", "Llama 3 70B", "Llama-3-70B"} <= {model.label, *model.aliases}
    assert dataset.label == "MATH benchmark" and "MATH" in dataset.aliases
    # eval__theagentcompany.md (heldout-evals-dev): its title writes the name apart, its
    # text runs it together; a method written apart stays a method of its own
    entities, _ = resolve([mention("The Agent Company", "DATASET"),
                           mention("TheAgentCompany", "DATASET", start=40),
                           mention("Hugging Face", "PROJECT", start=80),
                           mention("HuggingFace", "PROJECT", start=120)], user_aliases={})
    assert len(entities) == 2, [(e.label, e.aliases) for e in entities]
    entities, _ = resolve([mention("CodeT5", "MODEL"), mention("CodeT5+", "MODEL", start=40),
                           mention("Open Assistant", "MODEL", doc="b.txt"),
                           mention("OpenAssistant", "MODEL", doc="c.txt")], user_aliases={})
    assert len(entities) == 4, [(e.label, e.aliases) for e in entities]  # "+" and documents


def test_a_one_word_short_form_joins_a_longer_name_only_where_that_name_is_written():
    entities, _ = resolve([mention("Mistral Large", "MODEL", doc="a.txt"),
                           mention("Mistral", "MODEL", doc="a.txt", start=40),
                           mention("Mistral", "MODEL", doc="b.txt")], user_aliases={})
    labels = by_label(entities)
    assert set(labels) == {"Mistral Large", "Mistral"}  # b.txt's "Mistral" is not a.txt's
    assert labels["Mistral"].documents == ["a.txt", "b.txt"]


def test_a_metric_is_also_known_by_its_figure():
    text = "Claude avoids it in just 9% of conversations; Llama 3 has 400B parameters."
    mentions = [Mention("a.txt", 20, 44, "just 9% of conversations", "METRIC", 0,
                        len(text)),
                Mention("a.txt", 58, 73, "400B parameters", "METRIC", 0, len(text))]
    entities, _ = resolve(mentions, {"a.txt": text})
    aliases = {e.label: set(e.aliases) for e in entities}
    assert "9%" in aliases["just 9% of conversations"]
    assert "400B" in aliases["400B parameters"]
    assert "9% of conversations" in aliases["just 9% of conversations"]  # unhedged


def test_a_metric_is_also_known_without_its_hedge_and_a_sum_without_its_purpose():
    # our training announcements: n12 "more than 40,000 votes", m01 "about 1.8GB",
    # n06 "$350 million Series C"
    entities, _ = resolve([mention("more than 40,000 votes", "METRIC"),
                           mention("about 1.8GB", "METRIC", start=40),
                           mention("$350 million Series C", "METRIC", start=90)],
                          user_aliases={})
    aliases = {e.label: set(e.aliases) for e in entities}
    assert {"40,000 votes", "40,000"} <= aliases["more than 40,000 votes"]
    assert "1.8GB" in aliases["about 1.8GB"]
    assert "$350 million" in aliases["$350 million Series C"]
    entities, _ = resolve([mention("about 1,900 tokens per second", "METRIC")], user_aliases={})
    assert {"1,900 tokens per second", "1,900 tokens"} <= set(entities[0].aliases)  # a rate
    assert not any(a.startswith(("more", "about")) for a in set().union(*aliases.values()))


def test_a_bare_figure_is_the_one_longer_metric_of_its_document_that_begins_with_it():
    # m08_funding_roundup.txt: the heading's "$235 million", the prose's "$235 million Series D"
    entities, _ = resolve([mention("$235 million", "METRIC"),
                           mention("$235 million Series D", "METRIC", start=40),
                           mention("$4.5 billion valuation", "METRIC", start=90),
                           mention("$235 million", "METRIC", doc="b.txt")], user_aliases={})
    labels = sorted((e.label, tuple(e.documents)) for e in entities)
    assert labels == [("$235 million", ("b.txt",)), ("$235 million Series D", ("a.txt",)),
                      ("$4.5 billion valuation", ("a.txt",))]


def test_a_metric_is_the_one_longer_metric_of_its_document_with_its_words_in_order():
    # eval__usaco.md (heldout-evals-dev): "307 challenging programming problems" in the lead,
    # "307 challenging problems" under "## Dataset"; "123 bronze" is another figure
    entities, _ = resolve([mention("307 challenging programming problems", "METRIC"),
                           mention("307 challenging problems", "METRIC", start=60),
                           mention("123 bronze", "METRIC", start=120)], user_aliases={})
    assert sorted(e.label for e in entities) == ["123 bronze",
                                                 "307 challenging programming problems"]


def test_metrics_of_a_document_counting_the_same_number_of_the_same_thing_are_one():
    # eval__zerobench.md: "100 challenging questions", then "consisting of only 100
    # questions"; eval__scbench.md: "a 30-task suite" and "30 tasks"; eval__anima.md's
    # "13 ethical dimensions" and "13 moral reasoning dimensions". Each was two nodes, so one
    # gold figure and a spurious one, and two HAS_METRIC edges for one fact.
    entities, _ = resolve([mention("100 challenging questions", "METRIC"),
                           mention("only 100 questions", "METRIC", start=50),
                           mention("30-task", "METRIC", start=90),
                           mention("30 tasks", "METRIC", start=120),
                           mention("13 ethical dimensions", "METRIC", start=160),
                           mention("13 moral reasoning dimensions", "METRIC", start=200),
                           mention("100 samples", "METRIC", start=240),
                           mention("only 100 questions", "METRIC", doc="b.txt"),
                           mention("$30 million and ¥30 billion", "METRIC", start=280),
                           mention("about ¥30 billion", "METRIC", start=320)], user_aliases={})
    found = sorted((e.label, tuple(e.documents)) for e in entities)
    assert len(found) == 7, found  # another thing counted, another document: other figures
    merged = next(e for e in entities if "a.txt" in e.documents and "only 100 questions"
                  in [e.label, *e.aliases])
    assert {"100 challenging questions", "only 100 questions"} <= {merged.label, *merged.aliases}
    assert ("30 tasks", ("a.txt",)) in found and ("100 samples", ("a.txt",)) in found
    assert ("about ¥30 billion", ("a.txt",)) in found  # not the span that holds two figures


def test_an_acronym_and_the_one_name_it_spells_in_its_document_are_one_entity():
    # eval__mmlu.md (heldout-evals-dev): 'MMLU "Massive Multitask Language Understanding"',
    # then "Multilingual Massive Multitask Language Understanding (MMMLU)"
    entities, _ = resolve([mention("MMLU", "DATASET"),
                           mention("Massive Multitask Language Understanding", "DATASET", start=6),
                           mention("MMMLU", "DATASET", start=200),
                           mention("MMLU", "DATASET", doc="b.txt")], user_aliases={})
    found = {(e.label, tuple(e.documents)) for e in entities}  # (an acronym is the corpus's)
    assert found == {("Massive Multitask Language Understanding", ("a.txt", "b.txt")),
                     ("MMMLU", ("a.txt",))}, found


def test_a_figure_two_longer_metrics_begin_with_stays_apart():
    entities, _ = resolve([mention("84%", "METRIC"), mention("84% on MMLU", "METRIC", start=20),
                           mention("84% of runs", "METRIC", start=60)], user_aliases={})
    assert len(entities) == 3


def test_a_model_is_also_known_by_its_name_without_its_publishers_prefix():
    # eval__fortress.md (training text): "openai/gpt-4.1-mini" in a results table
    entities, _ = resolve([mention("openai/gpt-4.1-mini", "MODEL"),
                           mention("Vicuna-7B/13B", "MODEL", start=40)], user_aliases={})
    aliases = {e.label: set(e.aliases) for e in entities}
    assert "gpt-4.1-mini" in aliases["openai/gpt-4.1-mini"]
    assert "13B" not in aliases["Vicuna-7B/13B"]  # sizes, not a publisher and a name


def test_a_company_named_without_its_suffix_is_the_company():
    # n02_kairos_funding.txt: "Kairos Labs" ... "Kairos released Meridian 3"; but "Google"
    # is not "Google Research", a large company is not its lab ("Meta", "Meta AI"), and a
    # name in a document without the long one stays apart
    entities, _ = resolve([mention("Kairos Labs", "ORG"), mention("Kairos", "ORG", start=30),
                           mention("Google Research", "ORG", start=50),
                           mention("Google", "ORG", start=70), mention("Meta AI", "ORG", start=90),
                           mention("Meta", "ORG", start=110),
                           mention("Mistral AI", "ORG", doc="b.txt"),
                           mention("Mistral", "ORG", doc="c.txt")], user_aliases={})
    labels = by_label(entities)
    assert set(labels) == {"Kairos Labs", "Google Research", "Google", "Meta AI", "Meta",
                           "Mistral AI", "Mistral"}
    assert "Kairos" in labels["Kairos Labs"].aliases
    # session 54 probes j7 and j10: "Fennec Robotics" ... "Fennec acquired Perch Labs",
    # "Helios Cloud" ... "Helios's H200 clusters"
    for long, short in (("Fennec Robotics", "Fennec"), ("Helios Cloud", "Helios")):
        entities, _ = resolve([mention(long, "ORG"), mention(short, "ORG", start=30)],
                              user_aliases={})
        assert [e.label for e in entities] == [long]


def test_a_benchmark_is_not_its_hyphen_joined_version():
    # an announcement of our own (session 54 probe j1): "On MMLU, Tessera-2 scores 74.1%
    # ... It also outperforms Mistral NeMo on ... Global-MMLU": two benchmarks, where "MMLU"
    # had joined "Global-MMLU" as its short form; a model's short form still joins its name
    entities, _ = resolve([mention("MMLU", "DATASET"),
                           mention("Global-MMLU", "DATASET", start=40),
                           mention("R1", "MODEL", start=80),
                           mention("DeepSeek-R1", "MODEL", start=120)], user_aliases={})
    assert set(by_label(entities)) == {"MMLU", "Global-MMLU", "DeepSeek-R1"}
