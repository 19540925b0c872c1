"""The reader on reports it has never seen: invented providers, other layouts and wordings."""

from __future__ import annotations

import pytest

from probation_inspection.published import NotARatedInspection, read_report
from probation_inspection.published.vocabulary import parse_number

INVENTED = """
<h1>An inspection of probation services in Northshire and Dale Division</h1>
<p>HM Inspectorate of Probation</p><p>MARCH 2021</p>
<p>This inspection was led by HM Inspector Priya O'Neill-Hart, supported by a team.</p>
<p>Overall, Northshire and Dale is rated as: &lsquo;<strong>Good</strong>&rsquo;.</p>
| 1.1 | Leadership | Outstanding |
| 2.1 | Assessment | Good |
| 3.1 | Court work | Requires improvement |
<p>As a result of our inspection findings we have made three recommendations.</p>
<p>The division should:</p>
<ol><li>1. keep the courts informed</li><li>2. review every case (with the police) monthly</li>
<li>3. train its staff.</li></ol>
<h2>Contextual facts</h2>
<p><b>61%</b></p><p>The proportion of orders completed. The performance figure for all England
and Wales was 64%, against a target of 70%<sup>3</sup></p>
<p><b>2,404</b></p><p>The number of people supervised by the division<sup>4</sup></p>
<p>During the fieldwork, we interviewed forty-two responsible officers. In total, we
conducted nineteen meetings.</p>
<p>We examined eighty-eight cases from across two areas.</p>
<p>We examined 25 cases with unpaid work requirements.</p>
<table><tr><td>2.1.1. Does assessment focus sufficiently on engaging the person?</td>
<td>70%</td></tr><tr><td>2.1.2. Is it done well? <sup>5</sup></td><td>66%</td></tr>
<tr><td>3.1.1 Does court work go well?</td><td>52 %</td></tr></table>
<p><sup>5</sup> We have exercised professional discretion for standard 3.1 and moved the rating
from Inadequate to Requires improvement, given wider evidence.</p>
"""


def test_an_invented_report_in_another_layout_is_read() -> None:
    report = read_report(INVENTED)
    assert report.provider == "Northshire and Dale Division"
    assert report.published == "March 2021"
    assert report.lead_inspector == "Priya O'Neill-Hart"
    assert report.overall == "Good"
    assert dict(report.standards) == {
        "1.1": "Outstanding",
        "2.1": "Good",
        "3.1": "Requires improvement",
    }
    assert dict(report.key_questions) == {"2.1.1": 70, "2.1.2": 66, "3.1.1": 52}
    assert report.interviews == 42
    assert report.meetings == 19
    assert report.samples.case_supervision == 88
    assert report.samples.unpaid_work == 25
    assert report.recommendations == (
        "keep the courts informed",
        "review every case (with the police) monthly",
        "train its staff",
    )
    (first, second) = report.contextual_facts
    assert (first.figure, first.national_figure, first.target) == ("61%", "64%", "70%")
    assert first.measure == "The proportion of orders completed"
    assert (second.figure, second.national_figure, second.target) == ("2,404", None, None)
    (discretion,) = report.discretion
    assert (discretion.standard, discretion.from_rating, discretion.to_rating) == (
        "3.1",
        "Inadequate",
        "Requires improvement",
    )
    assert report.missing == ("samples.through_the_gate",)


def test_expected_standards_and_questions_not_shown_are_listed_as_missing() -> None:
    report = read_report(
        INVENTED, expected_standards=["1.1", "1.2"], expected_key_questions=["2.1.1", "2.1.3"]
    )
    assert "standards.1.2" in report.missing
    assert "key_questions.2.1.3" in report.missing
    assert "standards.1.1" not in report.missing


def test_stated_count_larger_than_the_list_marks_recommendations_missing() -> None:
    text = INVENTED.replace("three recommendations", "four recommendations")
    assert "recommendations" in read_report(text).missing


def test_discretion_found_through_the_row_citing_its_marker() -> None:
    text = (
        "Overall, X is rated as: Good. 2.2 Planning Good 2.2.1. Does planning work? [^7] 48% "
        "[^7] We exercised professional discretion in arriving at this rating."
    )
    (discretion,) = read_report(text).discretion
    assert discretion.standard == "2.2"
    assert discretion.text == "We exercised professional discretion in arriving at this rating."


def test_staff_using_professional_discretion_is_not_a_rating_footnote() -> None:
    text = (
        "Overall, X is rated as: Good. Officers used professional discretion appropriately "
        "to support the completion of orders."
    )
    assert read_report(text).discretion == ()


def test_fieldwork_month_is_not_taken_for_the_publication_month() -> None:
    text = "HM Inspectorate of Probation Fieldwork started: May 2020 Overall rating Good"
    report = read_report(text)
    assert report.published is None
    assert report.overall == "Good"


@pytest.mark.parametrize(
    "text",
    [
        "We have rated the division as 'Inadequate'. More text.",
        "We have given the CRC an 'Inadequate' rating.",
        "Overall, the CRC is rated as: **Inadequate**.",
    ],
)
def test_the_overall_rating_in_each_of_its_wordings(text: str) -> None:
    assert read_report(text).overall == "Inadequate"


def test_the_findings_page_wording_wins_over_the_foreword() -> None:
    text = "We rated this CRC as 'Good' in 2017. Overall, the CRC is rated as: Inadequate."
    assert read_report(text).overall == "Inadequate"


def test_ratings_in_capitals_are_read_in_the_scheme_spelling() -> None:
    assert read_report("Overall rating REQUIRES IMPROVEMENT").overall == "Requires improvement"


def test_a_standard_rating_outvoted_by_its_other_copies() -> None:
    text = "2.3 Implementation Good. 2.3 Implementation Inadequate. 2.3. Implementation Inadequate"
    assert dict(read_report(text).standards) == {"2.3": "Inadequate"}


@pytest.mark.parametrize(
    "text",
    ["", "A thematic report with findings but no ratings. Good work was seen.", "2.1.1 55%"],
)
def test_text_without_ratings_is_not_a_rated_inspection(text: str) -> None:
    with pytest.raises(NotARatedInspection, match="example.txt: not a rated inspection"):
        read_report(text, source="example.txt")


@pytest.mark.parametrize(
    ("printed", "value"),
    [("130", 130), ("8,899", 8899), ("thirty-one", 31), ("one hundred and five", 105),
     ("six", 6), ("many", None)],
)  # fmt: skip
def test_parse_number(printed: str, value: int | None) -> None:
    assert parse_number(printed) == value
