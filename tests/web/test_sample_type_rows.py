"""A sample or case list row holds the id of one of its inspection's framework's sample types,
and shows the label that framework gives it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from factories import SampleFactory
from probation_inspection.web.casework.models import Sample

pytestmark = pytest.mark.django_db


def test_the_label_comes_from_the_framework() -> None:
    sample: Sample = SampleFactory(sample_type="through-the-gate")
    assert sample.sample_type_label == "Through the Gate"
    assert sample.case_list.sample_type_label == sample.case_list.sample_type_label


def test_a_type_the_framework_does_not_declare_is_refused() -> None:
    sample: Sample = SampleFactory(sample_type="case-supervision")
    sample.clean()
    sample.sample_type = "out-of-court"
    with pytest.raises(ValidationError, match="not a sample type of this inspection's framework"):
        sample.clean()
    assert sample.sample_type_label == "out-of-court"
