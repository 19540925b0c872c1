"""The CRC sample-type ids as the tests name them.

The core has no list of sample types: each framework file declares its own (``sample_types``),
and code reads them from the framework. Tests write the ids of the shipped CRC samples often
enough to want names for them. They are the Wales demo's own names for its report's samples
(the demo builds inspections the tests compare with ``is``), strings equal to the ids a
framework declares, so they pass wherever a sample type id is taken.
"""

from __future__ import annotations

from probation_inspection.demo.samples import WalesSample as SampleType

__all__ = ["SampleType"]
