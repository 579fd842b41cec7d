"""Entity classes of session 24 (issue "Entities that hold up on real text"), through the
real pipeline on real sentences.

A name in apposition to a noun for software or a machine is a project: a test harness, a
supercomputer (``apposed_product_nouns`` of resources/lexicon/entities.json, read by
graph/nlp/components/entities.py), on sentences of our announcements.

People in an organisation's slot (graph/nlp/components/org_roles.py): a founder, a name
with a middle initial, the surnames listed with a person's full name, a partner the
statistical model reads as a person, a name described as a person or cited with a year
are people, while investors named after people ("Andreessen Horowitz") stay organisations
(tests/graph/test_entity_roles.py). Our announcements and the guide's pages have no
person in such a slot: these sentences are CrossNER-AI's (MIT; ../shared/corpus/
crossner-ai, tokens joined by spaces as training/score_crossner.py reads them), from its
train and dev splits where they have the class, else from its test split (the appositive
and the cited year; named so below).
"""

from __future__ import annotations

import pytest

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text, people", [
    # a founder (dev.txt)
    ("The company was founded by Kiichiro Toyoda in 1937 , as a spinoff from Sakichi Toyoda "
     "company Toyota Industries to create automobiles .", {"Kiichiro Toyoda"}),
    # a middle initial (dev.txt)
    ("KRL is a knowledge representation language , developed by Daniel G. Bobrow and Terry "
     "Winograd while at Xerox PARC and Stanford University , respectively .",
     {"Daniel G. Bobrow", "Terry Winograd"}),
    # the names listed with a person's full name (train.txt, dev.txt)
    ("SURF was first published by Herbert Bay , Tinne Tuytelaars , and Luc Van Gool , and "
     "presented at the 2006 European Conference on Computer Vision .",
     {"Herbert Bay", "Tinne Tuytelaars", "Luc Van Gool"}),
    ("Today , however , many aspects of speech recognition have been taken over by a deep "
     "learning method called Long short-term memory ( LSTM ) , a recurrent neural network "
     "published by Sepp Hochreiter & Jürgen Schmidhuber in 1997 .",
     {"Sepp Hochreiter", "Jürgen Schmidhuber"}),
    # a partner read as a person (dev.txt)
    ("Following his PhD , Ghahramani moved to the University of Toronto in 1995 as an ITRC "
     "Postdoctoral Fellow in the Artificial Intelligence Lab , working with Geoffrey Hinton .",
     {"Geoffrey Hinton"}),
    # described as a person; cited with a year (test.txt)
    ("While studying at Stanford , Scheinman was awarded a fellowship sponsored by George "
     "Devol , the inventor of the Unimate , the first industrial robot .", {"George Devol"}),
    ("The approach of using eigenfaces for Facial recognition system was developed by "
     "Sirovich and Kirby ( 1987 ) and used by Matthew Turk and Alex Pentland in face "
     "classification .", {"Sirovich", "Kirby"}),
])
def test_a_person_in_an_organisations_slot_stays_a_person(nlp, text, people):
    found = ents(nlp, text)
    assert {(name, "PERSON") for name in people} <= found
    assert not {(name, "ORG") for name in people} & found


@pytest.mark.parametrize("text, project", [
    ("SafeProbe, the agencies' shared test harness, generated attacks with Prompt Automatic "
     "Iterative Refinement (PAIR) and graded the answers with Prometheus 2 as its judge model.",
     "SafeProbe"),
    ("Silo AI, based in Helsinki, had trained the open Poro and Viking model families together "
     "with the University of Turku on LUMI, a supercomputer powered by AMD Instinct MI250X "
     "accelerators.", "LUMI"),
])
def test_a_name_apposed_to_a_harness_or_a_supercomputer_is_a_project(nlp, text, project):
    assert (project, "PROJECT") in ents(nlp, text)
