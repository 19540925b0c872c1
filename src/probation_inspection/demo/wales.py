"""The Wales demo: generated case assessments and decisions that match a published report.

Owns the Wales targets and prose. Source: HM Inspectorate of Probation, "An inspection of
probation services in the Wales division of Kent, Surrey and Sussex Community Rehabilitation
Company" (July 2019), Crown copyright, reproduced under the Open Government Licence v3.0.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from probation_inspection.demo.generator import (
    BooleanAttribute,
    ChoiceAttribute,
    QuestionTarget,
    SampleTargets,
    ShareTarget,
    counts_for_percent,
    generate,
)
from probation_inspection.demo.samples import WalesSample
from probation_inspection.demo.stated import StatedProportion
from probation_inspection.demo.stated import stated as stated_proportions
from probation_inspection.evidence.context import PrintedFact
from probation_inspection.framework import load_framework
from probation_inspection.framework.library import demo_framework
from probation_inspection.framework.model import Framework
from probation_inspection.reporting.inputs import (
    CaseSample,
    DomainNarrative,
    EvidenceCounts,
    Inspection,
    Narrative,
    PracticeExample,
    PracticeKind,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.sampling.fields import Field
from probation_inspection.scoring import (
    Discretion,
    DiscretionReason,
    Judgement,
    key_question_percents,
    professional_discretion,
    rule_ratings,
    standard_uncertainty,
    tally_framework,
)
from probation_inspection.scoring.interviews import (
    InterviewResponse,
    tally_interviews,
    topic_findings,
)

FRAMEWORK_ID = demo_framework("wales")[0]  # the published report's framework, as data
SEED = 2019
PROVIDER = "Wales division of Kent, Surrey and Sussex Community Rehabilitation Company"
#: The report names five local delivery units but not which; these labels are invented.
DELIVERY_UNITS = ("LDU A", "LDU B", "LDU C", "LDU D", "LDU E")

#: Annex 2 of the report: the percentage of yes answers per key question.
PUBLISHED_PERCENTS: Mapping[str, int] = {
    "2.1.1": 67, "2.1.2": 68, "2.1.3": 57, "2.2.1": 61, "2.2.2": 64, "2.2.3": 48,
    "2.3.1": 78, "2.3.2": 66, "2.3.3": 59, "2.4.1": 78, "2.4.2": 74, "2.4.3": 54,
    "4.1.1": 64, "4.1.2": 72, "4.1.3": 51, "4.1.4": 79,
    "4.2.1": 45, "4.2.2": 39, "4.2.3": 50,
}
SIZES = {WalesSample.CASE_SUPERVISION: 130, WalesSample.UNPAID_WORK: 53,
         WalesSample.THROUGH_THE_GATE: 33}
RISK_OF_SERIOUS_HARM_CASES = 105

#: What the report's chapters 2 to 4 state for each prompt and key question, with the range
#: its words mean (demo/stated.py; tests/demo/test_stated.py checks it against seed 000).
STATED: tuple[StatedProportion, ...] = stated_proportions()


def _sample_type(framework: Framework, question_id: str) -> str | None:
    return framework.standard(".".join(question_id.split(".")[:2])).sample_type


def _key_question_target(framework: Framework, key_question_id: str, size: int
                         ) -> QuestionTarget:
    """The counts the report states, or else the most cases that show the Annex 2 figure
    (2.3.3 counts the 105 cases with risk of serious harm issues, as 2.2.3 and 2.4.3 do)."""
    for item in STATED:
        if item.question_id == key_question_id and item.yes is not None and item.relevant:
            return QuestionTarget(item.yes, item.relevant)
    key_question = framework.key_question(key_question_id)
    cases = RISK_OF_SERIOUS_HARM_CASES if key_question.relevance is not None else size
    return counts_for_percent(PUBLISHED_PERCENTS[key_question_id], cases)


def prompt_target(item: StatedProportion) -> QuestionTarget | ShareTarget | None:
    """A stated prompt's target: its counts where stated, the yes count its words allow out of
    the relevant cases it states, or else the range over the cases the prompt applies to.
    None where the stated relevant cases allow no yes count in the range."""
    if item.relevant is not None:
        yes = item.yes_for(item.relevant)
        return None if yes is None else QuestionTarget(yes, item.relevant)
    return item.share_target()


def targets(framework: Framework) -> tuple[SampleTargets, ...]:
    """The three samples' targets: every Annex 2 percentage with the stated counts, and every
    prompt the report states a proportion for, within the range its words mean."""
    result = []
    for sample_type, size in SIZES.items():
        key_questions = {
            key_question.id: _key_question_target(framework, key_question.id, size)
            for standard in framework.standards()
            if standard.sample_type == sample_type
            for key_question in standard.key_questions
        }
        prompts: dict[str, QuestionTarget | ShareTarget] = {}
        for item in STATED:
            if item.prompt_level and _sample_type(framework, item.question_id) == sample_type:
                target = prompt_target(item)
                if target is not None:
                    prompts[item.question_id] = target
        result.append(SampleTargets(
            sample_type=sample_type,
            cases=size,
            key_questions=key_questions,
            prompts=prompts,
            booleans=_booleans(sample_type),
            choices=_choices(sample_type),
            texts={"delivery_unit": DELIVERY_UNITS},
            case_prefix={WalesSample.CASE_SUPERVISION: "C", WalesSample.UNPAID_WORK: "U",
                         WalesSample.THROUGH_THE_GATE: "T"}[sample_type],
        ))
    return tuple(result)


OFFICERS_INTERVIEWED = 83


@dataclass(frozen=True)
class InterviewFigure:
    """One interview question's generated answers and what the report says of them."""

    question_id: str
    #: How many gave each answer id: of the officers, or of the cases discussed for a
    #: per-case question.
    answers: Mapping[str, int]
    #: The per cent the report states of those who answered yes or no giving
    #: ``stated_answer``; None where the report gives words only (the figure is generated
    #: within them).
    stated_percent: int | None
    stated_answer: str = "yes"
    #: The seed report's words.
    words: str = ""


#: The responsible-officer interview results the Wales report states (seed 000). Questions it
#: states nothing of are left unasked, so the report prints no sentence for them. Per-case
#: questions are answered about the case-supervision cases, each held by one officer; the
#: risk-of-harm one only in the cases with risk of serious harm issues.
INTERVIEW_FIGURES: tuple[InterviewFigure, ...] = (
    InterviewFigure("ro-interview.prioritises-quality", {"yes": 20, "no": 63}, 24, "yes",
                    "only 24 per cent said their service prioritised quality"),
    InterviewFigure("ro-interview.workload", {"yes": 33, "no": 50}, 60, "no",
                    "most responsible officers in Wales (60 per cent) ... workload is "
                    "unmanageable"),
    InterviewFigure("ro-interview.skills", {"yes": 79, "no": 4}, 95, "yes",
                    "Almost all (95 per cent) of staff interviewed said they have the skills"),
    InterviewFigure("ro-interview.training", {"yes": 31, "no": 52}, 63, "no",
                    "The majority of staff surveyed (63 per cent) perceived their access to "
                    "in-service training to be insufficient"),
    InterviewFigure("ro-interview.learning-culture", {"yes": 30, "no": 50, "dont-know": 3},
                    None, "no", "A similar proportion of staff felt the organisation did not "
                    "promote and value a culture of learning"),
    InterviewFigure("ro-interview.safety-wellbeing", {"yes": 46, "no": 36, "dont-know": 1},
                    44, "no", "Just under half of the staff interviewed (44 per cent) said "
                    "they felt that insufficient attention is paid to staff safety"),
    InterviewFigure("ro-interview.reasonable-adjustments",
                    {"yes": 10, "no": 2, "not-required": 71}, None, "yes",
                    "Over three-quarters of staff who required reasonable adjustments to their "
                    "work felt this had been done"),
    InterviewFigure("ro-interview.policies", {"yes": 69, "no": 14}, 83, "yes",
                    "A clear majority (83 per cent) of staff surveyed considered that policies "
                    "and guidance are communicated effectively"),
    InterviewFigure("ro-interview.ict", {"yes": 53, "no": 30}, None, "yes",
                    "Almost two-thirds of the staff surveyed thought that the ICT systems "
                    "support staff"),
    InterviewFigure("ro-interview.agencies-desistance", {"yes": 121, "no": 9}, None, "yes",
                    "Almost all said there were"),
    InterviewFigure("ro-interview.agencies-risk-of-harm", {"yes": 94, "no": 11}, 90, "yes",
                    "nine in ten staff said that such relationships were in place"),
)


def generated_interview_figures() -> tuple[str, ...]:
    """The interview questions whose shares the report gives in words only: their answers
    are generated within the words, not stated."""
    return tuple(f.question_id for f in INTERVIEW_FIGURES if f.stated_percent is None)


def _spread(counts: Mapping[str, int], seed: int) -> list[str]:
    answers = [answer for answer, count in counts.items() for _ in range(count)]
    random.Random(seed).shuffle(answers)
    return answers


def interview_responses(framework: Framework, samples: Sequence[CaseSample],
                        seed: int = SEED) -> tuple[InterviewResponse, ...]:
    """The officers' generated answers, giving exactly the shares in `INTERVIEW_FIGURES`.

    Officer n holds every 83rd case-supervision case from the n-th; grades alternate PO, PSO
    as the web demo records them.
    """
    questionnaire = framework.questionnaires[0]
    officers = [f"RO{n:03d}" for n in range(1, OFFICERS_INTERVIEWED + 1)]
    answers: dict[str, dict[str, str]] = {officer: {} for officer in officers}
    per_case: dict[str, dict[str, dict[str, str]]] = {officer: {} for officer in officers}
    supervision = next(s for s in samples
                       if s.facts.sample_type == WalesSample.CASE_SUPERVISION)
    cases = sorted(supervision.assessments, key=lambda case: case.case_id)
    holder = {case.case_id: officers[i % len(officers)] for i, case in enumerate(cases)}
    for index, figure in enumerate(INTERVIEW_FIGURES):
        given = _spread(figure.answers, seed + index)
        if questionnaire.question(figure.question_id).per_case:
            asked = [case.case_id for case in cases
                     if figure.question_id != "ro-interview.agencies-risk-of-harm"
                     or (case.attributes or {}).get("rosh_issues")]
            if len(asked) != len(given):
                raise ValueError(f"{figure.question_id}: {len(given)} answers for "
                                 f"{len(asked)} cases")
            for case_id, answer in zip(asked, given, strict=True):
                per_case[holder[case_id]].setdefault(case_id, {})[figure.question_id] = answer
        else:
            for officer, answer in zip(officers, given, strict=True):
                answers[officer][figure.question_id] = answer
    return tuple(InterviewResponse(officer, answers[officer],
                                   "PO" if int(officer[2:]) % 2 else "PSO",
                                   case_answers=per_case[officer])
                 for officer in officers)


def interview_findings(framework: Framework, samples: Sequence[CaseSample]
                       ) -> tuple[str, ...]:
    """The report's interview sentences from the generated answers."""
    questionnaire = framework.questionnaires[0]
    results = tally_interviews(questionnaire, interview_responses(framework, samples))
    return tuple(finding.sentence for finding in topic_findings(questionnaire, results))


def not_met(framework: Framework) -> tuple[StatedProportion, ...]:
    """Stated proportions the demo's targets cannot meet together with the others: a key
    question whose Annex 2 figure lies outside its chapter's words, or a prompt whose stated
    relevant cases allow no count in its range. Their figures are generated, not stated."""
    missed = []
    for item in STATED:
        if item.prompt_level:
            if prompt_target(item) is None:
                missed.append(item)
            continue
        sample_type = _sample_type(framework, item.question_id)
        size = SIZES[WalesSample(str(sample_type))]
        target = _key_question_target(framework, item.question_id, size)
        if not item.holds(target.yes, target.relevant):
            missed.append(item)
    return tuple(missed)


def generated_not_stated(framework: Framework) -> tuple[str, ...]:
    """The prompts whose figures the report does not state (or states out of reach): their
    tallies are generated, and the demo says so rather than claim them."""
    stated = {item.question_id for item in STATED if item.prompt_level}
    missed = {item.question_id for item in not_met(framework)}
    return tuple(
        prompt.id
        for standard in framework.standards() if standard.sample_type is not None
        for key_question in standard.key_questions
        for prompt in key_question.prompts
        if prompt.id not in stated or prompt.id in missed
    )


def framings() -> dict[str, bool]:
    """Each stated prompt's framing as the report prints it (what was done, or not done)."""
    return {item.question_id: item.negative for item in STATED if item.prompt_level}


def summary(framework: Framework) -> str:
    """What the demo's figures are, in one paragraph: printed by load_wales_demo."""
    stated = [item for item in STATED if item.prompt_level]
    missed = not_met(framework)
    generated = generated_not_stated(framework)
    text = (
        "Ratings and every Annex 2 percentage equal the published report's. "
        f"{len(stated) - len([m for m in missed if m.prompt_level])} prompt figures the "
        "report states in words or per cent lie within the range its words mean; "
        f"{len(generated)} prompt figures are generated, not stated in the report "
        f"({', '.join(generated)})."
    )
    text += (
        f" The {OFFICERS_INTERVIEWED} responsible-officer interviews give the shares the "
        "report states; those it gives in words only are generated within them "
        f"({', '.join(generated_interview_figures())}), and questions it states nothing of "
        "are left unasked."
    )
    if missed:
        text += " Stated but not met: " + "; ".join(m.describe() for m in missed) + "."
    return text


def _booleans(sample_type: WalesSample) -> tuple[BooleanAttribute, ...]:
    if sample_type is WalesSample.CASE_SUPERVISION:
        return (
            BooleanAttribute("rosh_issues", RISK_OF_SERIOUS_HARM_CASES),
            BooleanAttribute("domestic_abuse", 53, within="rosh_issues"),
            BooleanAttribute("child_safeguarding", 33, within="rosh_issues"),
            BooleanAttribute("victims", 94, within="rosh_issues"),
            BooleanAttribute("other_agencies_involved", 80, within="rosh_issues"),
            BooleanAttribute("home_visit_required", 60, within="rosh_issues"),
            BooleanAttribute("missed_appointments", 112),
            BooleanAttribute("enforcement_required", 71),
        )
    if sample_type is WalesSample.UNPAID_WORK:
        return (
            BooleanAttribute("missed_appointments", 30),
            BooleanAttribute("enforcement_required", 12),
        )
    return ()


def _choices(sample_type: WalesSample) -> tuple[ChoiceAttribute, ...]:
    size = SIZES[sample_type]
    women = round(size * 0.15)
    choices = [ChoiceAttribute("gender", {"male": size - women, "female": women})]
    if sample_type is WalesSample.CASE_SUPERVISION:
        choices += [
            ChoiceAttribute("disposal", {"community order": 70, "suspended sentence order": 30,
                                         "licence": 22, "post-sentence supervision": 8}),
            ChoiceAttribute("rosh_level", {"low": 45, "medium": 85}),
            ChoiceAttribute("responsible_officer_grade", {"PO": 58, "PSO": 72}),
        ]
    elif sample_type is WalesSample.THROUGH_THE_GATE:
        choices.append(ChoiceAttribute("disposal", {"licence": 25, "post-sentence supervision": 8}))
    return tuple(choices)


RELEVANT_SUB_SAMPLE_CHOICE = (
    "2.2.3, 2.3.3 and 2.4.3 all count the cases where risk of serious harm issues apply "
    "(rosh_issues), so one attribute gives one relevant count: 105. Planning (50 of 105) and "
    "implementation (62 of 105) use all of them; for reviewing (36 of 67) the inspector "
    "answered 38 of those cases 'not applicable'."
)

DISCRETION_FOOTNOTE = (
    "In arriving at the rating for planning, we have exercised professional discretion in "
    "relation to the case data, so as to take into account wider evidence gathered about this "
    "particular aspect of practice."
)

JUDGEMENTS: Mapping[str, Judgement] = {
    "1.1": Judgement("Good", "A strong, committed leadership team with a clear vision, a "
                     "well-embedded operating model and strong partnerships in Wales."),
    "1.2": Judgement("Requires improvement", "High workloads at every level, thinly spread "
                     "managers and training that does not meet staff needs."),
    "1.3": Judgement("Good", "Services to support rehabilitation are well developed, "
                     "commissioned from an analysis of needs and kept under review."),
    "1.4": Judgement("Requires improvement", "Management information is used well, but ICT "
                     "and some buildings do not support practitioners' day-to-day work."),
}


def inspection(seed: int = SEED) -> Inspection:
    """The Wales inspection as the platform would hold it, case assessments generated."""
    framework = load_framework(FRAMEWORK_ID)
    samples = []
    for sample_targets in targets(framework):
        sample_type = WalesSample(sample_targets.sample_type)
        strata: tuple[Field, ...] = {
            WalesSample.CASE_SUPERVISION: (Field.GENDER, Field.DISPOSAL, Field.ROSH),
            WalesSample.UNPAID_WORK: (Field.GENDER, Field.ROSH),
            WalesSample.THROUGH_THE_GATE: (),
        }[sample_type]
        facts = SampleFacts(
            sample_type=sample_type,
            size=sample_targets.cases,
            strata=strata,
            delivery_units=DELIVERY_UNITS if sample_type is WalesSample.CASE_SUPERVISION else (),
        )
        samples.append(CaseSample(facts, generate(framework, sample_targets, seed)))
    return Inspection(
        provider="Wales division of KSS CRC",
        title=f"An inspection of probation services in the {PROVIDER}",
        fieldwork_start=dt.date(2019, 2, 1),
        publication="July 2019",
        team=Team(lead_inspector="Joseph Simpson", programme_manager="Helen Rinaldi",
                  chief_inspector="Justin Russell"),
        framework=framework,
        samples=tuple(samples),
        decisions=RatingDecisions(
            judgements=JUDGEMENTS,
            discretions={"2.2": planning_discretion(framework, samples)},
        ),
        narrative=NARRATIVE,
        contextual_facts=CONTEXTUAL_FACTS,
        evidence=EvidenceCounts(officers_interviewed=OFFICERS_INTERVIEWED, meetings=31,
                                interview_findings=interview_findings(framework, samples)),
        practice_examples=PRACTICE_EXAMPLES,
        notice=NOTICE,
    )


def planning_discretion(framework: Framework, samples: list[CaseSample]) -> Discretion:
    """The published discretion on 2.2, citing the figures the scoring core computes for it.

    The lead departed from Inadequate because the limiting key question (50 of 105) sits at
    the band edge; the reason is checked against the figures, which are computed, not typed.
    """
    planning = framework.standard("2.2")
    sample = next(s for s in samples if s.facts.sample_type == planning.sample_type)
    tallies = tally_framework(framework, sample.assessments, planning.sample_type)
    rule = rule_ratings(framework, key_question_percents(tallies, framework))["2.2"]
    uncertainty = standard_uncertainty(framework, planning, tallies, sample.facts.confidence)
    return professional_discretion(rule, "Requires improvement", DISCRETION_FOOTNOTE,
                                   DiscretionReason.BAND_EDGE, uncertainty)


NOTICE = (
    "Demonstration. The text is reproduced from HM Inspectorate of Probation's report on the "
    "Wales division of Kent, Surrey and Sussex CRC (July 2019), © Crown copyright 2019, under "
    "the Open Government Licence v3.0. The case-level data are generated, and no real case is "
    "represented: the ratings and the key-question percentages equal the published ones, and "
    "each prompt figure the report states lies within the range its words mean; the other "
    "prompt figures are generated, not stated in the report."
)

CONTEXTUAL_FACTS = (
    PrintedFact(figure="151,788", measure="The total number of individuals subject to "
                "probation supervision by CRCs across England and Wales",
                source="Ministry of Justice. (2018). Offender management caseload statistics, "
                "as at 30 September 2018."),
    PrintedFact(figure="8,899", measure="The number of individuals supervised by Wales CRC",
                source="Ministry of Justice. (2018). Offender management caseload statistics, "
                "as at 30 September 2018."),
    PrintedFact(figure="47.9%", measure="The adjusted proportion of Wales CRC's service users "
                "with a proven reoffence", source="Ministry of Justice. (2019). Proven "
                "reoffending, Payment by results, January - March 2017 cohort."),
    PrintedFact(figure="77%", measure="The proportion of individuals who were recorded as "
                "having successfully completed their community orders or suspended sentence "
                "orders", source="Ministry of Justice. (2018). CRC Service Level 8, Community "
                "performance quarterly statistics, July 2017 - September 2018, Q2.",
                national_figure="79%", target="75%"),
    PrintedFact(figure="68%", measure="The proportion of positive compliance outcomes with "
                "licences and, where applicable, post-sentence supervision periods",
                source="Ministry of Justice. (2018). CRC Assurance Metric J, Community "
                "performance quarterly statistics, July 2017 - September 2018, Q2.",
                national_figure="71%", target="65%"),
    PrintedFact(figure="92%", measure="The proportion of positive completions of unpaid work "
                "requirements", source="Ministry of Justice. (2018). CRC Service Level 10, "
                "Community performance quarterly statistics, July 2017 - September 2018, Q2.",
                national_figure="89%", target="90%"),
)

PRACTICE_EXAMPLES = (
    PracticeExample("2.2", PracticeKind.POOR, (
        "Kieran was made subject to a 12-month community order with 15 RAR days for a public "
        "order offence in a wider domestic context. A key deficit was the failure to analyse, "
        "plan and deliver a service in respect of the domestic violence and safeguarding issues."
    )),
    PracticeExample("2.3", PracticeKind.GOOD, (
        "Amanda was allocated to a female officer and is seen at the women-only centre. The "
        "officer liaised with the community psychiatric nurse throughout the order, enabling a "
        "joined-up approach to monitoring risks posed by, and to, Amanda."
    )),
    PracticeExample("2.3", PracticeKind.POOR, (
        "Jack's initial assessments were completed as a paper exercise to meet timeliness "
        "targets. No checks had been undertaken with children's services or the police."
    )),
    PracticeExample("4.2", PracticeKind.POOR, (
        "Glen's release to his partner's address was agreed even though he is a domestic "
        "violence perpetrator and there was no safeguarding in place for his partner."
    )),
)

NARRATIVE = Narrative(
    framings=framings(),
    foreword=(
        "The quality of practice is better than we reported in DDC CRC earlier this year, but "
        "it is mixed, and needs to improve considerably. We have rated the CRC as 'Requires "
        "improvement'.\n\n"
        "Management and staff understand the risks and needs of those the CRC supervises. A "
        "sufficient range of community-based and specialist services are in place, including "
        "services for women. Professional staff have high workloads, but they nevertheless "
        "prioritise engagement with those they supervise. However, poor record-keeping is "
        "commonplace.\n\n"
        "With its strong rehabilitative ethos and the clear commitment of staff, and the drive "
        "shown by leaders, much better service provision is certainly within this CRC's grasp."
    ),
    overall_findings=(
        "- **The CRC has a strong leadership team that is committed to the provision of "
        "effective services**\n"
        "- **Lean staff resourcing at all levels has inhibited progress in delivering quality "
        "services**\n"
        "- **Planning for work to address the risk of harm was not good enough in too many "
        "cases**\n"
        "- **Through the Gate resettlement planning did not focus sufficiently on risk of harm "
        "issues**"
    ),
    recommendations=(
        "The Wales division of KSS CRC should:\n\n"
        "1. better manage the workloads of staff, and provide sufficient staff to deliver "
        "services as intended\n"
        "2. improve the quality of planning to address risk of harm and safeguarding\n"
        "3. provide training and development that meet the needs of staff and monitor the "
        "impact of training on practice\n"
        "4. enable team managers to provide effective management oversight of practice\n"
        "5. improve the coordination of resettlement activity.\n\n"
        "KSS CRC should:\n\n"
        "6. make sure that all buildings and ICT support staff to deliver effective services."
    ),
    background=(
        "Ownership of the CRC transferred to Seetec in February 2019. Before this, the CRC was "
        "owned by Working Links. Given that the change in ownership took place three days "
        "before this inspection commenced, the Working Links arrangements set the context for "
        "this inspection."
    ),
    operating_model=(
        "The Working Links CRCs have developed a high/low intensity case management model "
        "supported by a BRAG rating system. Probation Officers and Probation Service Officers "
        "deliver case management in local offices throughout a five Local Delivery Unit "
        "footprint within Wales."
    ),
    domains={
        "1": DomainNarrative(
            summary=("Senior staff in Wales and in Seetec have stabilised the situation and are "
                     "working to renew the emphasis on the delivery of effective probation "
                     "services in Wales."),
            strengths=(
                "There is a committed, skilled and knowledgeable senior management team who "
                "have a clear vision for service delivery.",
                "The operating model is well embedded.",
                "There are strong partnerships in place that support service delivery.",
                "Staff are dedicated to delivering high-quality, personalised services.",
            ),
            areas_for_improvement=(
                "Staff, at all levels, face high workload pressures and do not have sufficient "
                "capacity to consistently deliver high-quality case management.",
                "Management capacity to oversee the quality of practice is stretched.",
                "ICT provision does not adequately support the delivery of services.",
            ),
        ),
        "2": DomainNarrative(
            summary=("Staff are well supported in their local teams, but they have high "
                     "workloads. Plans are often cursory and too many do not adequately "
                     "address risk of harm issues."),
            strengths=(
                "Assessments focus on engagement and diversity.",
                "Community Hubs promote active and inclusive engagement with individuals.",
            ),
            areas_for_improvement=(
                "The quality of plans of work to keep potential victims safe needs to improve.",
                "Home visits were not being used to support the effective management of risk "
                "of harm.",
                "Case oversight by managers does not ensure sufficient focus on risk of harm.",
            ),
        ),
        "4": DomainNarrative(
            summary=("Through the Gate staff engaged well with prisoners but resettlement "
                     "planning did not focus sufficiently on risk of harm issues."),
            strengths=(
                "The sentences of the courts were being implemented appropriately.",
            ),
            areas_for_improvement=(
                "Improvements are needed in the effective coordination of resettlement "
                "activity.",
            ),
        ),
    },
)
