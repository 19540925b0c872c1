"""The assessment page's Django form: which errors it raises, in which order, pointing where,
and what it hands the services. No database: the form reads only the framework."""

from __future__ import annotations

from django.http import QueryDict

from probation_inspection.scoring import RawAnswer
from probation_inspection.web.casework.forms import AssessmentForm
from probation_inspection.web.forms import error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import NOTE

FRAMEWORK = framework_for("hmip-crc-2018", "2018.1")


def form(**posted: str) -> AssessmentForm:
    data = QueryDict(mutable=True)
    data.update(posted)
    return AssessmentForm(data, framework=FRAMEWORK, sample_type="case-supervision")


def test_a_valid_post_hands_over_raw_answers_and_typed_attributes() -> None:
    posted = form(**{"version": "3", "action": "submit", "answer-2-1-1": "yes",
                     "evidence-2-1-1": " Seen ", "practice-2-1-1": "on",
                     "practice-2-1-2": "true", "attribute-rosh_issues": "false"})
    assert posted.is_valid(), posted.errors
    assert posted.submit and posted.loaded_version == 3
    assert posted.attributes == {"rosh_issues": False}
    answers = posted.answers()
    # Stored as the core decides (stripping, overrides): here as posted.
    assert answers["2.1.1"] == RawAnswer("yes", " Seen ", practice_example=True)
    # Only the checkbox's own "on" flags an example.
    assert answers["2.1.2"] == RawAnswer()
    saving = form(version="0", action="save")
    assert saving.is_valid() and not saving.submit


def test_a_tampered_version_is_the_only_error_and_points_at_the_changes() -> None:
    posted = form(**{"version": "1e3", "attribute-rosh_issues": "maybe",
                     "evidence-2-1-1": "x" * (NOTE + 1)})
    assert not posted.is_valid() and posted.refused
    errors = error_list(posted)
    assert [error.field for error in errors] == ["changes-since"]
    assert errors[0].message.startswith("The assessment version must be a whole number")


def test_attribute_errors_come_before_overlong_notes_each_at_its_field() -> None:
    posted = form(**{"version": "0", "attribute-rosh_issues": "maybe",
                     "evidence-2-1-1": "x" * (NOTE + 1)})
    assert not posted.is_valid()
    assert [(e.field, e.message) for e in error_list(posted)] == [
        ("attribute-rosh_issues", "Risk of serious harm issues apply: choose yes or no"),
        ("evidence-2-1-1",
         "The evidence note for 2.1.1 must be 5,000 characters or fewer (it has 5,001)"),
    ]
    assert posted.refused
    only_attribute = form(**{"version": "0", "attribute-rosh_issues": "maybe"})
    assert not only_attribute.is_valid() and not only_attribute.refused
