"""The sample types a framework file gets when it declares none, for sampling called without
a framework too (the ``sample`` command without ``--framework``, notebooks).

They are the three samples of the published CRC reports, declared as data in
`probation_inspection.framework.sample_types` (instances of the one generic
`SampleTypeDefinition`, not code per type); both shipped framework files declare exactly these
(tests/sampling/test_sample_type_definitions.py holds them equal), and an inspection samples
from its own framework's declarations.
"""

from __future__ import annotations

from collections.abc import Mapping

from probation_inspection.framework.model import SampleTypeDefinition
from probation_inspection.framework.sample_types import (
    CASE_SUPERVISION,
    DEFAULT_SAMPLE_TYPES,
    THROUGH_THE_GATE,
    UNPAID_WORK,
)

__all__ = ["CASE_SUPERVISION", "SHIPPED_SAMPLE_TYPES", "THROUGH_THE_GATE", "UNPAID_WORK",
           "SampleTypeRef", "definition_of"]

SHIPPED_SAMPLE_TYPES: Mapping[str, SampleTypeDefinition] = {
    definition.id: definition for definition in DEFAULT_SAMPLE_TYPES
}

#: A sample type given by its definition, or by the id of a shipped default.
SampleTypeRef = SampleTypeDefinition | str


def definition_of(sample_type: SampleTypeRef) -> SampleTypeDefinition:
    """The definition itself, or the shipped default with that id (KeyError if none)."""
    if isinstance(sample_type, SampleTypeDefinition):
        return sample_type
    return SHIPPED_SAMPLE_TYPES[str(sample_type)]
