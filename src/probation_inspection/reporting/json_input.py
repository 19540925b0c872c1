"""The inspection-input file: an `Inspection` as JSON and back, with errors that name the place.

Owns the file layout (format ``probation-inspection/inspection-input``, version 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from probation_inspection.analytics.comparable import ComparableInspection
from probation_inspection.evidence.context import PrintedFact
from probation_inspection.evidence.judgement import KeyQuestionAnswer
from probation_inspection.framework import FrameworkError, load_framework, load_framework_file
from probation_inspection.framework.attributes import AttributeValueError, decimal_value
from probation_inspection.framework.library import UnknownFramework
from probation_inspection.framework.model import AttributeType, Framework
from probation_inspection.reporting.inputs import (
    CaseSample,
    DomainNarrative,
    EvidenceCounts,
    Inspection,
    Moderation,
    Narrative,
    PracticeExample,
    PracticeKind,
    QuestionAgreement,
    RatingDecisions,
    ReportingError,
    SampleFacts,
    Team,
)
from probation_inspection.reporting.records import Recommendation, StandardPoints
from probation_inspection.reporting.wording import framings_text, read_framings
from probation_inspection.sampling.fields import Field
from probation_inspection.scoring import (
    Answer,
    CaseAssessment,
    Discretion,
    DiscretionReason,
    Judgement,
)
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.untrusted import shown

FORMAT = "probation-inspection/inspection-input"
VERSION = 1
T = TypeVar("T")


def inspection_to_json(inspection: Inspection) -> dict[str, object]:
    """The inspection as JSON-ready data that `inspection_from_json` reads back unchanged."""
    narrative = inspection.narrative
    team = inspection.team
    return {
        "format": FORMAT,
        "version": VERSION,
        "provider": inspection.provider,
        "title": inspection.title,
        "fieldwork_start": inspection.fieldwork_start.isoformat(),
        "publication": inspection.publication,
        "team": {"lead_inspector": team.lead_inspector, "programme_manager": team.programme_manager,
                 "chief_inspector": team.chief_inspector, "inspectors": list(team.inspectors)},
        "framework": _framework_reference(inspection.framework),
        "samples": [
            {
                "sample_type": s.facts.sample_type, "size": s.facts.size,
                "eligible": s.facts.eligible, "confidence": s.facts.confidence,
                "margin": s.facts.margin, "strata": [f.value for f in s.facts.strata],
                "delivery_units": list(s.facts.delivery_units), "unit_name": s.facts.unit_name,
                "assessments": [
                    {"case_id": c.case_id,
                     "answers": {q: Answer(a).value for q, a in c.answers.items()},
                     "attributes": None if c.attributes is None else {
                         # A decimal attribute is written as its digits, read back exactly.
                         k: str(v) if isinstance(v, Decimal) else v
                         for k, v in c.attributes.items()}}
                    for c in s.assessments
                ],
            }
            for s in inspection.samples
        ],
        "decisions": {
            "judgements": {k: {"rating": j.rating, "rationale": j.rationale}
                           for k, j in inspection.decisions.judgements.items()},
            "discretions": {k: {"from": d.from_rating, "to": d.to_rating,
                                "rationale": d.rationale,
                                "reason": d.reason.value if d.reason else None,
                                "figure": d.figure}
                            for k, d in inspection.decisions.discretions.items()},
        },
        "narrative": {
            "foreword": narrative.foreword, "overall_findings": narrative.overall_findings,
            "recommendations": narrative.recommendations, "background": narrative.background,
            "operating_model": narrative.operating_model,
            "domains": {k: {"summary": d.summary, "strengths": list(d.strengths),
                            "areas_for_improvement": list(d.areas_for_improvement)}
                        for k, d in narrative.domains.items()},
            "standards": dict(narrative.standards),
            "framings": framings_text(narrative.framings),
            "points": {k: {"strengths": list(v.strengths),
                           "areas_for_improvement": list(v.areas_for_improvement)}
                       for k, v in narrative.points.items()},
        },
        "contextual_facts": [
            {"figure": f.figure, "measure": f.measure, "source": f.source,
             "national_figure": f.national_figure, "target": f.target}
            for f in inspection.contextual_facts
        ],
        "evidence": None if inspection.evidence is None else {
            "officers_interviewed": inspection.evidence.officers_interviewed,
            "meetings": inspection.evidence.meetings,
            "interview_findings": list(inspection.evidence.interview_findings),
        },
        "moderation": None if inspection.moderation is None else {
            "cases_moderated": inspection.moderation.cases_moderated,
            "agreement": [{"question_id": a.question_id, "compared": a.compared,
                           "agreed": a.agreed} for a in inspection.moderation.agreement],
        },
        "practice_examples": [
            {"standard_id": p.standard_id, "kind": p.kind.value, "text": p.text}
            for p in inspection.practice_examples
        ],
        "other_inspections": [
            {"provider": o.provider, "label": o.label, "published": o.published,
             "overall": o.overall, "standards": dict(o.standards),
             "key_questions": dict(o.key_questions), "relevant_cases": dict(o.relevant_cases),
             "yes_cases": dict(o.yes_cases), "source": o.source,
             "recommendations": [list(r) for r in o.recommendations]}
            for o in inspection.other_inspections
        ],
        "notice": inspection.notice,
        "recommendation_list": [{"addressee": r.addressee, "text": r.text}
                                for r in inspection.recommendation_list],
        "key_question_answers": [
            {"key_question_id": a.key_question_id, "standard_id": a.standard_id,
             "judgement": a.judgement, "evidence": list(a.evidence)}
            for a in inspection.key_question_answers
        ],
    }


def _framework_reference(framework: Framework) -> dict[str, str]:
    """The framework's id and version; for a framework that is not shipped, also the file it
    was loaded from, so the input reads back without being told where the framework is."""
    reference = {"id": framework.id, "version": framework.version}
    try:
        shipped = load_framework(framework.id, framework.version) == framework
    except UnknownFramework:
        shipped = False
    if not shipped and framework.source:
        reference["file"] = framework.source
    return reference


class _Reader:
    """Reads one JSON value, naming its place ("file: samples[0].size") in every error."""

    def __init__(self, value: object, where: str) -> None:
        self.value = value
        self.where = where

    def fail(self, message: str) -> ReportingError:
        return ReportingError(f"{self.where}: {message}")

    def object(self) -> Mapping[str, object]:
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, got {type(self.value).__name__}")
        return self.value

    def get(self, name: str, *, optional: bool = False) -> _Reader:
        data = self.object()
        if name not in data and not optional:
            raise self.fail(f"missing {name!r}")
        return _Reader(data.get(name), f"{self.where}.{name}")

    def is_null(self) -> bool:
        return self.value is None

    def text(self, default: str | None = None) -> str:
        if self.value is None and default is not None:
            return default
        if not isinstance(self.value, str):
            raise self.fail(f"expected text, got {shown(self.value)}")
        return self.value

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(f"expected a whole number, got {shown(self.value)}")
        return self.value

    def number(self, default: float) -> float:
        if self.value is None:
            return default
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise self.fail(f"expected a number, got {shown(self.value)}")
        return float(self.value)

    def items(self) -> list[_Reader]:
        if self.value is None:
            return []
        if not isinstance(self.value, list):
            raise self.fail(f"expected a list, got {type(self.value).__name__}")
        return [_Reader(item, f"{self.where}[{i}]") for i, item in enumerate(self.value)]

    def entries(self) -> list[tuple[str, _Reader]]:
        if self.value is None:
            return []
        return [(key, _Reader(item, f"{self.where}[{key!r}]"))
                for key, item in self.object().items()]

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.items())

    def convert(self, make: Callable[[str], T], what: str) -> T:
        try:
            return make(self.text())
        except ValueError:
            raise self.fail(f"{self.value!r} is not a known {what}") from None


def _framework(item: _Reader, given: Framework | None, base: Path | None) -> Framework:
    """The framework the input names (``framework``: id, version and, for one that is not
    shipped, its ``file``), or ``given`` (the caller's ``--framework``), which must agree."""
    framework_id = item.get("id").text()
    version = item.get("version", optional=True).optional_text()
    file = item.get("file", optional=True).optional_text()
    if given is not None:
        if given.id != framework_id or (version is not None and given.version != version):
            raise item.fail(f"the input was made under framework {framework_id} "
                            f"{version or '(any version)'}, not {given.id} {given.version}")
        return given
    try:
        if file is None:
            return load_framework(framework_id, version)
        path = Path(file)
        framework = load_framework_file(path if path.is_absolute() or base is None
                                        else base / path)
    except UnknownFramework as error:
        raise item.fail(f"{error}; for a framework that is not shipped, give its file "
                        "(--framework FILE, or 'file' here)") from None
    except FrameworkError as error:
        raise item.get("file").fail(str(error)) from None
    if (framework.id, version or framework.version) != (framework_id, framework.version):
        raise item.get("file").fail(f"the file holds framework {framework.id} "
                                    f"{framework.version}, not {framework_id} {version}")
    return framework


def inspection_from_json(data: object, where: str = "inspection", *,
                         framework: Framework | None = None, base: Path | None = None
                         ) -> Inspection:
    """An inspection from the input file's data; bad data raises `ReportingError` naming where.

    The framework is the one the data names, found among the shipped frameworks or in its
    ``file`` (relative to ``base``); or ``framework``, given by the caller, which must be the
    one the data names.
    """
    root = _Reader(data, where)
    if root.get("format").text() != FORMAT:
        raise root.fail(f"not an inspection-input file (format must be {FORMAT!r})")
    if root.get("version").integer() != VERSION:
        raise root.fail(f"unsupported version (this program reads version {VERSION})")
    framework = _framework(root.get("framework"), framework, base)
    try:
        fieldwork = dt.date.fromisoformat(root.get("fieldwork_start").text())
    except ValueError:
        raise root.get("fieldwork_start").fail("expected a date as YYYY-MM-DD") from None
    team = root.get("team")
    return Inspection(
        provider=root.get("provider").text(),
        title=root.get("title").text(),
        fieldwork_start=fieldwork,
        publication=root.get("publication").text(),
        team=Team(
            lead_inspector=team.get("lead_inspector").text(),
            programme_manager=team.get("programme_manager").text(),
            chief_inspector=team.get("chief_inspector").text(),
            inspectors=team.get("inspectors", optional=True).texts(),
        ),
        framework=framework,
        samples=tuple(_sample(item, framework) for item in root.get("samples").items()),
        decisions=_decisions(root.get("decisions", optional=True)),
        narrative=_narrative(root.get("narrative", optional=True)),
        contextual_facts=tuple(
            PrintedFact(
                figure=f.get("figure").text(), measure=f.get("measure").text(),
                source=f.get("source").text(),
                national_figure=f.get("national_figure", optional=True).optional_text(),
                target=f.get("target", optional=True).optional_text(),
            )
            for f in root.get("contextual_facts", optional=True).items()
        ),
        evidence=_evidence(root.get("evidence", optional=True)),
        moderation=_moderation(root.get("moderation", optional=True)),
        practice_examples=tuple(
            PracticeExample(
                standard_id=p.get("standard_id").text(),
                kind=p.get("kind").convert(PracticeKind, "practice kind (good, poor)"),
                text=p.get("text").text(),
            )
            for p in root.get("practice_examples", optional=True).items()
        ),
        other_inspections=tuple(
            ComparableInspection(
                provider=o.get("provider").text(),
                label=o.get("label").text(),
                published=o.get("published", optional=True).optional_text(),
                overall=o.get("overall", optional=True).optional_text(),
                standards={k: v.text() for k, v in o.get("standards", optional=True).entries()},
                key_questions={k: v.integer()
                               for k, v in o.get("key_questions", optional=True).entries()},
                relevant_cases={k: v.integer()
                                for k, v in o.get("relevant_cases", optional=True).entries()},
                yes_cases={k: v.integer()
                           for k, v in o.get("yes_cases", optional=True).entries()},
                source=o.get("source", optional=True).text(default="published"),
                recommendations=tuple(_pair(r) for r in
                                      o.get("recommendations", optional=True).items()),
            )
            for o in root.get("other_inspections", optional=True).items()
        ),
        notice=root.get("notice", optional=True).text(default=""),
        recommendation_list=tuple(
            Recommendation(addressee=r.get("addressee").text(), text=r.get("text").text())
            for r in root.get("recommendation_list", optional=True).items()
        ),
        key_question_answers=tuple(
            KeyQuestionAnswer(key_question_id=a.get("key_question_id").text(),
                              standard_id=a.get("standard_id").text(),
                              judgement=a.get("judgement").text(),
                              evidence=a.get("evidence").texts())
            for a in root.get("key_question_answers", optional=True).items()
        ),
    )


def _pair(item: _Reader) -> tuple[str, str]:
    """A recommendation of a compared inspection: [addressee, text]."""
    values = item.texts()
    if len(values) != 2:
        raise item.fail("expected [addressee, text]")
    return values[0], values[1]


def _sample_type(item: _Reader, framework: Framework) -> str:
    """One of the framework's own sample types, by id."""
    declared = [definition.id for definition in framework.sample_types]
    value = item.text()
    if value not in declared:
        raise item.fail(f"{value!r} is not a known sample type of {framework.id} "
                        f"(declared: {', '.join(declared) or 'none'})")
    return value


def _sample(item: _Reader, framework: Framework) -> CaseSample:
    facts = SampleFacts(
        sample_type=_sample_type(item.get("sample_type"), framework),
        size=item.get("size").integer(),
        eligible=None if item.get("eligible", optional=True).is_null()
        else item.get("eligible").integer(),
        confidence=item.get("confidence", optional=True).number(0.8),
        margin=item.get("margin", optional=True).number(5.0),
        strata=tuple(s.convert(Field, "case-list field") for s in
                     item.get("strata", optional=True).items()),
        delivery_units=item.get("delivery_units", optional=True).texts(),
        unit_name=item.get("unit_name", optional=True).text(default="local delivery unit"),
    )
    assessments = []
    decimals = {a.name: a for a in framework.attributes if a.type is AttributeType.DECIMAL}
    for case in item.get("assessments").items():
        attributes = case.get("attributes", optional=True)
        values: dict[str, object] | None = None
        if not attributes.is_null():
            values = {}
            for name, value in attributes.entries():
                if name in decimals and not isinstance(value.value, bool) \
                        and isinstance(value.value, str | int | float):
                    try:
                        values[name] = decimal_value(decimals[name], str(value.value))
                    except AttributeValueError as error:
                        raise value.fail(str(error)) from None
                    continue
                if not isinstance(value.value, str | int | bool):
                    raise value.fail(f"expected text, a whole number or true/false, got "
                                     f"{value.value!r}")
                values[name] = value.value
        assessments.append(CaseAssessment(
            case_id=case.get("case_id").text(),
            answers={q: a.convert(Answer, "answer (yes, no, not-applicable, not-relevant)")
                     for q, a in case.get("answers").entries()},
            attributes=values,
        ))
    return CaseSample(facts, tuple(assessments))


def _discretion_reason(item: _Reader) -> DiscretionReason | None:
    """A discretion's optional reason (small-sample, band-edge, other); older files have none."""
    value = item.optional_text()
    if value is None:
        return None
    try:
        return DiscretionReason(value)
    except ValueError:
        allowed = ", ".join(reason.value for reason in DiscretionReason)
        raise item.fail(f"unknown discretion reason {value!r} (expected {allowed})") from None


def _decisions(item: _Reader) -> RatingDecisions:
    if item.is_null():
        return RatingDecisions()
    try:
        judgements = {k: Judgement(v.get("rating").text(), v.get("rationale").text())
                      for k, v in item.get("judgements", optional=True).entries()}
        discretions = {k: Discretion(v.get("from").text(), v.get("to").text(),
                                     v.get("rationale").text(),
                                     reason=_discretion_reason(v.get("reason", optional=True)),
                                     figure=v.get("figure", optional=True).text(""))
                       for k, v in item.get("discretions", optional=True).entries()}
    except ScoringError as error:
        raise item.fail(str(error)) from None
    return RatingDecisions(judgements, discretions)


def _narrative(item: _Reader) -> Narrative:
    if item.is_null():
        return Narrative()

    def text(name: str) -> str:
        return item.get(name, optional=True).text(default="")

    return Narrative(
        foreword=text("foreword"), overall_findings=text("overall_findings"),
        recommendations=text("recommendations"), background=text("background"),
        operating_model=text("operating_model"),
        domains={k: DomainNarrative(
            summary=v.get("summary", optional=True).text(default=""),
            strengths=v.get("strengths", optional=True).texts(),
            areas_for_improvement=v.get("areas_for_improvement", optional=True).texts(),
        ) for k, v in item.get("domains", optional=True).entries()},
        standards={k: v.text() for k, v in item.get("standards", optional=True).entries()},
        framings=read_framings(text("framings")),
        points={k: StandardPoints(
            strengths=v.get("strengths", optional=True).texts(),
            areas_for_improvement=v.get("areas_for_improvement", optional=True).texts(),
        ) for k, v in item.get("points", optional=True).entries()},
    )


def _evidence(item: _Reader) -> EvidenceCounts | None:
    if item.is_null():
        return None
    return EvidenceCounts(item.get("officers_interviewed").integer(),
                          item.get("meetings").integer(),
                          item.get("interview_findings", optional=True).texts())


def _moderation(item: _Reader) -> Moderation | None:
    if item.is_null():
        return None
    return Moderation(
        cases_moderated=item.get("cases_moderated").integer(),
        agreement=tuple(
            QuestionAgreement(a.get("question_id").text(), a.get("compared").integer(),
                              a.get("agreed").integer())
            for a in item.get("agreement", optional=True).items()
        ),
    )
