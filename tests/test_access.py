"""The permissions matrix, walked cell by cell against a second, independent statement of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from probation_inspection.access import (
    ASSESSOR_ONLY,
    NOT_ASSESSOR,
    REPORT_STATES,
    Action,
    PermissionRefused,
    ReportState,
    Role,
    Stage,
    can,
    can_on_report,
    permitted,
    render_markdown,
    require,
    require_on_report,
)

# Columns: planning, fieldwork, moderation, rating, reporting, published ("1" allowed).
# Rows per action: lead inspector, inspector, QA inspector, data team, provider reader.
# Own-case actions are stated for the case's assessor; moderation for someone else's case.
EXPECTED = """
view-inspection          111111 111111 111111 111111 .....1
advance-stage            11111. ...... ...... ...... ......
manage-sample            11.... ...... ...... 11.... ......
view-cases               111111 .11111 .11111 111111 ......
view-results             .11111 .11111 .11111 .11111 .....1
edit-assessment          .11... .11... .11... ...... ......
submit-assessment        .11... .11... .11... ...... ......
flag-for-moderation      .11... .11... .11... ...... ......
moderate                 ...... ...... .11... ...... ......
return-assessment        ...... ...... .11... ...... ......
reopen-assessment        .11... ...... ...... ...... ......
view-agreement           ..1111 ...... ..1111 ..1111 ......
record-evidence          1111.. .1.... ...... ...... ......
record-contextual-facts  111... ...... ...... 111... ......
view-evidence            111111 111111 111111 111111 ......
decide-rating            ...1.. ...... ...... ...... ......
view-ratings             ...111 ...111 ...111 ...111 .....1
view-report              ....11 ....11 ....11 ....11 .....1
read-draft-report        ....11 ....11 ....11 ....11 ......
check-factual-accuracy   ...... ...... ...... ...... ....11
view-report-comments     ....11 ....11 ....11 ....11 ......
answer-report-comment    ....11 ...... ...... ...... ......
edit-narrative           ....11 ....11 ...... ...... ......
approve-practice-example ....11 ...... ...... ...... ......
edit-report-details      ....11 ...... ...... ...... ......
move-report              ....11 ...... ...... ...... ......
export-aggregate         ...111 ...... ...... ...111 .....1
export-case-level        ...... ...... ...... .11111 ......
edit-inspection          111... ...... ...... ...... ......
manage-team              11111. ...... ...... ...... ......
view-team-jobs           111111 ...... ...... ...... ......
"""

ROLES = [Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.QUALITY_ASSURANCE, Role.DATA_TEAM,
         Role.PROVIDER_READER]
STAGES = list(Stage)


def expected_table() -> dict[tuple[Role, Action, Stage], bool]:
    table = {}
    for line in EXPECTED.strip().splitlines():
        action, *rows = line.split()
        for role, row in zip(ROLES, rows, strict=True):
            for stage, mark in zip(STAGES, row, strict=True):
                table[(role, Action(action), stage)] = mark == "1"
    return table


TABLE = expected_table()
CELLS = [(role, action, stage) for role in Role for action in Action for stage in Stage]


def test_the_statement_covers_every_cell() -> None:
    assert set(TABLE) == set(CELLS)


@pytest.mark.parametrize(("role", "action", "stage"), CELLS)
def test_every_cell(role: Role, action: Action, stage: Stage) -> None:
    assessor_case = action not in NOT_ASSESSOR
    assert can(role, action, stage, is_assessor=assessor_case) is TABLE[(role, action, stage)]
    if action in ASSESSOR_ONLY:
        assert not can(role, action, stage, is_assessor=False)
    elif action in NOT_ASSESSOR:
        assert not can(role, action, stage, is_assessor=True)
    else:
        assert can(role, action, stage, is_assessor=False) is TABLE[(role, action, stage)]


def test_the_provider_reader_sees_nothing_before_publication_but_a_check() -> None:
    for stage in STAGES[:-1]:
        for action in Action:
            for is_assessor in (False, True):
                for state in (*ReportState, None):
                    allowed = can_on_report(Role.PROVIDER_READER, action, stage, state) or can(
                        Role.PROVIDER_READER, action, stage, is_assessor=is_assessor) and (
                        action not in REPORT_STATES)
                    expected = (action is Action.CHECK_FACTUAL_ACCURACY
                                and stage is Stage.REPORTING
                                and state is ReportState.FACTUAL_ACCURACY_CHECK)
                    assert allowed is expected, (action, stage, state)


# Per report-workflow action that depends on the version's state: the states it is allowed in
# (d draft, f factual-accuracy check, s signed off, p published), on top of its stage cells.
EXPECTED_STATES = {
    Action.CHECK_FACTUAL_ACCURACY: "f",
    Action.ANSWER_REPORT_COMMENT: "f",
    Action.EDIT_NARRATIVE: "dfp",
    Action.APPROVE_PRACTICE_EXAMPLE: "dfp",
    Action.EDIT_REPORT_DETAILS: "dfp",
    Action.MOVE_REPORT: "dfs",
}
LETTERS = dict(zip("dfsp", ReportState, strict=True))


@pytest.mark.parametrize(("role", "action", "stage"), CELLS)
def test_every_cell_in_every_report_state(role: Role, action: Action, stage: Stage) -> None:
    allowed_states = {LETTERS[letter] for letter in EXPECTED_STATES.get(action, "dfsp")}
    for state in ReportState:
        expected = TABLE[(role, action, stage)] and state in allowed_states
        if action in ASSESSOR_ONLY or action in NOT_ASSESSOR:
            continue  # case actions are not report actions; `can` covers them
        assert can_on_report(role, action, stage, state) is expected
    if action not in ASSESSOR_ONLY:
        # No version yet counts as a draft.
        assert can_on_report(role, action, stage, None) is can_on_report(
            role, action, stage, ReportState.DRAFT)


def test_only_the_named_report_actions_depend_on_the_state() -> None:
    assert set(REPORT_STATES) == set(EXPECTED_STATES)


def test_require_on_report_says_which_states_allow_it() -> None:
    require_on_report(Role.LEAD_INSPECTOR, Action.EDIT_NARRATIVE, Stage.REPORTING, None)
    with pytest.raises(PermissionRefused, match=(
            "role lead-inspector may not edit-narrative while the report version is "
            "signed-off; allowed in: draft, factual-accuracy-check, published")):
        require_on_report(Role.LEAD_INSPECTOR, Action.EDIT_NARRATIVE, Stage.REPORTING,
                          ReportState.SIGNED_OFF)
    with pytest.raises(PermissionRefused, match="allowed at: reporting, published"):
        require_on_report(Role.LEAD_INSPECTOR, Action.MOVE_REPORT, Stage.RATING,
                          ReportState.DRAFT)
    with pytest.raises(PermissionRefused, match="may not move-report at reporting"):
        require_on_report(Role.INSPECTOR, Action.MOVE_REPORT, Stage.REPORTING, None)


def test_the_document_states_the_report_state_conditions() -> None:
    text = render_markdown()
    assert "| reporting, published (version in its check) |" in text
    assert "(`edit-narrative`) | reporting, published (version not signed off) |" in text
    for action in REPORT_STATES:
        assert f"  - `{action.value}`: " in text


def test_only_the_lead_inspector_decides_ratings_and_only_the_data_team_exports_cases() -> None:
    deciders = {role for role, action, stage in CELLS
                if action is Action.DECIDE_RATING and can(role, action, stage)}
    exporters = {role for role, action, stage in CELLS
                 if action is Action.EXPORT_CASE_LEVEL and can(role, action, stage)}
    assert deciders == {Role.LEAD_INSPECTOR}
    assert exporters == {Role.DATA_TEAM}


def test_inspectors_change_only_their_own_cases() -> None:
    assert can("inspector", "edit-assessment", "fieldwork", is_assessor=True)
    assert not can("inspector", "edit-assessment", "fieldwork")


def test_unknown_names_are_errors() -> None:
    with pytest.raises(ValueError, match="'chief'"):
        can("chief", Action.VIEW_CASES, Stage.FIELDWORK)
    with pytest.raises(ValueError, match="'delete-everything'"):
        can(Role.INSPECTOR, "delete-everything", Stage.FIELDWORK)


def test_require_says_who_tried_what_and_when_it_is_allowed() -> None:
    require(Role.LEAD_INSPECTOR, Action.DECIDE_RATING, Stage.RATING)
    with pytest.raises(PermissionRefused, match=(
            "role inspector may not decide-rating at rating; allowed at: no stage")):
        require(Role.INSPECTOR, Action.DECIDE_RATING, Stage.RATING)
    with pytest.raises(PermissionRefused, match=r"only on cases assigned to you"):
        require(Role.INSPECTOR, Action.EDIT_ASSESSMENT, Stage.FIELDWORK)
    with pytest.raises(PermissionRefused, match=r"not on a case you assessed"):
        require(Role.QUALITY_ASSURANCE, Action.MODERATE, Stage.MODERATION, is_assessor=True)
    with pytest.raises(PermissionRefused, match="allowed at: fieldwork, moderation"):
        require(Role.QUALITY_ASSURANCE, Action.MODERATE, Stage.RATING)


def test_permitted_lists_the_menu() -> None:
    # The factual-accuracy check is on the menu; whether a version is in it is the state's.
    assert list(permitted(Role.PROVIDER_READER, Stage.PUBLISHED)) == [
        Action.VIEW_INSPECTION, Action.VIEW_RESULTS, Action.VIEW_RATINGS, Action.VIEW_REPORT,
        Action.CHECK_FACTUAL_ACCURACY, Action.EXPORT_AGGREGATE]


def test_the_document_is_the_matrix() -> None:
    doc = Path(__file__).parents[1] / "docs" / "roles-and-permissions.md"
    assert doc.read_text(encoding="utf-8") == render_markdown(), (
        "regenerate: python -m probation_inspection.access > docs/roles-and-permissions.md")


def test_programme_actions_need_a_programme_role_not_an_inspection_role() -> None:
    from probation_inspection.access import ProgrammeAction, ProgrammeRole, programme_can

    create, import_ = ProgrammeAction.CREATE_INSPECTION, ProgrammeAction.IMPORT_PUBLISHED_REPORTS
    assert programme_can([ProgrammeRole.PROGRAMME_MANAGER], create)
    assert programme_can(["inspection-programme-manager"], import_)
    assert programme_can([ProgrammeRole.DATA_TEAM], import_)
    assert not programme_can([ProgrammeRole.DATA_TEAM], create)
    # No programme role: nobody, whatever they are on any inspection's team.
    assert not programme_can([], create) and not programme_can([], import_)
    assert programme_can([], create, administrator=True)
    with pytest.raises(ValueError):
        programme_can(["lead-inspector"], create)
    with pytest.raises(ValueError):
        programme_can([], "become-lead")


def test_assessors_are_the_roles_that_edit_assessments() -> None:
    from probation_inspection.access import roles_that_may

    assert roles_that_may(Action.EDIT_ASSESSMENT) == {
        Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.QUALITY_ASSURANCE}
    assert roles_that_may(Action.MANAGE_SAMPLE) == {Role.LEAD_INSPECTOR, Role.DATA_TEAM}


def test_the_document_lists_the_programme_actions() -> None:
    text = render_markdown()
    assert "| Create an inspection and choose its lead inspector and team (`create-inspection`)" \
           " | yes | — | yes |" in text
    assert "(`import-published-reports`) | yes | yes | yes |" in text
