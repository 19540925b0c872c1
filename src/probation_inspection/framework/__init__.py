"""The inspection framework held as data: model, relevance rules, loader and validator.

Frameworks ship as YAML files in ``library/``, one file per framework version.
"""

from probation_inspection.framework.errors import Code, FrameworkError, Problem
from probation_inspection.framework.library import (
    FrameworkSummary,
    UnknownFramework,
    available_frameworks,
    load_framework,
    summarise,
)
from probation_inspection.framework.loader import load_framework_file, load_framework_text
from probation_inspection.framework.model import (
    AnswerCount,
    AttributeType,
    Breakdown,
    CaseAttribute,
    CaseAttributes,
    Condition,
    Domain,
    Framework,
    GlossaryEntry,
    InterviewAnswer,
    InterviewQuestion,
    KeyQuestion,
    Prompt,
    Questionnaire,
    RatingBand,
    RatingMethod,
    RatingScheme,
    Reason,
    Relevance,
    SampleType,
    Standard,
)
from probation_inspection.framework.relevance import (
    MissingCaseAttribute,
    RelevanceError,
    RelevanceEvaluationError,
    RelevanceSyntaxError,
    parse,
)

__all__ = [
    "AnswerCount",
    "AttributeType",
    "Breakdown",
    "CaseAttribute",
    "CaseAttributes",
    "Code",
    "Condition",
    "Domain",
    "Framework",
    "FrameworkError",
    "FrameworkSummary",
    "GlossaryEntry",
    "InterviewAnswer",
    "InterviewQuestion",
    "KeyQuestion",
    "MissingCaseAttribute",
    "Problem",
    "Prompt",
    "Questionnaire",
    "RatingBand",
    "RatingMethod",
    "RatingScheme",
    "Reason",
    "Relevance",
    "RelevanceError",
    "RelevanceEvaluationError",
    "RelevanceSyntaxError",
    "SampleType",
    "Standard",
    "UnknownFramework",
    "available_frameworks",
    "load_framework",
    "load_framework_file",
    "load_framework_text",
    "parse",
    "summarise",
]
