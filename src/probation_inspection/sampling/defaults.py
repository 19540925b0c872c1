"""Sample types named by their id alone, resolved from the shipped framework files.

Sampling works on a `SampleTypeDefinition`, which a framework file declares under
``sample_types``; an inspection samples from its own framework's declarations. A caller that
holds only an id (the ``sample`` command without ``--framework``, notebooks, tests) gets the
definition the shipped library declares under that id: no sample type is written in code.
The shipped files that share an id declare it alike
(tests/sampling/test_sample_type_definitions.py checks it); were they ever to differ, the
first framework in library order would decide, so a caller who cares passes the framework's
own definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from probation_inspection.framework.model import SampleTypeDefinition

__all__ = ["SampleTypeRef", "definition_of", "shipped_sample_types"]

#: A sample type given by its definition, or by the id a shipped framework declares.
SampleTypeRef = SampleTypeDefinition | str


@cache
def shipped_sample_types() -> Mapping[str, SampleTypeDefinition]:
    """Every sample type the shipped framework files declare, by id, in library order.

    Read when first asked, not on import: the framework loader reads the sampling package's
    case-list vocabulary, so the library cannot be loaded while this package is imported."""
    from probation_inspection.framework.library import (
        available_frameworks,
        load_framework_reference,
    )

    found: dict[str, SampleTypeDefinition] = {}
    for summary in available_frameworks():
        for definition in load_framework_reference(summary.id).sample_types:
            found.setdefault(definition.id, definition)
    return MappingProxyType(found)


def definition_of(sample_type: SampleTypeRef) -> SampleTypeDefinition:
    """The definition itself, or the one the shipped library declares with that id (KeyError
    naming the declared ids if none does)."""
    if isinstance(sample_type, SampleTypeDefinition):
        return sample_type
    declared = shipped_sample_types()
    if str(sample_type) not in declared:
        raise KeyError(f"{sample_type!r} is not a sample type of any shipped framework "
                       f"(declared: {', '.join(declared)}); pass the framework's definition")
    return declared[str(sample_type)]
