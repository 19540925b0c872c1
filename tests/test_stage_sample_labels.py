"""The stage checklist names each sample type by the label its framework declares, as it
reads mid-sentence (issue 12): no sample type's words live in code."""

from __future__ import annotations

import pytest

from probation_inspection.access import Stage
from probation_inspection.framework.library import load_framework
from probation_inspection.stages import Progress, checklist, in_sentence


@pytest.mark.parametrize(("label", "words"), [
    ("Case supervision", "case supervision"),
    ("Out-of-court disposals", "out-of-court disposals"),
    ("Court reports and allocation", "court reports and allocation"),
    ("Through the Gate", "Through the Gate"),
    ("RoSH cases", "RoSH cases"),
    ("Recent PSO-held cases", "Recent PSO-held cases"),
])
def test_a_label_reads_mid_sentence_keeping_its_proper_names(label: str, words: str) -> None:
    assert in_sentence(label) == words


def test_a_youth_checklist_names_its_own_samples_and_links_to_their_draw_pages() -> None:
    framework = load_framework("hmip-yjs-2021", "2021.1")
    checks = checklist(Stage.PLANNING, framework, Progress(
        drawn_samples=1, drawn_sample_types=frozenset({"court-disposals"}),
        unassigned={"court-disposals": 2}))
    texts = {check.text: check for check in checks}
    assigned = texts["Every court disposals case assigned before fieldwork: 2 cases not yet "
                     "assigned"]
    assert assigned.fix == ("sample", "court-disposals")
    missing = next(check for text, check in texts.items()
                   if text.startswith("A drawn out-of-court disposals sample: "))
    assert not missing.done and missing.fix == ("draw", "out-of-court-disposals")
    drawn = next(check for text, check in texts.items()
                 if text.startswith("A drawn court disposals sample: "))
    assert drawn.done
