"""People named by where they work, and their works, stand for it as a clause's subject
(graph/nlp/components/affiliations.py): "Researchers at X <verb> ...", "A new study from X
<verb> ..." say it of X.

The sentences are real text of the genre: the announcements of tests/data/unseen2 and
unseen3 and of training/corpus/announcements, read by the real pipeline.
"""

from __future__ import annotations

from tests.graph.test_relation_classifier import typed


def test_researchers_at_an_organisation_make_it_the_subject(nlp):
    # tests/data/unseen2/docs/v01_xai_perplexity.txt
    doc = nlp("Researchers at the University of Washington used retrieval-augmented "
              "generation to cut hallucinations by 35%.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert subject.text == "University" and subject.ent_type_ == "ORG"
    assert ("University of Washington", "USES", "retrieval-augmented generation") in \
        typed(nlp, doc.text)
    # tests/data/unseen3/docs/w02_deepseek.txt
    assert ("Tsinghua University", "HAS_METRIC", "4 benchmarks") in \
        typed(nlp, "Researchers at Tsinghua University reproduced the results on 4 benchmarks.")


def test_a_work_from_an_organisation_makes_it_the_subject(nlp):
    # tests/data/unseen3/docs/w04_stanford.txt
    found = typed(nlp, "A new study from the Stanford Institute for Human-Centered AI surveyed "
                       "2,400 software developers about coding assistants.\nRespondents who "
                       "used GitHub Copilot daily reported a 26% reduction in time spent on "
                       "boilerplate.")
    assert ("Stanford Institute for Human-Centered AI", "HAS_METRIC",
            "2,400 software developers") in found, found


def test_people_who_are_no_subject_or_at_no_organisation_change_nothing(nlp):
    # training/corpus/announcements/n06_corvid_wingspan.txt: the people are the object of "With"
    text = ("With researchers at the Georgia Institute of Technology, we are releasing "
            "CorvidBench, 1,100 multi-step office tasks with verified end states.")
    doc = nlp(text)
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["we"]
    assert nlp("Researchers at leading labs proposed new methods.")[0].dep_ == "nsubj"


def test_a_citation_stands_for_the_organisations_named_after_it(nlp):
    # session-60 probes h01, h02, h04 (guide pages of our own, annotated before anything ran
    # on them): "<Name> et al. (year) at/from <ORG>" as the agent of a making verb
    assert ("PAL", "DEVELOPED_BY", "Carnegie Mellon University") in typed(
        nlp, "PAL, proposed by Gao et al. (2022) at Carnegie Mellon University, keeps the "
             "step-by-step idea but changes the medium.")
    found = typed(nlp, "ReAct is a prompting framework that lets a language model interleave "
                       "reasoning traces with actions. It was proposed by Yao et al. (2022), a "
                       "team from Princeton University and Google Research.")
    assert {("ReAct", "DEVELOPED_BY", "Princeton University"),
            ("ReAct", "DEVELOPED_BY", "Google Research")} <= found, found
    assert ("Low-Rank Adaptation", "DEVELOPED_BY", "Microsoft") in typed(
        nlp, "Low-Rank Adaptation (LoRA), introduced by Hu et al. (2021) at Microsoft, freezes "
             "the pretrained weights and learns a pair of small low-rank matrices.")
    # a citation with no organisation after it changes nothing
    doc = nlp("PAL, proposed by Gao et al. (2022), keeps the step-by-step idea.")
    agents = {t.text for t in doc if t.dep_ == "pobj" and t.head.dep_ == "agent"}
    assert agents and agents <= {"Gao", "et", "al", "al.", "."}, agents


def test_the_makers_of_a_labelled_item_are_the_organisations_its_people_are_at(nlp):
    # session 61's probes (k04, a guide page of our own): a list of a technique's variants,
    # each under its bold name
    text = ("4. **Tree of Thoughts.** Researchers at Princeton University and Google DeepMind "
            "let the model explore and backtrack over a tree of partial solutions.\n")
    found = typed(nlp, text)
    assert {("Tree of Thoughts", "DEVELOPED_BY", "Princeton University"),
            ("Tree of Thoughts", "DEVELOPED_BY", "Google DeepMind")} <= found, found
    # a person and colleagues at an organisation (an example of our own, not a probe's)
    found = typed(nlp, "1. **Self-Refine.** Aman Madaan and colleagues at Carnegie Mellon "
                       "University showed that a model can critique its own drafts.\n")
    assert ("Self-Refine", "DEVELOPED_BY", "Carnegie Mellon University") in found, found
    # people who are no subject of the item's opening say nothing of who made it
    other = ("4. **Tree of Thoughts.** The model explores a tree of partial solutions, as "
             "researchers at Princeton University suggest.\n")
    assert not any(p == "DEVELOPED_BY" for _, p, _ in typed(nlp, other))
