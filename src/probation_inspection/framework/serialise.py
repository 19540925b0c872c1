"""A framework as plain JSON-ready data (dicts, lists, text, numbers), for exports and the CLI.

Owns the JSON shape of a framework; the YAML file format is `loader`'s.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.framework.model import (
    Framework,
    KeyQuestion,
    Prompt,
    Questionnaire,
    RatingBand,
    Reason,
    Relevance,
    SampleTypeDefinition,
    Standard,
)


def _relevance(relevance: Relevance | None) -> str | None:
    return None if relevance is None else relevance.source


def _reasons(reasons: tuple[Reason, ...]) -> list[dict[str, str]]:
    return [{"id": reason.id, "text": reason.text} for reason in reasons]


def _prompt(prompt: Prompt) -> dict[str, Any]:
    return {"id": prompt.id, "text": prompt.text, "relevance": _relevance(prompt.relevance),
            "reasons": _reasons(prompt.reasons)}


def _key_question(key_question: KeyQuestion) -> dict[str, Any]:
    return {
        "id": key_question.id,
        "text": key_question.text,
        "relevance": _relevance(key_question.relevance),
        "relevance_note": key_question.relevance_note or None,
        "reasons": _reasons(key_question.reasons),
        "prompts": [_prompt(prompt) for prompt in key_question.prompts],
    }


def _standard(standard: Standard) -> dict[str, Any]:
    return {
        "id": standard.id,
        "title": standard.title,
        "statement": standard.statement,
        "rating_method": standard.rating_method.value,
        "sample_type": standard.sample_type,
        "key_questions": [_key_question(kq) for kq in standard.key_questions],
        "scored": standard.scored,
        "minimum_relevant_cases_to_rate": standard.minimum_relevant_cases_to_rate,
        "limits": [
            {key: value for key, value in (
                ("at_most", limit.at_most), ("standard", limit.standard), ("below", limit.below),
                ("key_question", limit.key_question), ("below_percent", limit.below_percent),
                ("note", limit.note or None)) if value is not None}
            for limit in standard.limits
        ],
    }


def _bands(bands: tuple[RatingBand, ...]) -> list[dict[str, Any]]:
    return [{"label": b.label, "minimum": b.minimum, "maximum": b.maximum} for b in bands]


def _questionnaire(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "id": questionnaire.id,
        "title": questionnaire.title,
        "interviewees": questionnaire.interviewees,
        "description": questionnaire.description,
        "questions": [
            {"id": q.id, "topic": q.topic, "text": q.text, "standard": q.standard or None,
             "answers": [{"id": a.id, "text": a.text, "counts_as": a.counts_as.value}
                         for a in q.answers]}
            for q in questionnaire.questions
        ],
    }


def _sample_type(definition: SampleTypeDefinition) -> dict[str, Any]:
    """As the file writes it: windows as times before fieldwork, filters with their values."""
    window = definition.eligibility
    eligibility: dict[str, Any] = {"date": window.date_field}
    if window.earliest is not None:
        eligibility["from"] = str(window.earliest)
    eligibility["to"] = str(window.latest)
    if window.filters:
        eligibility["where"] = [
            {"field": f.field, "in": list(f.values),
             "blank": "eligible" if f.blank_eligible else "not eligible"}
            for f in window.filters
        ]
    return {"id": definition.id, "label": definition.label,
            "description": definition.description, "fields": list(definition.fields),
            "eligibility": eligibility, "strata": list(definition.strata)}


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """Everything in the framework, with relevance rules as their source text."""
    rating = framework.rating
    return {
        "id": framework.id,
        "version": framework.version,
        "title": framework.title,
        "description": framework.description,
        "rated": framework.rated,
        "attributes": [
            {"name": a.name, "type": a.type.value, "label": a.label, "values": list(a.values),
             "description": a.description,
             **({} if a.minimum is None else {"min": str(a.minimum)}),
             **({} if a.maximum is None else {"max": str(a.maximum)})}
            for a in framework.attributes
        ],
        "domains": [
            {"id": d.id, "title": d.title, "standards": [_standard(s) for s in d.standards]}
            for d in framework.domains
        ],
        "rating": None if rating is None else {
            "labels": list(rating.labels),
            "percentage_bands": _bands(rating.percentage_bands),
            "scores": dict(rating.scores),
            "overall_bands": _bands(rating.overall_bands),
            **({} if rating.minimum_relevant_cases is None
               else {"minimum_relevant_cases": rating.minimum_relevant_cases}),
            **({} if rating.minimum_relevant_cases_to_rate is None
               else {"minimum_relevant_cases_to_rate": rating.minimum_relevant_cases_to_rate}),
            "overall": {"when_not_rated": rating.when_not_rated.value},
        },
        "max_score": framework.maximum_score,
        "breakdowns": [{"attribute": b.attribute, "label": b.label} for b in framework.breakdowns],
        "glossary": [{"term": g.term, "definition": g.definition} for g in framework.glossary],
        "questionnaires": [_questionnaire(q) for q in framework.questionnaires],
        "sample_types": [_sample_type(d) for d in framework.sample_types],
    }
