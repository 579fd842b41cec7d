"""The component rules on fixed parses: no statistical model, so no model's mood.

Each test builds the parse by hand (words, tags, dependencies, entities, as spaCy's own
pipeline tests do) and asks one rule of :mod:`graph.nlp.components` what it makes of it.
"""

from __future__ import annotations

import pytest
from fixed_parse import NLP, parse
from spacy.tokens import Doc, Span

from graph.nlp.components.acronyms import acronym_for
from graph.nlp.components.methods import method_span
from graph.nlp.components.metrics import metric_span


def entities(doc: Doc, spans: list[tuple[int, int, str, str]]) -> Doc:
    """Set ``doc.ents`` to ``(start, end, label, pattern id)``; an id marks a pattern match."""
    doc.ents = [Span(doc, s, e, label=label, span_id=key) for s, e, label, key in spans]
    return doc


def run_entities(doc: Doc) -> set[tuple[str, str]]:
    """``doc.ents`` after the ``threadline_entities`` component, as (text, label)."""
    component = NLP.create_pipe("threadline_entities")
    return {(e.text, e.label_) for e in component(doc).ents}


# -- metrics -----------------------------------------------------------------------------------
COUNTRIES = """
0 We        PRON  PRP nsubj  1 O
1 heard     VERB  VBD ROOT   1 O   hear
2 from      ADP   IN  prep   1 O
3 people    NOUN  NNS pobj   2 O
4 across    ADP   IN  prep   3 O
5 159       NUM   CD  nummod 6 B-CARDINAL
6 countries NOUN  NNS pobj   4 O   country
7 .         PUNCT .   punct  1 O
"""


def test_a_count_extends_to_the_noun_it_counts():
    doc = parse("We heard from people across 159 countries.", COUNTRIES)
    metric = metric_span(doc.ents[0])
    assert (metric.text, metric.label_) == ("159 countries", "METRIC")


@pytest.mark.parametrize("text, comparative", [("17% lower", "lower"), ("17% faster", "faster")])
def test_a_percentage_extends_to_its_comparative(text, comparative):
    doc = parse(f"The group scored {text}.", f"""
        0 The   DET   DT  det      1 O
        1 group NOUN  NN  nsubj    2 O
        2 scored VERB VBD ROOT     2 O         score
        3 17    NUM   CD  nummod   4 B-PERCENT
        4 %     NOUN  NN  npadvmod 5 I-PERCENT
        5 {comparative} ADJ JJR acomp 2 O
        6 .     PUNCT .   punct    2 O
    """)
    assert metric_span(doc.ents[0]).text == text


def test_less_before_an_adjective_is_part_of_the_comparison():
    doc = parse("It is 75% less expensive.", """
        0 It        PRON  PRP nsubj    1 O
        1 is        AUX   VBZ ROOT     1 O         be
        2 75        NUM   CD  nummod   3 B-PERCENT
        3 %         NOUN  NN  npadvmod 5 I-PERCENT
        4 less      ADV   RBR advmod   5 O
        5 expensive ADJ   JJ  acomp    1 O
        6 .         PUNCT .   punct    1 O
    """)
    assert metric_span(doc.ents[0]).text == "75% less expensive"


def test_a_share_extends_over_of_to_what_it_is_a_share_of():
    doc = parse("About 6% of all conversations are advice.", """
        0 About         ADV   RB  advmod 2 B-PERCENT
        1 6             NUM   CD  nummod 2 I-PERCENT
        2 %             NOUN  NN  nsubj  6 I-PERCENT
        3 of            ADP   IN  prep   2 O
        4 all           DET   DT  det    5 O
        5 conversations NOUN  NNS pobj   3 O   conversation
        6 are           AUX   VBP ROOT   6 O   be
        7 advice        NOUN  NN  attr   6 O
        8 .             PUNCT .   punct  6 O
    """)
    assert metric_span(doc.ents[0]).text == "About 6% of all conversations"


YEAR_OR_COUNT = """
0 The      DET   DT  det    2 O
1 {number} NUM   CD  nummod 2 B-CARDINAL
2 models   NOUN  NNS nsubj  3 O   model
3 improved VERB  VBD ROOT   3 O   improve
4 .        PUNCT .   punct  3 O
"""


@pytest.mark.parametrize("number, expected", [("2023", None), ("1999", None),
                                              ("1500", "1500 models")])
def test_a_year_is_not_a_count(number, expected):
    doc = parse(f"The {number} models improved.", YEAR_OR_COUNT.format(number=number))
    metric = metric_span(doc.ents[0])
    assert (metric.text if metric else None) == expected


def test_a_bare_count_reports_nothing():
    doc = parse("We saw 159.", """
        0 We  PRON  PRP nsubj 1 O
        1 saw VERB  VBD ROOT  1 O  see
        2 159 NUM   CD  dobj  1 B-CARDINAL
        3 .   PUNCT .   punct 1 O
    """)
    assert metric_span(doc.ents[0]) is None


SMALL_COUNT = """
0 It     PRON  PRP nsubj  1 O
1 took   VERB  VBD ROOT   1 O   take
2 {word} NUM   CD  nummod 3 B-CARDINAL
3 {noun} NOUN  NNS dobj   1 O
4 .      PUNCT .   punct  1 O
"""


@pytest.mark.parametrize("word, noun, expected", [
    ("four", "domains", None),  # a narrative count in words
    ("several", "steps", None),
    ("two", "minutes", "two minutes"),  # it counts a unit of measure
    ("40", "domains", "40 domains"),  # digits are a finding
])
def test_small_counts_in_words_are_narrative_unless_they_count_a_unit(word, noun, expected):
    doc = parse(f"It took {word} {noun}.", SMALL_COUNT.format(word=word, noun=noun))
    metric = metric_span(doc.ents[0])
    assert (metric.text if metric else None) == expected


def test_a_measure_of_a_number_is_the_metric():
    doc = parse("It has an Elo score of 1402.", """
        0 It    PRON  PRP nsubj    1 O
        1 has   VERB  VBZ ROOT     1 O  have
        2 an    DET   DT  det      4 O
        3 Elo   PROPN NNP compound 4 O
        4 score NOUN  NN  dobj     1 O
        5 of    ADP   IN  prep     4 O
        6 1402  NUM   CD  pobj     5 B-CARDINAL
        7 .     PUNCT .   punct    1 O
    """)
    assert metric_span(doc.ents[0]).text == "Elo score of 1402"


def test_a_duration_keeps_its_tilde_and_a_number_in_quotes_is_no_finding():
    doc = parse("Turns last ~45 seconds, not “45 seconds”.", """
        0  Turns   NOUN  NNS nsubj  1 O       turn
        1  last    VERB  VBP ROOT   1 O
        2  ~       SYM   NFP punct  4 O
        3  45      NUM   CD  nummod 4 B-TIME
        4  seconds NOUN  NNS dobj   1 I-TIME  second
        5  ,       PUNCT ,   punct  4 O
        6  not     PART  RB  neg    9 O
        7  “       PUNCT ``  punct  9 O
        8  45      NUM   CD  nummod 9 B-TIME
        9  seconds NOUN  NNS conj   4 I-TIME  second
        10 ”       PUNCT ''  punct  9 O
        11 .       PUNCT .   punct  1 O
    """)
    duration, quoted = doc.ents
    assert metric_span(duration).text == "~45 seconds"
    assert metric_span(quoted) is None


# -- methods -----------------------------------------------------------------------------------
USED = """
0 We   PRON  PRP nsubj 1 O
1 used VERB  VBD ROOT  1 O  use
{phrase}
5 .    PUNCT .   punct 1 O
"""


@pytest.mark.parametrize("text, phrase, expected", [
    ("the sparse autoencoders", """
        2 the          DET  DT  det  4 O
        3 sparse       ADJ  JJ  amod 4 O
        4 autoencoders NOUN NNS dobj 1 O  autoencoder
     """, "sparse autoencoders"),  # a technique adjective names a technique on its own
    ("natural language autoencoders", """
        2 natural      ADJ  JJ  amod     4 O
        3 language     NOUN NN  compound 4 O
        4 autoencoders NOUN NNS dobj     1 O  autoencoder
     """, "natural language autoencoders"),  # an adjective before a noun modifier
    ("the retirement interviews", """
        2 the          DET  DT  det      4 O
        3 retirement   NOUN NN  compound 4 O
        4 interviews   NOUN NNS dobj     1 O  interview
     """, "retirement interviews"),
    ("a separate experiment", """
        2 a            DET  DT  det  4 O
        3 separate     ADJ  JJ  amod 4 O
        4 experiment   NOUN NN  dobj 1 O
     """, None),  # a plain adjective alone names nothing
    ("a conversational interview", """
        2 a              DET  DT  det  4 O
        3 conversational ADJ  JJ  amod 4 O
        4 interview      NOUN NN  dobj 1 O
     """, None),
])
def test_method_span_from_a_technique_noun(text, phrase, expected):
    doc = parse(f"We used {text}.", USED.format(phrase=phrase.strip()))
    method = method_span(doc[4])
    assert (method.text if method else None) == expected
    assert method is None or method.label_ == "METHOD"


def test_a_quoted_technique_phrase_is_not_a_method():
    plain = parse("We used the emotion vectors.", """
        0 We      PRON  PRP nsubj    1 O
        1 used    VERB  VBD ROOT     1 O  use
        2 the     DET   DT  det      4 O
        3 emotion NOUN  NN  compound 4 O
        4 vectors NOUN  NNS dobj     1 O  vector
        5 .       PUNCT .   punct    1 O
    """)
    quoted = parse("We used the “emotion vectors”.", """
        0 We      PRON  PRP nsubj    1 O
        1 used    VERB  VBD ROOT     1 O  use
        2 the     DET   DT  det      5 O
        3 “       PUNCT ``  punct    5 O
        4 emotion NOUN  NN  compound 5 O
        5 vectors NOUN  NNS dobj     1 O  vector
        6 ”       PUNCT ''  punct    5 O
        7 .       PUNCT .   punct    1 O
    """)
    assert method_span(plain[4]).text == "emotion vectors"
    assert method_span(quoted[5]) is None  # quoted: an example, not a name


def test_a_hyphenated_technique_name_is_one_method():
    doc = parse("In a randomized-controlled trial, we saw it.", """
        0  In         ADP   IN  prep  8 O
        1  a          DET   DT  det   5 O
        2  randomized VERB  VBN amod  4 O  randomize
        3  -          PUNCT HYPH punct 4 O
        4  controlled VERB  VBN amod  5 O  control
        5  trial      NOUN  NN  pobj  0 O
        6  ,          PUNCT ,   punct 8 O
        7  we         PRON  PRP nsubj 8 O
        8  saw        VERB  VBD ROOT  8 O  see
        9  it         PRON  PRP dobj  8 O
        10 .          PUNCT .   punct 8 O
    """)
    assert method_span(doc[5]).text == "randomized-controlled trial"


# -- acronyms ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, words, expected", [
    ("natural language autoencoders (NLAs)", 3, "NLA"),  # plural acronym, singular name
    ("Department of Energy (DOE)", 3, "DOE"),  # link words may show
    ("Department of Energy (DE)", 3, "DE"),  # or not
    ("supervised fine-tuning (SFT)", 4, "SFT"),  # hyphens split words
    ("supervised fine-tuning (RLHF)", 4, None),  # letters that spell something else
    ("supervised fine-tuning (sft)", 4, None),  # not an acronym
])
def test_acronym_defined_after_a_name(text, words, expected):
    doc = NLP.make_doc(text)
    assert acronym_for(doc[:words]) == expected


def test_acronyms_are_typed_like_their_expansion_everywhere():
    doc = NLP.make_doc("Natural language autoencoders (NLAs) explain activations. "
                       "NLA explanations helped.")
    doc = entities(doc, [(0, 3, "METHOD", "natural-language-autoencoders")])
    after = run_entities(doc)
    assert {("Natural language autoencoders", "METHOD"), ("NLAs", "METHOD"),
            ("NLA", "METHOD")} <= after
    assert {e.ent_id_ for e in doc.ents} == {"natural-language-autoencoders"}


# -- label mapping and re-typing -----------------------------------------------------------------
def sentences(text: str) -> Doc:
    """``text`` tokenized and split into sentences, without a parse (as rules-only runs)."""
    return NLP.create_pipe("sentencizer")(NLP.make_doc(text))


@pytest.mark.parametrize("name, label, expected", [
    ("AI", "ORG", None),  # a generic term
    ("API", "GPE", None),
    ("openai", "ORG", None),  # no capital letter: invented from a plain word
    ("Cisco", "ORG", "ORG"),
    ("Paris", "GPE", "PLACE"),
    ("Widget", "PRODUCT", None),  # a label Threadline has no type for
    ("Monday", "DATE", "DATE"),
])
def test_statistical_labels_map_to_threadline_types(name, label, expected):
    doc = entities(sentences(f"We met {name} there."), [(2, 3, label, "")])
    assert run_entities(doc) == ({(name, expected)} if expected else set())


def test_a_name_in_quoted_speech_is_an_example():
    doc = entities(sentences('He said "ask Cisco" then.'), [(4, 5, "ORG", "")])
    assert run_entities(doc) == set()


@pytest.mark.parametrize("named, expected", [(True, "MODEL"), (False, "PERSON")])
def test_a_short_form_of_a_model_of_the_document_is_that_model(named, expected):
    doc = sentences("Claude Mythos Preview found bugs. Later, Mythos Preview found more.")
    model = [(0, 3, "MODEL", "claude-mythos-preview")] if named else []
    doc = entities(doc, [*model, (8, 10, "PERSON", "")])
    assert ("Mythos Preview", expected) in run_entities(doc)


@pytest.mark.parametrize("noun, expected", [("model", "MODEL"), ("version", "MODEL"),
                                            ("friend", "PERSON")])
def test_a_name_in_apposition_to_model_is_a_model(noun, expected):
    doc = parse(f"We tested Sonnet 4.5, our newest {noun}.", f"""
        0 We     PRON  PRP  nsubj    1 O
        1 tested VERB  VBD  ROOT     1 O        test
        2 Sonnet PROPN NNP  compound 3 B-PERSON
        3 4.5    NUM   CD   dobj     1 I-PERSON
        4 ,      PUNCT ,    punct    3 O
        5 our    PRON  PRP$ poss     7 O
        6 newest ADJ   JJS  amod     7 O        new
        7 {noun} NOUN  NN   appos    3 O
        8 .      PUNCT .    punct    1 O
    """)
    assert run_entities(doc) == {("Sonnet 4.5", expected)}


PARTNERS = """
0  We        PRON  PRP nsubj 1 O
1  partnered VERB  VBD ROOT  1 O   partner
2  with      ADP   IN  prep  1 O
3  Apple     PROPN NNP pobj  2 O
4  ,         PUNCT ,   punct 3 O
5  Cisco     PROPN NNP conj  3 O
6  ,         PUNCT ,   punct 5 O
7  Zorblax   PROPN NNP conj  5 O
8  and       CCONJ CC  cc    7 O
9  Jordan    PROPN NNP conj  7 O
10 .         PUNCT .   punct 1 O
"""


def test_members_of_a_list_of_organisations_are_organisations():
    doc = parse("We partnered with Apple, Cisco, Zorblax and Jordan.", PARTNERS)
    doc = entities(doc, [(3, 4, "ORG", "apple"), (5, 6, "ORG", ""), (9, 10, "GPE", "")])
    assert run_entities(doc) == {("Apple", "ORG"), ("Cisco", "ORG"), ("Zorblax", "ORG"),
                                 ("Jordan", "ORG")}


def test_a_place_stays_a_place_outside_a_list_of_organisations():
    doc = parse("We partnered with Apple, Cisco, Zorblax and Jordan.", PARTNERS)
    doc = entities(doc, [(9, 10, "GPE", "")])
    # the unlabelled names are partners, organisations (org_roles.py); the place stays
    assert run_entities(doc) == {("Apple", "ORG"), ("Cisco", "ORG"), ("Zorblax", "ORG"),
                                 ("Jordan", "PLACE")}


def test_a_technique_phrase_wins_over_the_known_name_inside_it():
    doc = parse("We use chain-of-thought monitoring.", """
        0 We         PRON  PRP  nsubj    1 O
        1 use        VERB  VBP  ROOT     1 O
        2 chain      NOUN  NN   compound 6 B-METHOD
        3 -          PUNCT HYPH punct    2 I-METHOD
        4 of         ADP   IN   prep     2 I-METHOD
        5 -          PUNCT HYPH punct    6 I-METHOD
        6 thought    NOUN  NN   compound 7 I-METHOD
        7 monitoring NOUN  NN   dobj     1 O
        8 .          PUNCT .    punct    1 O
    """)
    doc = entities(doc, [(2, 7, "METHOD", "chain-of-thought")])
    assert run_entities(doc) == {("chain-of-thought monitoring", "METHOD")}


def test_a_defined_acronym_wins_over_the_statistical_guess():
    doc = sentences("Supervised fine-tuning (SFT) helps. SFT works.")
    doc = entities(doc, [(0, 4, "METHOD", "sft"), (9, 10, "ORG", "")])
    assert run_entities(doc) == {("Supervised fine-tuning", "METHOD"), ("SFT", "METHOD")}
    assert [e.label_ for e in doc.ents] == ["METHOD"] * 3


def test_each_bulleted_item_is_a_sentence_with_its_mark(nlp):
    # guides__4o-image-generation.md: the parser ran the items together and cut a mark off
    doc = nlp("**Create images in aspect ratios of:**\n- Square 1:1 1024x1024 (default)\n- "
              "Landscape 3:2 1536x1024\n- Portrait 2:3 1024x1536")
    assert [s.text.strip() for s in doc.sents] == [
        "**Create images in aspect ratios of:**", "- Square 1:1 1024x1024 (default)",
        "- Landscape 3:2 1536x1024", "- Portrait 2:3 1024x1536"]


# -- line breaks -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, word, starts", [
    ("It uses Flux Pro.\nCohere launched Aya.", "Cohere", True),  # after a full stop
    ("A heading\n\nCohere launched Aya.", "Cohere", True),  # after a blank line
    ("It uses the Flux\nPro model today.", "Pro", False),  # hard-wrapped text
])
def test_line_breaks_set_sentence_starts(text, word, starts):
    doc = NLP.create_pipe("threadline_line_breaks")(NLP.make_doc(text))
    token = next(t for t in doc if t.text == word)
    assert bool(token.is_sent_start) is starts
    assert not any(t.is_sent_start for t in doc[1:token.i])
