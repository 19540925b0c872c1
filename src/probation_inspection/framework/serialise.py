"""A framework as plain data: the JSON shape for exports and the CLI, and the file's own shape.

Owns the JSON shape of a framework and writing a framework back in the file format `loader`
reads (`framework_to_document`, `framework_to_yaml`), so an export loads as the same framework.
"""

from __future__ import annotations

from typing import Any

import yaml

from probation_inspection.framework.model import (
    ContextualMeasure,
    Framework,
    InterviewQuestion,
    KeyQuestion,
    Prompt,
    Questionnaire,
    RatingBand,
    RatingMethod,
    RatingScheme,
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
            "reasons": _reasons(prompt.reasons), "notes": prompt.notes or None}


def _key_question(key_question: KeyQuestion) -> dict[str, Any]:
    return {
        "id": key_question.id,
        "text": key_question.text,
        "relevance": _relevance(key_question.relevance),
        "relevance_note": key_question.relevance_note or None,
        "reasons": _reasons(key_question.reasons),
        "prompts": [_prompt(prompt) for prompt in key_question.prompts],
        "notes": key_question.notes or None,
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
        "notes": standard.notes or None,
    }


def _bands(bands: tuple[RatingBand, ...]) -> list[dict[str, Any]]:
    return [{"label": b.label, "minimum": b.minimum, "maximum": b.maximum} for b in bands]


def _interview_extras(question: InterviewQuestion) -> dict[str, Any]:
    """The optional per-case flag, report phrases and national figure, when given."""
    extras: dict[str, Any] = {"per_case": question.per_case or None, "says": question.says,
                              "says_no": question.says_no,
                              "national_percent": question.national_percent,
                              "national_source": question.national_source,
                              "notes": question.notes}
    return {key: value for key, value in extras.items() if value not in (None, "")}


def _terms(framework: Framework) -> dict[str, str]:
    """The framework's words; the publisher only when the file names one."""
    terms = {"person": framework.terms.person, "people": framework.terms.people}
    if framework.terms.publisher:
        terms["publisher"] = framework.terms.publisher
    return terms


def _questionnaire(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "id": questionnaire.id,
        "title": questionnaire.title,
        "interviewees": questionnaire.interviewees,
        "description": questionnaire.description,
        "questions": [
            {"id": q.id, "topic": q.topic, "text": q.text, "standard": q.standard or None,
             **_interview_extras(q),
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
            "eligibility": eligibility, "strata": list(definition.strata),
            "published_as": definition.published_as or None,
            "notes": definition.notes or None}


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """Everything in the framework, with relevance rules as their source text."""
    rating = framework.rating
    return {
        "id": framework.id,
        "version": framework.version,
        "title": framework.title,
        "description": framework.description,
        "notes": framework.notes or None,
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
        "terms": _terms(framework),
        "presentation": [{"number": q.number, "text": q.text, "standard": q.standard}
                         for q in framework.presentation],
        "methodology": None if framework.methodology is None else framework.methodology.source,
        "contextual_measures": [_document_measure(m) for m in framework.contextual_measures],
    }


def _document_measure(measure: ContextualMeasure) -> dict[str, Any]:
    return _present(key=measure.key, name=measure.name, unit=measure.unit.value,
                    target=None if measure.target is None else str(measure.target),
                    source=measure.source, notes=measure.notes)


# --- the file format: what `loader` reads ----------------------------------------------------


def _present(**fields: Any) -> dict[str, Any]:
    """The fields that are set: a file leaves out what it does not say."""
    return {key: value for key, value in fields.items()
            if value is not None and value != "" and value != [] and value != {}}


def _document_reasons(reasons: tuple[Reason, ...]) -> list[dict[str, str]]:
    return [{"id": reason.id, "text": reason.text} for reason in reasons]


def _document_key_question(key_question: KeyQuestion) -> dict[str, Any]:
    return _present(
        id=key_question.id, text=key_question.text,
        relevance=_relevance(key_question.relevance),
        relevance_note=key_question.relevance_note,
        reasons=_document_reasons(key_question.reasons),
        prompts=[_present(id=p.id, text=p.text, relevance=_relevance(p.relevance),
                          reasons=_document_reasons(p.reasons), notes=p.notes)
                 for p in key_question.prompts],
        notes=key_question.notes,
    )


def _document_standard(standard: Standard, rated: bool) -> dict[str, Any]:
    method = standard.rating_method
    return _present(
        id=standard.id, title=standard.title, statement=standard.statement,
        # An unrated framework's standards say nothing of rating: it is what they default to.
        rating_method=method.value if rated or method is not RatingMethod.UNRATED else None,
        sample_type=standard.sample_type,
        scored=None if standard.scored else False,
        minimum_relevant_cases_to_rate=standard.minimum_relevant_cases_to_rate,
        limits=[_present(at_most=limit.at_most, standard=limit.standard, below=limit.below,
                         key_question=limit.key_question, below_percent=limit.below_percent,
                         note=limit.note)
                for limit in standard.limits],
        notes=standard.notes,
        key_questions=[_document_key_question(kq) for kq in standard.key_questions],
    )


def _document_sample_type(definition: SampleTypeDefinition) -> dict[str, Any]:
    window = definition.eligibility
    eligibility = _present(
        date=window.date_field,
        **{"from": None if window.earliest is None else str(window.earliest)},
        to=str(window.latest),
        where=[{"field": f.field, "in": list(f.values),
                "blank": "eligible" if f.blank_eligible else "not eligible"}
               for f in window.filters],
    )
    return _present(id=definition.id, label=definition.label,
                    description=definition.description, fields=list(definition.fields),
                    eligibility=eligibility, strata=list(definition.strata),
                    published_as=definition.published_as, notes=definition.notes)


def _document_rating(rating: RatingScheme) -> dict[str, Any]:
    return _present(
        labels=list(rating.labels),
        percentage_bands=_bands(rating.percentage_bands),
        scores=dict(rating.scores),
        overall_bands=_bands(rating.overall_bands),
        minimum_relevant_cases=rating.minimum_relevant_cases,
        minimum_relevant_cases_to_rate=rating.minimum_relevant_cases_to_rate,
        overall={"when_not_rated": rating.when_not_rated.value},
    )


def framework_to_document(framework: Framework) -> dict[str, Any]:
    """The framework in the file format (`loader`'s fields), everything it holds: loading the
    document (as YAML, or as a workbook's sheets) gives back an equal framework."""
    rated = framework.rating is not None
    return _present(
        id=framework.id,
        version=framework.version,
        title=framework.title,
        description=framework.description,
        notes=framework.notes,
        terms=_terms(framework),
        attributes=[
            _present(name=a.name, type=a.type.value, label=a.label, values=list(a.values),
                     description=a.description,
                     min=None if a.minimum is None else str(a.minimum),
                     max=None if a.maximum is None else str(a.maximum))
            for a in framework.attributes
        ],
        sample_types=[_document_sample_type(d) for d in framework.sample_types],
        rating=None if framework.rating is None else _document_rating(framework.rating),
        domains=[{"id": d.id, "title": d.title,
                  "standards": [_document_standard(s, rated) for s in d.standards]}
                 for d in framework.domains],
        breakdowns=[{"attribute": b.attribute, "label": b.label} for b in framework.breakdowns],
        glossary=[{"term": g.term, "definition": g.definition} for g in framework.glossary],
        questionnaires=[
            _present(id=q.id, title=q.title, interviewees=q.interviewees,
                     description=q.description,
                     questions=[_present(id=iq.id, topic=iq.topic, text=iq.text,
                                         standard=iq.standard, **_interview_extras(iq),
                                         answers=[{"id": a.id, "text": a.text,
                                                   "counts_as": a.counts_as.value}
                                                  for a in iq.answers])
                                for iq in q.questions])
            for q in framework.questionnaires
        ],
        presentation=None if not framework.presentation else {
            "questions": [_present(text=q.text, standard=q.standard)
                          for q in framework.presentation]},
        methodology=None if framework.methodology is None else framework.methodology.source,
        contextual_measures=[_document_measure(m) for m in framework.contextual_measures],
    )


class _Dumper(yaml.SafeDumper):
    """Block style for text over several lines (the methodology template, long statements)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def framework_to_yaml(framework: Framework) -> str:
    """The framework as a framework file's YAML text, which loads as an equal framework."""
    header = (f"# {framework.id} {framework.version}: {framework.title}\n"
              "# Exported by `probation-inspection frameworks export`.\n")
    return header + yaml.dump(framework_to_document(framework), Dumper=_Dumper,
                              sort_keys=False, allow_unicode=True, width=100)
