"""How names are compared: one place for the articles, initials and acronyms rules.

Resolution (merging mentions), the spaCy acronym component and evaluation all ask the
same questions of a name; they ask them here so the answers cannot drift apart.
"""

from __future__ import annotations

import re

# Words an acronym may skip ("Department *of* Energy" -> DOE).
LINK_WORDS = frozenset({"of", "for", "from", "and", "the", "to", "in", "on", "with", "a"})
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
# In a label only "the" goes: "A" may start a name ("A* search"), and the case varies.
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_WORD_BREAK = re.compile(r"[\s\-\u2011]+")
# A release number after a product's name: "PyTorch 2.2", "CUDA 12.1", "vLLM v0.6"
_RELEASE_AFTER = re.compile(r"^(.*?\S)[ \t]+v?\d+\.\d+(?:\.\d+)*$|^(.*?\S)[ \t]+v\d+$")


def strip_article(text: str, label: bool = False) -> str:
    """``text`` without a leading article ("the model" -> "model").

    For comparing (the default) ``text`` is lower-case and "the", "a" and "an" go; for a
    ``label`` only "the", "The" or "THE" goes and the rest keeps its case.
    """
    return (_LEADING_THE if label else _LEADING_ARTICLE).sub("", text)


def release_base(text: str) -> str:
    """A tool's or library's name without the release number written after it ("CUDA 12.1"
    -> "CUDA", "vLLM v0.6" -> "vLLM"): a release of a product is that product, so
    resolution makes one node of it, with the numbered forms as aliases."""
    match = _RELEASE_AFTER.match(text.strip())
    return (match.group(1) or match.group(2)) if match else text


def initials(text: str, skip: str = "") -> str:
    """Upper-case first letters of the words of ``text`` (hyphens split words).

    ``skip="link"`` leaves out link words ("of", "and", ...); ``skip="lower-link"`` only
    lower-case ones, since a name that capitalises "Of" may show it in its acronym.
    """
    words = [w for w in _WORD_BREAK.split(text) if w]
    if skip == "link":
        words = [w for w in words if w.lower() not in LINK_WORDS]
    elif skip == "lower-link":
        words = [w for w in words if w.lower() not in LINK_WORDS or w[0].isupper()]
    return "".join(w[0] for w in words).upper()


def spells_acronym(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is made of the initials of ``name``, link words optional, of
    the beginnings of its words: "RoPE" (rotary position embeddings), "RPO"
    (Reward-aware Preference Optimization: a lower-case part after a hyphen is optional),
    or of the capitals the name marks it with: "FLARE" (Forward-Looking Active REtrieval
    augmented generation)."""
    return acronym.upper() in {initials(name, skip) for skip in ("", "link", "lower-link")} \
        or _spells_by_beginnings(_PIECE.findall(acronym), _word_parts(name, acronym.isupper())) \
        or _spells_by_capitals(acronym, name)


def _spells_by_capitals(acronym: str, name: str) -> bool:
    """The capitals of a name of two words or more, in order, are the acronym's letters."""
    return len(acronym) >= 3 and len(name.split()) >= 2 and acronym.isupper() \
        and "".join(c for c in name if c.isupper()) == acronym


def names_a_title(acronym: str, title: str) -> bool:
    """Whether a paper's acronym may name the title after its colon though it does not
    spell it: it begins with the first initial, ends with the last, and holds the others
    in order ("KAUCUS: Knowledge Augmented User Simulators"). Spelling names it too."""
    if spells_acronym(acronym, title):
        return True
    letters, first = acronym.upper().replace("-", ""), initials(title, "link")
    if len(first) < 2 or len(letters) < 3 or not acronym.replace("-", "").isupper() \
            or letters[0] != first[0] or letters[-1] != first[-1]:
        return False
    rest = iter(letters[1:-1])
    return all(c in rest for c in first[1:-1])


_PIECE = re.compile(r"[A-Z0-9][a-z]*")


def _word_parts(name: str, capitals: bool = True) -> list[tuple[str, bool]]:
    """The words of ``name`` and their hyphen-joined parts, each with whether an acronym
    may leave it out (a link word, a lower-case part after a hyphen: "Reward-*aware*"; any
    part after a hyphen for an acronym of beginnings, not ``capitals`` alone: "QuRA" of
    "Quantization-*Aware* Rank Allocation", where "PPT" is no "Parameter-Efficient Prompt
    Tuning")."""
    parts = []
    for word in name.split():
        for i, part in enumerate(p for p in re.split(r"[-\u2011]", word) if p):
            parts.append((part, part.lower() in LINK_WORDS or (i > 0 and (
                part.islower() or not capitals and part.isalpha()))))
    return parts


def _spells_by_beginnings(pieces: list[str], parts: list[tuple[str, bool]]) -> bool:
    """Whether each piece of an acronym begins the next part of the name, in order, every
    part that may not be left out taken ("Ro"+"P"+"E": rotary position embeddings), or
    its first letters do and the rest begin the parts after ("C"+"o" of "Co", "Ve":
    chain of verification)."""
    if not pieces:
        return not any(not optional for _, optional in parts)
    if not parts:
        return False
    (part, optional), rest = parts[0], parts[1:]
    piece = pieces[0]
    for k in range(len(piece), 0, -1):  # the piece's last letters may begin the next parts
        left = [piece[k:]] if k < len(piece) else []  # ("Co"+"Ve": chain of verification)
        if part.lower().startswith(piece[:k].lower()) and \
                _spells_by_beginnings(left + pieces[1:], rest):
            return True
    return optional and _spells_by_beginnings(pieces, rest)
