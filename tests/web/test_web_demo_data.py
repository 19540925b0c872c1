"""The web demo's data (``make run``): its inspection is made under the framework demos.json
names and its case list for the sample type named there beside it; loading twice adds nothing."""

from __future__ import annotations

import pytest

from probation_inspection.framework.library import demo_framework, demo_sample_type
from probation_inspection.web.casework.models import CaseList, Sample
from probation_inspection.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_uses_the_framework_and_sample_type_demos_json_names() -> None:
    inspection, created = load_demo()
    assert created
    assert (inspection.framework_id, inspection.framework_version) == demo_framework("web")
    sample_type = demo_sample_type("web")
    case_list = CaseList.objects.get(inspection=inspection)
    assert case_list.sample_type == sample_type
    sample = Sample.objects.get(case_list=case_list)
    assert sample.sample_type == sample_type
    assert sample.cases.count() > 0
    again, created = load_demo()
    assert (again.pk, created) == (inspection.pk, False)
    assert CaseList.objects.filter(inspection=inspection).count() == 1
