"""What each role may see and do at each stage of an inspection, as data, and `can` to ask it;
the report workflow's rights that also depend on the report version's state, and
`can_on_report`; and what the programme-level roles may do outside any one inspection, and
`programme_can`.

Owns the permissions matrices; `docs/roles-and-permissions.md` is generated from them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A member's role on an inspection (values match the web application's)."""

    LEAD_INSPECTOR = "lead-inspector"
    INSPECTOR = "inspector"
    QUALITY_ASSURANCE = "quality-assurance"
    DATA_TEAM = "data-team"
    PROVIDER_READER = "provider-reader"


class Stage(StrEnum):
    """The stages an inspection moves through, in order."""

    PLANNING = "planning"
    FIELDWORK = "fieldwork"
    MODERATION = "moderation"
    RATING = "rating"
    REPORTING = "reporting"
    PUBLISHED = "published"


class Action(StrEnum):
    VIEW_INSPECTION = "view-inspection"
    ADVANCE_STAGE = "advance-stage"
    MANAGE_SAMPLE = "manage-sample"
    VIEW_CASES = "view-cases"
    VIEW_RESULTS = "view-results"
    EDIT_ASSESSMENT = "edit-assessment"
    SUBMIT_ASSESSMENT = "submit-assessment"
    FLAG_FOR_MODERATION = "flag-for-moderation"
    MODERATE = "moderate"
    RETURN_ASSESSMENT = "return-assessment"
    REOPEN_ASSESSMENT = "reopen-assessment"
    VIEW_AGREEMENT = "view-agreement"
    RECORD_EVIDENCE = "record-evidence"
    RECORD_CONTEXTUAL_FACTS = "record-contextual-facts"
    VIEW_EVIDENCE = "view-evidence"
    DECIDE_RATING = "decide-rating"
    VIEW_RATINGS = "view-ratings"
    VIEW_REPORT = "view-report"
    READ_DRAFT_REPORT = "read-draft-report"
    CHECK_FACTUAL_ACCURACY = "check-factual-accuracy"
    VIEW_REPORT_COMMENTS = "view-report-comments"
    ANSWER_REPORT_COMMENT = "answer-report-comment"
    EDIT_NARRATIVE = "edit-narrative"
    APPROVE_PRACTICE_EXAMPLE = "approve-practice-example"
    EDIT_REPORT_DETAILS = "edit-report-details"
    MOVE_REPORT = "move-report"
    EXPORT_AGGREGATE = "export-aggregate"
    EXPORT_CASE_LEVEL = "export-case-level"
    EDIT_INSPECTION = "edit-inspection"
    MANAGE_TEAM = "manage-team"
    VIEW_TEAM_JOBS = "view-team-jobs"


#: What each action means, for the generated table.
DESCRIPTIONS: dict[Action, str] = {
    Action.VIEW_INSPECTION: "See the inspection, its team and its stage",
    Action.ADVANCE_STAGE: "Move the inspection to its next stage",
    Action.MANAGE_SAMPLE: "Upload the case list, draw the sample, assign and substitute cases",
    Action.VIEW_CASES: "See sampled cases and their assessments",
    Action.VIEW_RESULTS: "See live results: tallies, rule ratings and breakdowns",
    Action.EDIT_ASSESSMENT: "Answer and revise a case assessment",
    Action.SUBMIT_ASSESSMENT: "Submit or resubmit a case assessment",
    Action.FLAG_FOR_MODERATION: "Flag a case for moderation",
    Action.MODERATE: "Record a blind QA judgement of a case",
    Action.RETURN_ASSESSMENT: "Return an assessment to its inspector with a comment",
    Action.REOPEN_ASSESSMENT: "Reopen a submitted or moderated assessment with a reason, "
                              "so its inspector revises and resubmits it (from rating on, "
                              "move the inspection back to moderation first)",
    Action.VIEW_AGREEMENT: "See agreement statistics (percent agreement, kappa)",
    Action.RECORD_EVIDENCE: "Record interviews, meetings, documents, presentation notes and "
                            "answers to judgement standards' key questions",
    Action.RECORD_CONTEXTUAL_FACTS: "Enter or import contextual facts",
    Action.VIEW_EVIDENCE: "See domain-one evidence and contextual facts",
    Action.DECIDE_RATING: "Accept a rule rating, apply discretion or record a judgement",
    Action.VIEW_RATINGS: "See standard and overall ratings",
    Action.VIEW_REPORT: "See the report's published versions",
    Action.READ_DRAFT_REPORT: "Read the report as it stands, before its version is published",
    Action.CHECK_FACTUAL_ACCURACY:
        "Read a report version in its factual-accuracy check and comment on its facts",
    Action.VIEW_REPORT_COMMENTS: "See the provider's factual-accuracy comments",
    Action.ANSWER_REPORT_COMMENT:
        "Answer a factual-accuracy comment: accepted, changed, or not accepted with a reason",
    Action.EDIT_NARRATIVE: "Write the report's narrative sections, strengths and areas for "
                           "improvement, practice examples (drafts) and recommendations",
    Action.APPROVE_PRACTICE_EXAMPLE: "Approve a practice example for the report (only approved "
                                     "ones print)",
    Action.EDIT_REPORT_DETAILS: "Change the report's cover, credits and foreword",
    Action.MOVE_REPORT: "Move the report version to its next state (up to publication)",
    Action.EXPORT_AGGREGATE: "Export aggregate results (tallies, ratings)",
    Action.EXPORT_CASE_LEVEL: "Export case-level data",
    Action.EDIT_INSPECTION: "Change the inspection's provider name and fieldwork dates",
    Action.MANAGE_TEAM: "Add people to the team, change their roles or remove them",
    Action.VIEW_TEAM_JOBS:
        "See background work (PDFs, exports) another team member started, and its file",
}

#: Actions on one case that only the case's assessor may take.
ASSESSOR_ONLY = frozenset({
    Action.EDIT_ASSESSMENT, Action.SUBMIT_ASSESSMENT, Action.FLAG_FOR_MODERATION,
})
#: Actions on one case that its own assessor may not take: nobody moderates their own work.
NOT_ASSESSOR = frozenset({Action.MODERATE, Action.RETURN_ASSESSMENT})

_S = Stage
_ALL = frozenset(Stage)
_BEFORE_PUBLICATION = _ALL - {_S.PUBLISHED}
_CASEWORK = frozenset({_S.FIELDWORK, _S.MODERATION})
_FROM_FIELDWORK = _ALL - {_S.PLANNING}
_FROM_MODERATION = frozenset({_S.MODERATION, _S.RATING, _S.REPORTING, _S.PUBLISHED})
_FROM_RATING = frozenset({_S.RATING, _S.REPORTING, _S.PUBLISHED})
_FROM_REPORTING = frozenset({_S.REPORTING, _S.PUBLISHED})
_GATHERING = frozenset({_S.PLANNING, _S.FIELDWORK, _S.MODERATION})

_L, _I, _Q, _D, _P = (Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.QUALITY_ASSURANCE,
                      Role.DATA_TEAM, Role.PROVIDER_READER)

#: The stages at which each role may take each action; a missing entry is never.
MATRIX: dict[tuple[Role, Action], frozenset[Stage]] = {
    **{(role, Action.VIEW_INSPECTION): _ALL for role in (_L, _I, _Q, _D)},
    (_P, Action.VIEW_INSPECTION): frozenset({_S.PUBLISHED}),
    (_L, Action.ADVANCE_STAGE): _BEFORE_PUBLICATION,
    (_L, Action.MANAGE_SAMPLE): frozenset({_S.PLANNING, _S.FIELDWORK}),
    (_D, Action.MANAGE_SAMPLE): frozenset({_S.PLANNING, _S.FIELDWORK}),
    # Those who draw and assign the sample see its cases from planning; others from fieldwork.
    **{(role, Action.VIEW_CASES): _ALL for role in (_L, _D)},
    **{(role, Action.VIEW_CASES): _FROM_FIELDWORK for role in (_I, _Q)},
    # Live results read submitted assessments, which exist from fieldwork; aggregate only.
    **{(role, Action.VIEW_RESULTS): _FROM_FIELDWORK for role in (_L, _I, _Q, _D)},
    (_P, Action.VIEW_RESULTS): frozenset({_S.PUBLISHED}),
    # Revising a returned assessment happens during moderation, hence both stages.
    **{(role, action): _CASEWORK for role in (_L, _I, _Q)
       for action in (Action.EDIT_ASSESSMENT, Action.SUBMIT_ASSESSMENT,
                      Action.FLAG_FOR_MODERATION)},
    # QA moderates submissions as they come in, not only once fieldwork ends.
    (_Q, Action.MODERATE): _CASEWORK,
    (_Q, Action.RETURN_ASSESSMENT): _CASEWORK,
    # The lead reopens an assessment only while its inspector can still revise it; at rating
    # the stage is reopened first (issue 13).
    (_L, Action.REOPEN_ASSESSMENT): _CASEWORK,
    **{(role, Action.VIEW_AGREEMENT): _FROM_MODERATION for role in (_L, _Q, _D)},
    # The lead records domain-one evidence at rating too: a judgement must cite evidence, and
    # what rating shows is missing can only be added while the lead is rating (issue 13).
    (_L, Action.RECORD_EVIDENCE): _GATHERING | {_S.RATING},
    (_I, Action.RECORD_EVIDENCE): frozenset({_S.FIELDWORK}),
    (_L, Action.RECORD_CONTEXTUAL_FACTS): _GATHERING,
    (_D, Action.RECORD_CONTEXTUAL_FACTS): _GATHERING,
    **{(role, Action.VIEW_EVIDENCE): _ALL for role in (_L, _I, _Q, _D)},
    (_L, Action.DECIDE_RATING): frozenset({_S.RATING}),
    **{(role, Action.VIEW_RATINGS): _FROM_RATING for role in (_L, _I, _Q, _D)},
    (_P, Action.VIEW_RATINGS): frozenset({_S.PUBLISHED}),
    **{(role, Action.VIEW_REPORT): _FROM_REPORTING for role in (_L, _I, _Q, _D)},
    (_P, Action.VIEW_REPORT): frozenset({_S.PUBLISHED}),
    **{(role, Action.READ_DRAFT_REPORT): _FROM_REPORTING for role in (_L, _I, _Q, _D)},
    # Before publication only while a version awaits the provider's check (see REPORT_STATES);
    # after it, a later version (a correction) is checked the same way.
    (_P, Action.CHECK_FACTUAL_ACCURACY): _FROM_REPORTING,
    **{(role, Action.VIEW_REPORT_COMMENTS): _FROM_REPORTING for role in (_L, _I, _Q, _D)},
    # The lead answers for the team (the one who signs off, which waits for every answer).
    (_L, Action.ANSWER_REPORT_COMMENT): _FROM_REPORTING,
    # The team's writers; QA and the data team read the report but do not write it.
    **{(role, Action.EDIT_NARRATIVE): _FROM_REPORTING for role in (_L, _I)},
    # What prints about a case and who is credited are the lead's to settle (issue 14).
    (_L, Action.APPROVE_PRACTICE_EXAMPLE): _FROM_REPORTING,
    (_L, Action.EDIT_REPORT_DETAILS): _FROM_REPORTING,
    (_L, Action.MOVE_REPORT): _FROM_REPORTING,
    **{(role, Action.EXPORT_AGGREGATE): _FROM_RATING for role in (_L, _D)},
    (_P, Action.EXPORT_AGGREGATE): frozenset({_S.PUBLISHED}),
    (_D, Action.EXPORT_CASE_LEVEL): _FROM_FIELDWORK,
    # Dates and the provider's name are planning facts a lead gets wrong at creation (issue
    # 13); they stay editable while cases are gathered (fieldwork is moved at short notice),
    # but the ratings and report are made from them, so from rating on they are fixed.
    # The framework is never editable here: every assessment records the version it used.
    (_L, Action.EDIT_INSPECTION): _GATHERING,
    # Someone falls ill or joins mid-fieldwork, a QA inspector joins for moderation and a
    # provider reader for the factual-accuracy check: the team changes until publication.
    (_L, Action.MANAGE_TEAM): _BEFORE_PUBLICATION,
    # A job's page and file are its starter's (see `can_see_job`); the lead answers for the
    # team's work, so sees every job started on the inspection.
    (_L, Action.VIEW_TEAM_JOBS): _ALL,
}


class ReportState(StrEnum):
    """A report version's state, in order (values match the web application's ReportState)."""

    DRAFT = "draft"
    FACTUAL_ACCURACY_CHECK = "factual-accuracy-check"
    SIGNED_OFF = "signed-off"
    PUBLISHED = "published"


#: Report-workflow actions that also depend on the state of the report's current version:
#: the states in which the action is allowed (on top of the role and stage in `MATRIX`).
#: Every other action is allowed whatever the report's state.
REPORT_STATES: dict[Action, frozenset[ReportState]] = {
    Action.CHECK_FACTUAL_ACCURACY: frozenset({ReportState.FACTUAL_ACCURACY_CHECK}),
    # Answers are given during the check; signing off fixes them with the narrative.
    Action.ANSWER_REPORT_COMMENT: frozenset({ReportState.FACTUAL_ACCURACY_CHECK}),
    # Signing off fixes the narrative for publication; editing a published version's
    # narrative starts the next version.
    Action.EDIT_NARRATIVE: frozenset({ReportState.DRAFT, ReportState.FACTUAL_ACCURACY_CHECK,
                                      ReportState.PUBLISHED}),
    Action.APPROVE_PRACTICE_EXAMPLE: frozenset({ReportState.DRAFT,
                                                ReportState.FACTUAL_ACCURACY_CHECK,
                                                ReportState.PUBLISHED}),
    Action.EDIT_REPORT_DETAILS: frozenset({ReportState.DRAFT, ReportState.FACTUAL_ACCURACY_CHECK,
                                           ReportState.PUBLISHED}),
    # A published version never moves again.
    Action.MOVE_REPORT: frozenset(ReportState) - {ReportState.PUBLISHED},
}
#: How the generated page states each state condition: in a cell, and in the rules.
_STATE_CONDITIONS: dict[Action, tuple[str, str]] = {
    Action.CHECK_FACTUAL_ACCURACY: ("version in its check",
                                    "only while the version is in its factual-accuracy check"),
    Action.ANSWER_REPORT_COMMENT: ("version in its check",
                                   "only while the version is in its factual-accuracy check"),
    Action.EDIT_NARRATIVE: ("version not signed off", "never while the version is signed off"),
    Action.APPROVE_PRACTICE_EXAMPLE: ("version not signed off",
                                      "never while the version is signed off"),
    Action.EDIT_REPORT_DETAILS: ("version not signed off",
                                 "never while the version is signed off"),
    Action.MOVE_REPORT: ("version not published", "never once the version is published"),
}


def can(role: Role | str, action: Action | str, stage: Stage | str, *,
        is_assessor: bool = False) -> bool:
    """Whether ``role`` may take ``action`` at ``stage``.

    ``is_assessor`` says whether the user is the assessor of the case the action is about:
    assessment changes need it, moderation forbids it. Unknown names raise ValueError.
    For an action in `REPORT_STATES` this is the role and stage alone (whether to offer it
    at all); `can_on_report` adds the report version's state.
    """
    role, action, stage = Role(role), Action(action), Stage(stage)
    if action in ASSESSOR_ONLY and not is_assessor:
        return False
    if action in NOT_ASSESSOR and is_assessor:
        return False
    return stage in MATRIX.get((role, action), frozenset())


def can_on_report(role: Role | str, action: Action | str, stage: Stage | str,
                  state: ReportState | str | None) -> bool:
    """Whether ``role`` may take the report-workflow ``action`` at ``stage`` when the report's
    current version is in ``state`` (None: no version yet, which counts as a draft)."""
    action = Action(action)
    current = ReportState.DRAFT if state is None else ReportState(state)
    return (can(role, action, stage)
            and current in REPORT_STATES.get(action, frozenset(ReportState)))


class PermissionRefused(PermissionError):
    """A role tried an action the matrix does not allow at this stage.

    ``str()`` is the terse form for logs and the command line; ``human`` says the same in
    words a page can show ("A lead inspector cannot ... at the rating stage ...").
    """

    def __init__(self, message: str, human: str = "") -> None:
        super().__init__(message)
        self.human = human or message


#: How a refusal names each role in words.
ROLE_WORDS: dict[Role, str] = {
    Role.LEAD_INSPECTOR: "a lead inspector",
    Role.INSPECTOR: "an inspector",
    Role.QUALITY_ASSURANCE: "a quality-assurance inspector",
    Role.DATA_TEAM: "the data team",
    Role.PROVIDER_READER: "a provider reader",
}


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _human_refusal(role: Role, action: Action, stage: Stage, case: str,
                   allowed: list[str]) -> str:
    what = DESCRIPTIONS[action]
    who = ROLE_WORDS[role]
    when = (f"this is allowed only at {_words(allowed)}" if allowed
            else "only other roles may")
    return (f"{who[0].upper()}{who[1:]} cannot {what[0].lower()}{what[1:]}{case} at the "
            f"{stage.value} stage; {when}")


def require(role: Role | str, action: Action | str, stage: Stage | str, *,
            is_assessor: bool = False) -> None:
    """Raise `PermissionRefused`, saying who tried what and when, unless `can` allows it."""
    if not can(role, action, stage, is_assessor=is_assessor):
        stages = MATRIX.get((Role(role), Action(action)), frozenset())
        allowed = [stage.value for stage in Stage if stage in stages]
        when = ", ".join(allowed) if allowed else "no stage"
        case = ""
        if Action(action) in ASSESSOR_ONLY and not is_assessor:
            case = " (only on cases assigned to you)"
        elif Action(action) in NOT_ASSESSOR and is_assessor:
            case = " (not on a case you assessed)"
        raise PermissionRefused(
            f"role {Role(role).value} may not {Action(action).value} at "
            f"{Stage(stage).value}{case}; allowed at: {when}",
            _human_refusal(Role(role), Action(action), Stage(stage), case, allowed),
        )


@dataclass(frozen=True)
class _Cell:
    stages: frozenset[Stage]
    condition: str

    def render(self) -> str:
        if not self.stages:
            return "—"
        if self.stages == _ALL:
            text = "all"
        else:
            text = ", ".join(stage.value for stage in Stage if stage in self.stages)
        return f"{text}{self.condition}"


def require_on_report(role: Role | str, action: Action | str, stage: Stage | str,
                      state: ReportState | str | None) -> None:
    """Raise `PermissionRefused` unless `can_on_report` allows it, saying why."""
    require(role, action, stage)
    if not can_on_report(role, action, stage, state):
        current = ReportState.DRAFT if state is None else ReportState(state)
        allowed = ", ".join(s.value for s in ReportState if s in REPORT_STATES[Action(action)])
        who, what = ROLE_WORDS[Role(role)], DESCRIPTIONS[Action(action)]
        words = _words([s.value.replace("-", " ") for s in ReportState
                        if s in REPORT_STATES[Action(action)]])
        raise PermissionRefused(
            f"role {Role(role).value} may not {Action(action).value} while the report version "
            f"is {current.value}; allowed in: {allowed}",
            f"{who[0].upper()}{who[1:]} cannot {what[0].lower()}{what[1:]} while the report "
            f"version is {current.value.replace('-', ' ')}; this is allowed only while it is "
            f"{words}")


def _cell(role: Role, action: Action) -> _Cell:
    stages = MATRIX.get((role, action), frozenset())
    condition = " (own cases)" if action in ASSESSOR_ONLY and stages else ""
    if action in NOT_ASSESSOR and stages:
        condition = " (not own cases)"
    if action in REPORT_STATES and stages:
        condition = f" ({_STATE_CONDITIONS[action][0]})"
    return _Cell(stages, condition)


def render_markdown() -> str:
    """The roles-and-permissions page, generated from `MATRIX`."""
    roles = list(Role)
    lines = [
        "# Roles and permissions",
        "",
        "Generated from `src/probation_inspection/access.py` by",
        "`python -m probation_inspection.access > docs/roles-and-permissions.md`;",
        "a test fails when this page and the matrix disagree. Each cell lists the stages at",
        "which the role may take the action (— never). Stages, in order: "
        + ", ".join(stage.value for stage in Stage) + ".",
        "",
        "| Action | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = " | ".join(_cell(role, action).render() for role in roles)
        lines.append(f"| {DESCRIPTIONS[action]} (`{action.value}`) | {cells} |")
    lines += [
        "",
        "Rules the table encodes:",
        "",
        "- The provider reader sees nothing before publication but a report version sent",
        "  for its factual-accuracy check (the inspection is found for them while one is);",
        "  afterwards the inspection, its live results, ratings, the published report and",
        "  aggregate exports.",
        "- The lead inspector and the data team see the sample's cases from planning, when",
        "  they draw and assign it; the other team members from fieldwork.",
        "- \"Own cases\": assessment changes need the user to be the case's assessor",
        "  (`is_assessor`); moderation and returns are refused on a case one assessed.",
        "- Only the lead inspector decides ratings, and only at the rating stage.",
        "- Only the data team exports case-level data.",
        "- Report-workflow actions with a condition in brackets also depend on the state",
        "  of the report's current version (" + ", ".join(state.value for state in ReportState)
        + "; no version yet counts as draft):",
        *(f"  - `{action.value}`: {_STATE_CONDITIONS[action][1]}"
          f" (allowed in: {', '.join(s.value for s in ReportState if s in REPORT_STATES[action])})."
          for action in REPORT_STATES),
        "- Only the lead inspector moves the report on; only the lead and inspectors write",
        "  its narrative; only the provider reader comments on its factual accuracy, and the",
        "  provider reader does not see the team's copy of the comments.",
        "",
        *_programme_table(),
        "",
    ]
    return "\n".join(lines)


def can_see_job(role: Role | str | None, stage: Stage | str | None, *,
                started_it: bool) -> bool:
    """Whether a user may see a background job (its progress page and its file).

    A programme-level job (``stage`` None: no inspection) is its starter's alone. A job on an
    inspection needs a place on its team (``role`` None: not, or no longer, on it): then its
    starter sees it, and anyone whose role may see the team's jobs.
    """
    if stage is None:
        return started_it
    if role is None:
        return False
    return started_it or can(role, Action.VIEW_TEAM_JOBS, stage)


def permitted(role: Role, stage: Stage, *, is_assessor: bool = False) -> Iterable[Action]:
    """Every action ``role`` may take at ``stage`` (for menus)."""
    return [a for a in Action if can(role, a, stage, is_assessor=is_assessor)]


def roles_that_may(action: Action | str) -> frozenset[Role]:
    """The roles that may take ``action`` at some stage (e.g. who can be assigned cases)."""
    action = Action(action)
    return frozenset(role for role in Role if MATRIX.get((role, action)))


class ProgrammeRole(StrEnum):
    """A role across the inspection programme, held by a user rather than on one inspection."""

    PROGRAMME_MANAGER = "inspection-programme-manager"
    DATA_TEAM = "research-and-data-team"


class ProgrammeAction(StrEnum):
    CREATE_INSPECTION = "create-inspection"
    IMPORT_PUBLISHED_REPORTS = "import-published-reports"
    MANAGE_USERS = "manage-users"
    MANAGE_FRAMEWORKS = "manage-frameworks"


PROGRAMME_DESCRIPTIONS: dict[ProgrammeAction, str] = {
    ProgrammeAction.CREATE_INSPECTION:
        "Create an inspection and choose its lead inspector and team",
    ProgrammeAction.IMPORT_PUBLISHED_REPORTS:
        "Import published reports into the shared benchmark store",
    ProgrammeAction.MANAGE_USERS:
        "Create user accounts, deactivate them and give or take programme roles",
    ProgrammeAction.MANAGE_FRAMEWORKS:
        "Upload a framework file to the library and publish it as a version new inspections "
        "may use",
}

#: Who may take each programme-level action. Being on an inspection's team, in any role,
#: grants none of these: leading one inspection is not a right over the programme.
PROGRAMME_MATRIX: dict[ProgrammeAction, frozenset[ProgrammeRole]] = {
    ProgrammeAction.CREATE_INSPECTION: frozenset({ProgrammeRole.PROGRAMME_MANAGER}),
    ProgrammeAction.IMPORT_PUBLISHED_REPORTS: frozenset({
        ProgrammeRole.PROGRAMME_MANAGER, ProgrammeRole.DATA_TEAM}),
    ProgrammeAction.MANAGE_USERS: frozenset({ProgrammeRole.PROGRAMME_MANAGER}),
    # A published version is offered to every new inspection in the programme, so publishing
    # one is a programme decision like creating an inspection: not the lead of one inspection's.
    ProgrammeAction.MANAGE_FRAMEWORKS: frozenset({ProgrammeRole.PROGRAMME_MANAGER}),
}


def programme_can(roles: Iterable[ProgrammeRole | str], action: ProgrammeAction | str, *,
                  administrator: bool = False) -> bool:
    """Whether a user holding ``roles`` may take the programme-level ``action``.

    ``administrator`` is the service's own administrators (Django staff), who may take every
    programme action. Unknown names raise ValueError.
    """
    allowed = PROGRAMME_MATRIX[ProgrammeAction(action)]
    held = {ProgrammeRole(role) for role in roles}
    return administrator or bool(held & allowed)


def _programme_table() -> list[str]:
    roles = list(ProgrammeRole)
    lines = [
        "## Programme-level actions",
        "",
        "These belong to no inspection, so no inspection role grants them: a user holds a",
        "programme role (given by a programme manager or an administrator), and administrators",
        "(staff) may take every one. \"yes\" allowed, — never.",
        "",
        "| Action | " + " | ".join(role.value for role in roles) + " | administrator |",
        "|---|" + "---|" * (len(roles) + 1),
    ]
    for action in ProgrammeAction:
        cells = " | ".join("yes" if role in PROGRAMME_MATRIX[action] else "—"
                           for role in roles)
        lines.append(f"| {PROGRAMME_DESCRIPTIONS[action]} (`{action.value}`) | {cells} | yes |")
    return lines


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
