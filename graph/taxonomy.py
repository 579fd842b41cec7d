"""Entity types, their display names and colours (from ``resources/taxonomy.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from graph.paths import resource

SCORED_TYPES = ("MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "METRIC")


@dataclass(frozen=True, slots=True)
class EntityType:
    code: str
    name: str
    color: str
    dark: str
    scored: bool


@cache
def entity_types() -> dict[str, EntityType]:
    """All known types in display order."""
    data = json.loads(resource("taxonomy.json").read_text(encoding="utf-8"))
    return {code: EntityType(code, t["name"], t["color"], t["dark"], t["scored"])
            for code, t in data["types"].items()}


def type_info(code: str) -> EntityType:
    """The type ``code``, or ``OTHER`` for types the taxonomy does not know."""
    types = entity_types()
    return types.get(code, types["OTHER"])


def color_of(code: str, dark: bool = False) -> str:
    info = type_info(code)
    return info.dark if dark else info.color


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate of typed edges (``graph.schema.PREDICATES``) as the window shows it."""

    code: str
    name: str  # "Developed by": headings in the details panel, the legend
    inverse: str  # "Developer of": the heading of the edge read from its target
    phrase: str  # "developed by": the edge's relation when the sentence gives no phrase
    color: str
    symmetric: bool


@cache
def predicates() -> dict[str, Predicate]:
    """All predicates in schema order."""
    data = json.loads(resource("taxonomy.json").read_text(encoding="utf-8"))
    return {code: Predicate(code, p["name"], p["inverse"], p["phrase"], p["color"], p["symmetric"])
            for code, p in data["predicates"].items()}
