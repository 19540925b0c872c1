"""The shipped frameworks load, validate and say what the published reports print.

Wording is checked against the copies of the reports in tests/fixtures/reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from probation_inspection.framework import (
    RatingMethod,
    UnknownFramework,
    available_frameworks,
    load_framework,
    load_framework_file,
)
from probation_inspection.framework.library import library_directory
from sample_ids import SampleType

REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"
RATED_REPORTS = ["000_aa2a86d3a0086947.txt", "002_0b169877a59b4ecc.txt", "004_9bb6883ac686527f.txt"]
#: SEEDS-SPEC i.4: report 002 prints these Annex 2 standard rows garbled ("Assess ssessment
#: ment is ..."), so their statements cannot appear there verbatim.
GARBLED_IN_ANNEX_2 = {"002_0b169877a59b4ecc.txt": {"2.1", "2.2", "4.1"}}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def annex_2(report: str) -> str:
    text = (REPORTS / report).read_text(encoding="utf-8")
    start = text.rindex("Annex 2: Inspection results")
    end = text.index("Annex 3", start)
    return normalise(text[start:end])


@pytest.fixture(scope="module")
def crc():
    return load_framework("hmip-crc-2018")


def test_every_shipped_framework_is_listed() -> None:
    ids = {summary.id for summary in available_frameworks()}
    assert ids == {"hmip-crc-2018", "hmip-tr-ei5-2016", "hmip-pdu-2021", "hmip-pdu-2023",
                   "hmip-yjs-2021", "hmip-nps-2018"}


def test_every_shipped_file_loads_and_validates() -> None:
    paths = sorted(library_directory().glob("*.yaml"))
    assert paths
    for path in paths:
        framework = load_framework_file(path)
        assert framework.source == str(path)


def test_crc_framework_shape(crc) -> None:
    assert crc.version == "2018.1"
    assert [domain.id for domain in crc.domains] == ["1", "2", "4"]
    assert [s.id for s in crc.standards()] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"
    ]
    assert len(list(crc.key_questions())) == 19
    assert all(kq.prompts for kq in crc.key_questions())
    methods = {s.id: s.rating_method for s in crc.standards()}
    assert {k for k, m in methods.items() if m is RatingMethod.JUDGEMENT} == {
        "1.1", "1.2", "1.3", "1.4"
    }
    assert crc.standard("4.1").sample_type == SampleType.UNPAID_WORK
    assert crc.standard("4.2").sample_type == SampleType.THROUGH_THE_GATE
    assert crc.standard("2.3").sample_type == SampleType.CASE_SUPERVISION


def test_crc_bands_and_scores(crc) -> None:
    rating = crc.rating
    assert [rating.band_for_percent(p) for p in (0, 49, 50, 64, 65, 79, 80, 100)] == [
        "Inadequate", "Inadequate", "Requires improvement", "Requires improvement",
        "Good", "Good", "Outstanding", "Outstanding",
    ]
    assert dict(rating.scores) == {
        "Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3
    }
    assert [rating.band_for_score(s) for s in (0, 5, 6, 15, 16, 25, 26, 30)] == [
        "Inadequate", "Inadequate", "Requires improvement", "Requires improvement",
        "Good", "Good", "Outstanding", "Outstanding",
    ]


def test_crc_breakdowns_and_glossary(crc) -> None:
    assert [b.attribute for b in crc.breakdowns] == [
        "gender", "responsible_officer_grade", "delivery_unit", "disposal"
    ]
    terms = {entry.term for entry in crc.glossary}
    assert {"Responsible officer", "Through the Gate", "Desistance", "MAPPA"} <= terms
    assert crc.attribute("rosh_level").values == ("low", "medium", "high", "very high")


@pytest.mark.parametrize("report", RATED_REPORTS)
def test_wording_is_verbatim_in_annex_2(crc, report: str) -> None:
    annex = annex_2(report)
    garbled = GARBLED_IN_ANNEX_2.get(report, set())
    for domain in crc.domains[1:]:
        for standard in domain.standards:
            present = normalise(standard.statement) in annex
            assert present is (standard.id not in garbled), (report, standard.id)
            for key_question in standard.key_questions:
                assert f"{key_question.id}. {normalise(key_question.text)}" in annex


@pytest.mark.parametrize("report", RATED_REPORTS)
def test_domain_one_statements_are_verbatim_in_the_report(crc, report: str) -> None:
    text = normalise((REPORTS / report).read_text(encoding="utf-8"))
    for standard in crc.domains[0].standards:
        assert normalise(standard.statement) in text, (report, standard.id)


def test_relevance_note_is_printed_in_annex_2(crc) -> None:
    notes = {kq.id: kq.relevance_note for kq in crc.key_questions() if kq.relevance_note}
    assert set(notes) == {"2.2.3", "2.3.3", "2.4.3"}
    assert normalise(notes["2.2.3"]) in annex_2("000_aa2a86d3a0086947.txt")


def test_keeping_others_safe_counts_only_rosh_cases(crc) -> None:
    for key_question_id in ("2.2.3", "2.3.3", "2.4.3"):
        key_question = crc.key_question(key_question_id)
        assert key_question.applies({"rosh_issues": True})
        assert not key_question.applies({"rosh_issues": False})


def test_assessment_of_keeping_others_safe_is_over_the_whole_sample(crc) -> None:
    assert crc.key_question("2.1.3").relevance is None
    scoped = {kq.id for kq in crc.key_questions() if kq.relevance is not None}
    assert scoped == {"2.2.3", "2.3.3", "2.4.3"}


def test_prompts_about_specific_issues_apply_only_where_they_arise(crc) -> None:
    def attribute_of(prompt_id: str) -> frozenset[str]:
        key_question = crc.key_question(prompt_id.rsplit(".", 1)[0])
        prompt = next(p for p in key_question.prompts if p.id == prompt_id)
        assert prompt.relevance is not None
        return prompt.relevance.condition.attributes()

    assert attribute_of("2.2.3.p5") == {"domestic_abuse"}
    assert attribute_of("2.2.3.p6") == {"child_safeguarding"}
    assert attribute_of("2.2.3.p8") == {"victims"}
    assert attribute_of("2.3.1.p7") == {"enforcement_required"}
    pre_release = next(p for p in crc.key_question("2.3.1").prompts if p.id == "2.3.1.p4")
    assert pre_release.applies({"disposal": "licence"})
    assert not pre_release.applies({"disposal": "community order"})


def test_shipped_frameworks_are_cached() -> None:
    assert load_framework("hmip-crc-2018") is load_framework("hmip-crc-2018", "2018.1")


def test_unknown_framework_and_version_are_named() -> None:
    with pytest.raises(UnknownFramework, match="no shipped framework 'nope'"):
        load_framework("nope")
    with pytest.raises(UnknownFramework, match="no version '1999'"):
        load_framework("hmip-crc-2018", "1999")


# --- the thematic framework: the model is not hard-wired to the CRC standards -----------------


@pytest.fixture(scope="module")
def thematic():
    return load_framework("hmip-tr-ei5-2016")


def test_thematic_framework_is_unrated(thematic) -> None:
    assert not thematic.rated
    assert all(s.rating_method is RatingMethod.UNRATED for s in thematic.standards())
    assert [domain.title for domain in thematic.domains] == [
        "Assisting sentencing and allocation of cases",
        "Early work in the CRCs and the NPS",
        "The views of service users",
    ]


def test_thematic_breakdowns_by_area_and_agency(thematic) -> None:
    assert [b.attribute for b in thematic.breakdowns] == ["area", "agency"]
    assert thematic.attribute("agency").values == ("CRC", "NPS")
    assert len(thematic.attribute("area").values) == 6


def test_thematic_reasons_for_insufficiency(thematic) -> None:
    with_reasons = {kq.id: [r.id for r in kq.reasons] for kq in thematic.key_questions()
                    if kq.reasons}
    assert with_reasons == {
        "2.2.2": ["all-sources", "home-and-social-life", "accommodation", "not-revised"],
        "2.2.6": ["all-sources", "risk-to-known-adults", "risk-to-children", "not-revised"],
        "2.2.8": ["objectives-and-victims", "contingency"],
        "2.4.2": ["changes", "information-from-others", "analysis"],
    }


def test_thematic_agency_specific_questions(thematic) -> None:
    mappa = thematic.key_question("2.3.9")
    assert mappa.applies({"agency": "NPS", "mappa": True})
    assert not mappa.applies({"agency": "CRC", "mappa": True})


def test_thematic_glossary_is_appendix_3(thematic) -> None:
    text = normalise((REPORTS / "001_4afb5bcd615a4c5e.txt").read_text(encoding="utf-8"))
    rsr = next(entry for entry in thematic.glossary if entry.term == "RSR")
    assert rsr.definition.startswith("Risk of Serious Recidivism: An actuarial calculation")
    cas = next(entry for entry in thematic.glossary if entry.term == "CAS")
    assert normalise(cas.definition) in text
