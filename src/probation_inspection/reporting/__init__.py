"""The report model built from an inspection, and its renderers (HTML, PDF, XLSX, CSV, JSON).

The public API of the reporting core: plain typed objects in, text or bytes out; no Django.
"""

from probation_inspection.evidence.context import PrintedFact, printed_fact
from probation_inspection.reporting.build import Scored, build_report, score
from probation_inspection.reporting.exports import (
    cases_csv,
    render_xlsx,
    results_csv,
    results_json,
)
from probation_inspection.reporting.html import render_html
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
from probation_inspection.reporting.json_input import inspection_from_json, inspection_to_json
from probation_inspection.reporting.model import Report
from probation_inspection.reporting.pdf import render_pdf
from probation_inspection.reporting.practice import FlaggedNote, practice_examples, practice_kind
from probation_inspection.reporting.pseudonym import pseudonym
from probation_inspection.reporting.snapshot import report_from_json
from probation_inspection.reporting.wording import (
    FindingSentence,
    finding_sentence,
    question_statement,
    verbal_proportion,
)

__all__ = [
    "CaseSample",
    "DomainNarrative",
    "EvidenceCounts",
    "FindingSentence",
    "FlaggedNote",
    "Inspection",
    "Moderation",
    "Narrative",
    "PracticeExample",
    "PracticeKind",
    "PrintedFact",
    "QuestionAgreement",
    "RatingDecisions",
    "Report",
    "ReportingError",
    "SampleFacts",
    "Scored",
    "Team",
    "build_report",
    "cases_csv",
    "finding_sentence",
    "inspection_from_json",
    "inspection_to_json",
    "practice_examples",
    "practice_kind",
    "printed_fact",
    "pseudonym",
    "question_statement",
    "render_html",
    "render_pdf",
    "render_xlsx",
    "report_from_json",
    "results_csv",
    "results_json",
    "score",
    "verbal_proportion",
]
