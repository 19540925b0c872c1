"""Keyed pseudonyms for case references in case-level exports (HMAC-SHA256).

Owns the pseudonym rule: the same key and case reference give the same pseudonym, and
without the key a pseudonym cannot be turned back into the CRN.
"""

from __future__ import annotations

import hashlib
import hmac

from probation_inspection.reporting.inputs import ReportingError

#: Hex digits kept: 64 bits keep collisions negligible for any inspection's few hundred cases.
DIGITS = 16
MINIMUM_KEY_BYTES = 16


def pseudonym(case_reference: str, key: bytes) -> str:
    """``"P-"`` and the first 16 hex digits of HMAC-SHA256(key, case reference)."""
    if len(key) < MINIMUM_KEY_BYTES:
        raise ReportingError(
            f"the pseudonym key must be at least {MINIMUM_KEY_BYTES} bytes, got {len(key)}"
        )
    digest = hmac.new(key, case_reference.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:DIGITS]}"
