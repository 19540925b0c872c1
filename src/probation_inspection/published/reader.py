"""Reads a published rated inspection report's text into a PublishedReport.

Owns the order of extraction, the list of missing fields and the not-rated verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from probation_inspection.published.counts import (
    find_contextual_facts,
    find_interviews,
    find_meetings,
    find_recommendations,
    find_samples,
)
from probation_inspection.published.normalise import normalise
from probation_inspection.published.ratings import (
    find_discretion,
    find_key_questions,
    find_lead_inspector,
    find_overall,
    find_provider,
    find_published,
    find_standards,
    patterns_for,
)
from probation_inspection.published.record import PublishedReport
from probation_inspection.published.vocabulary import RATING_LABELS


class PublishedReportError(ValueError):
    """A published report that cannot be read; the message names the file and why."""


class NotARatedInspection(PublishedReportError):
    """The text is not a rated inspection report (a thematic report, say)."""


def read_report(
    raw: str,
    *,
    source: str = "report",
    labels: Sequence[str] = RATING_LABELS,
    expected_standards: Iterable[str] = (),
    expected_key_questions: Iterable[str] = (),
) -> PublishedReport:
    """Extract every field of a rated report from its text (plain, Markdown or HTML remnants).

    ``expected_*`` name the standards and key questions the framework has, so that one
    the report does not show is listed in ``missing``. Raises NotARatedInspection when
    the text holds neither an overall rating nor any standard rating.
    """
    text = normalise(raw)
    patterns = patterns_for(labels)
    overall = find_overall(text, patterns)
    standards, titles = find_standards(text, patterns)
    if overall is None and not standards:
        raise NotARatedInspection(
            f"{source}: not a rated inspection report: it states no overall rating "
            '("... is rated as" or "Overall rating") and no standard ratings '
            "(a thematic report, for example, is not rated)"
        )
    key_questions = find_key_questions(text, patterns)
    recommendations, stated = find_recommendations(text)
    report = PublishedReport(
        provider=find_provider(text),
        published=find_published(text),
        lead_inspector=find_lead_inspector(text),
        overall=overall,
        standards=standards,
        key_questions=key_questions,
        discretion=find_discretion(text, patterns, titles),
        samples=find_samples(text),
        interviews=find_interviews(text),
        meetings=find_meetings(text),
        contextual_facts=find_contextual_facts(text),
        recommendations=recommendations,
    )
    missing = _missing(report, stated, expected_standards, expected_key_questions)
    return PublishedReport(**{**report.__dict__, "missing": missing})


def _missing(
    report: PublishedReport,
    stated_recommendations: int | None,
    expected_standards: Iterable[str],
    expected_key_questions: Iterable[str],
) -> tuple[str, ...]:
    missing = [
        name
        for name in ("provider", "published", "lead_inspector", "overall")
        if getattr(report, name) is None
    ]
    expected = list(expected_standards)
    if not report.standards:
        missing.append("standards")
    missing += [
        f"standards.{s}" for s in expected if report.standards and s not in report.standards
    ]
    expected_questions = list(expected_key_questions)
    if not report.key_questions:
        missing.append("key_questions")
    missing += [
        f"key_questions.{k}"
        for k in expected_questions
        if report.key_questions and k not in report.key_questions
    ]
    if any(item.standard is None for item in report.discretion):
        missing.append("discretion.standard")  # a footnote whose standard was not found
    missing += [
        f"samples.{name}" for name, value in report.samples.to_json().items() if value is None
    ]
    missing += [name for name in ("interviews", "meetings") if getattr(report, name) is None]
    if not report.contextual_facts:
        missing.append("contextual_facts")
    # A list shorter than the count the report states is incomplete, not complete.
    if not report.recommendations or (
        stated_recommendations is not None and stated_recommendations != len(report.recommendations)
    ):
        missing.append("recommendations")
    return tuple(missing)
