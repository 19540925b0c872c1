"""Citing evidence items: the one check behind every reasoned judgement that rests on them.

An inspection's judgements cite its recorded evidence by id (M1, D2, P3, F-..., I-...): a key
question's answer (`judgement.answer_key_question`) and a judgement standard's rating
(`scoring.decisions.record_judgement`). Both tidy the ids the same way and refuse the same
faults; each raises its own error, with its own stable code, through ``refuse``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from enum import Enum


class CitationFault(Enum):
    """What is wrong with a judgement's citations."""

    #: No evidence item cited.
    NONE_CITED = "none cited"
    #: An item cited that the inspection has not recorded.
    UNKNOWN = "unknown"


def cited_evidence(
    evidence: Iterable[str], known_evidence: Collection[str] | None, *, where: str,
    refuse: Callable[[str, CitationFault], Exception],
    none_cited: str = "a judgement must cite at least one evidence item",
) -> tuple[str, ...]:
    """The cited ids, stripped, blanks dropped and each once in order of first citation.

    Raises ``refuse(message, fault)`` when none is cited, or (given ``known_evidence``, the
    ids the inspection has recorded) when one is not recorded; the message starts with
    ``where`` (e.g. "key question 1.1.1") and, for no citation, says ``none_cited``.
    """
    cited = tuple(dict.fromkeys(item.strip() for item in evidence if item.strip()))
    if not cited:
        raise refuse(f"{where}: {none_cited}", CitationFault.NONE_CITED)
    if known_evidence is not None:
        unknown = [item for item in cited if item not in known_evidence]
        if unknown:
            raise refuse(f"{where}: no evidence item {', '.join(unknown)} in this inspection",
                         CitationFault.UNKNOWN)
    return cited
