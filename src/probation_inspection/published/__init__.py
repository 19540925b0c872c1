"""Reading published inspection reports into structured records, checked against the rules.

Entry points: ``read_report`` for text, ``import_bytes`` and ``ImportLedger`` for files.
"""

from probation_inspection.published.importer import (
    ImportedReport,
    ImportLedger,
    Provenance,
    check_report,
    import_bytes,
    sha256_of,
)
from probation_inspection.published.normalise import normalise
from probation_inspection.published.reader import (
    NotARatedInspection,
    PublishedReportError,
    read_report,
)
from probation_inspection.published.record import (
    PublishedDiscretion,
    PublishedReport,
    Samples,
)
from probation_inspection.published.saved import record_from_json
from probation_inspection.published.sources import text_of

__all__ = [
    "ImportLedger",
    "ImportedReport",
    "NotARatedInspection",
    "Provenance",
    "PublishedDiscretion",
    "PublishedReport",
    "PublishedReportError",
    "Samples",
    "check_report",
    "import_bytes",
    "normalise",
    "read_report",
    "record_from_json",
    "sha256_of",
    "text_of",
]
