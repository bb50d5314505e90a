"""The flashcard deck, built from the data file and the abbreviation list.

One card per framework stage (what to cover), one per abbreviation (term →
definition) and one per exercise (its key trade-off). The same deck feeds the
on-site review page and the Anki download, so neither can go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .schema import Study

_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$", re.M)


@dataclass(frozen=True)
class Card:
    id: str
    front: str
    back: str
    tags: tuple[str, ...]


def read_abbreviations(path: Path) -> list[tuple[str, str]]:
    """(term, definition) pairs from a pymdownx abbreviation snippet."""
    return [(m["term"], m["definition"]) for m in _ABBR.finditer(path.read_text(encoding="utf-8"))]


def _card_id(prefix: str, text: str) -> str:
    return prefix + "-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_deck(study: Study, abbreviations: list[tuple[str, str]]) -> list[Card]:
    cards = []
    for number, stage in enumerate(study.stages, start=1):
        cards.append(
            Card(
                id=f"stage-{stage.id}",
                front=f"Stage {number}, {stage.title} ({stage.minutes} min): what do you cover?",
                back="; ".join(item.text.rstrip(".") for item in stage.items) + ".",
                tags=("stage", stage.id),
            )
        )
    seen: set[str] = set()
    for term, definition in abbreviations:
        card_id = base = _card_id("term", term)
        suffix = 2
        while card_id in seen:  # spellings that differ only in case, e.g. nDCG and NDCG
            card_id, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(card_id)
        cards.append(Card(id=card_id, front=f"What does {term} mean?", back=definition, tags=("glossary",)))
    for ex in study.exercises:
        cards.append(
            Card(
                id=f"trade-off-{ex.id}",
                front=f"Exercise {ex.number}, {ex.title}: what is the key trade-off?",
                back=ex.key_trade_off,
                tags=("exercise", ex.id),
            )
        )
    return cards


def anki_tsv(cards: list[Card]) -> str:
    """Tab-separated text Anki imports directly (File > Import), with its header lines."""
    lines = ["#separator:tab", "#html:false", "#columns:Front\tBack\tTags", "#tags column:3"]
    for card in cards:
        fields = [card.front, card.back, " ".join(card.tags)]
        lines.append("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    return "\n".join(lines) + "\n"


_deck_cache: dict[tuple, list[Card]] = {}


def deck_for(study: Study, abbreviations_path: Path) -> list[Card]:
    """``build_deck`` once per data and abbreviation-file version (the hook and the macro share it)."""
    stat = abbreviations_path.stat()
    key = (id(study), str(abbreviations_path), stat.st_mtime_ns, stat.st_size)
    if key not in _deck_cache:
        _deck_cache.clear()
        _deck_cache[key] = build_deck(study, read_abbreviations(abbreviations_path))
    return _deck_cache[key]
