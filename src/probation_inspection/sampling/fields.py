"""The fields of a case list: names, categories, header spellings and which are required.

Owns the vocabulary of an imported case list; holds no reading or validation logic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum


class Field(StrEnum):
    """A fact a case list gives about each case."""

    CRN = "crn"
    GENDER = "gender"
    DISPOSAL = "disposal"
    ROSH = "rosh"
    ORGANISATION = "organisation"
    DELIVERY_UNIT = "delivery_unit"
    OFFICE = "office"
    OFFICER_GRADE = "officer_grade"
    START_DATE = "start_date"
    UPW_START_DATE = "upw_start_date"
    UPW_HOURS = "upw_hours"
    RELEASE_DATE = "release_date"
    RELEASING_PRISON = "releasing_prison"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Disposal(StrEnum):
    COMMUNITY_ORDER = "community-order"
    SUSPENDED_SENTENCE_ORDER = "suspended-sentence-order"
    LICENCE = "licence"
    POST_SENTENCE_SUPERVISION = "post-sentence-supervision"
    # Youth disposals (youth justice frameworks): court disposals, then out-of-court ones.
    REFERRAL_ORDER = "referral-order"
    YOUTH_REHABILITATION_ORDER = "youth-rehabilitation-order"
    DETENTION_AND_TRAINING_ORDER = "detention-and-training-order"
    YOUTH_CAUTION = "youth-caution"
    YOUTH_CONDITIONAL_CAUTION = "youth-conditional-caution"
    COMMUNITY_RESOLUTION = "community-resolution"


class RoSH(StrEnum):
    """Risk of serious harm classification."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very-high"


class Organisation(StrEnum):
    CRC = "CRC"
    NPS = "NPS"


class OfficerGrade(StrEnum):
    PO = "PO"
    PSO = "PSO"


#: How each category field is spelled in a case list, after ``normalise``; the canonical
#: value is always accepted too.
CATEGORY_SPELLINGS: Mapping[Field, Mapping[str, str]] = {
    Field.GENDER: {
        "m": Gender.MALE, "man": Gender.MALE, "f": Gender.FEMALE, "woman": Gender.FEMALE
    },
    Field.DISPOSAL: {
        "co": Disposal.COMMUNITY_ORDER,
        "community sentence": Disposal.COMMUNITY_ORDER,
        "sso": Disposal.SUSPENDED_SENTENCE_ORDER,
        "sso supervision": Disposal.SUSPENDED_SENTENCE_ORDER,
        "suspended sentence": Disposal.SUSPENDED_SENTENCE_ORDER,
        "suspended sentence supervision order": Disposal.SUSPENDED_SENTENCE_ORDER,
        "license": Disposal.LICENCE,
        "licence supervision": Disposal.LICENCE,
        "pss": Disposal.POST_SENTENCE_SUPERVISION,
        "yro": Disposal.YOUTH_REHABILITATION_ORDER,
        "dto": Disposal.DETENTION_AND_TRAINING_ORDER,
        "ycc": Disposal.YOUTH_CONDITIONAL_CAUTION,
    },
    Field.ROSH: {
        "l": RoSH.LOW, "m": RoSH.MEDIUM, "med": RoSH.MEDIUM, "h": RoSH.HIGH, "vh": RoSH.VERY_HIGH
    },
    Field.ORGANISATION: {},
    Field.OFFICER_GRADE: {
        "probation officer": OfficerGrade.PO,
        "probation services officer": OfficerGrade.PSO,
        "probation service officer": OfficerGrade.PSO,
    },
}

CATEGORIES: Mapping[Field, type[StrEnum]] = {
    Field.GENDER: Gender,
    Field.DISPOSAL: Disposal,
    Field.ROSH: RoSH,
    Field.ORGANISATION: Organisation,
    Field.OFFICER_GRADE: OfficerGrade,
}

DATE_FIELDS = (Field.START_DATE, Field.UPW_START_DATE, Field.RELEASE_DATE)

#: Court-ordered unpaid work runs from 40 to 300 hours (SEEDS-SPEC f.5).
UPW_HOURS_RANGE = (40, 300)

#: Header spellings matched to each field, most specific first (compared after ``normalise``).
DEFAULT_HEADERS: Mapping[Field, tuple[str, ...]] = {
    Field.CRN: (
        "CRN", "CRN number", "Case reference", "Case reference number", "Case number"
    ),
    Field.GENDER: ("Gender", "Sex"),
    Field.DISPOSAL: (
        "Disposal", "Disposal type", "Type of disposal", "Sentence type", "Order type"
    ),
    Field.ROSH: ("RoSH", "RoSH level", "Risk of serious harm", "Risk of serious harm level"),
    Field.ORGANISATION: ("Managing organisation", "Organisation", "Managed by"),
    Field.DELIVERY_UNIT: (
        "Delivery unit", "LDU", "Local delivery unit", "PDU", "Probation delivery unit", "Cluster"
    ),
    Field.OFFICE: ("Office", "Office location"),
    Field.OFFICER_GRADE: ("RO grade", "Responsible officer grade", "Officer grade", "Grade"),
    Field.START_DATE: (
        "Sentence start date",
        "Licence start date",
        "Sentence or licence start date",
        "Start date",
        "Order start date",
        "Sentence date",
    ),
    Field.UPW_START_DATE: (
        "UPW start date",
        "Unpaid work start date",
        "UPW requirement start date",
        "Requirement start date",
    ),
    Field.UPW_HOURS: ("UPW hours", "Unpaid work hours", "Hours ordered", "Hours"),
    Field.RELEASE_DATE: ("Release date", "Date of release"),
    Field.RELEASING_PRISON: ("Releasing prison", "Prison", "Releasing establishment"),
}

#: How messages name each field.
FIELD_LABELS: Mapping[Field, str] = {
    Field.CRN: "case reference",
    Field.GENDER: "gender",
    Field.DISPOSAL: "disposal type",
    Field.ROSH: "RoSH level",
    Field.ORGANISATION: "managing organisation",
    Field.DELIVERY_UNIT: "delivery unit",
    Field.OFFICE: "office",
    Field.OFFICER_GRADE: "responsible officer grade",
    Field.START_DATE: "sentence or licence start date",
    Field.UPW_START_DATE: "unpaid work start date",
    Field.UPW_HOURS: "unpaid work hours",
    Field.RELEASE_DATE: "release date",
    Field.RELEASING_PRISON: "releasing prison",
}

#: How the methodology sentence and tables name each stratifying field.
FIELD_PHRASES: Mapping[Field, str] = {
    Field.GENDER: "gender",
    Field.DISPOSAL: "type of disposal",
    Field.ROSH: "risk of serious harm level",
    Field.DELIVERY_UNIT: "local delivery unit",
    Field.ORGANISATION: "managing organisation",
    Field.OFFICER_GRADE: "responsible officer grade",
}

#: Short keys the JSON output uses for stratifying fields.
STRATUM_KEYS: Mapping[Field, str] = {
    Field.GENDER: "gender",
    Field.DISPOSAL: "disposal",
    Field.ROSH: "rosh",
    Field.DELIVERY_UNIT: "delivery_unit",
    Field.ORGANISATION: "organisation",
    Field.OFFICER_GRADE: "officer_grade",
}

_SEPARATORS = re.compile(r"[\s_\-./]+")


def normalise(text: str) -> str:
    """Fold case, spacing and punctuation so "RoSH_level" and "rosh level" compare equal."""
    return _SEPARATORS.sub(" ", text.strip().lower()).strip()


#: Words a header may spell another way; each is read as the word it stands for.
HEADER_SYNONYMS: Mapping[str, str] = {
    "ref": "reference", "no": "number", "num": "number", "nr": "number",
    "license": "licence", "organization": "organisation", "managing": "managed",
}

#: Words that say nothing about which field a header names ("Date of sentence").
HEADER_FILLER = frozenset({"of", "the", "for", "on", "in", "a", "an"})

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def header_key(header: str) -> frozenset[str]:
    """The words of a header, ignoring case, punctuation, order, filler and synonyms.

    "Start date (sentence)", "sentence_start_date" and "Sentence Start Date" share one key,
    and so do "Date of sentence" and "Sentence date": two headers with the same key name the
    same thing, whatever order the export put the words in.
    """
    words = _NOT_ALPHANUMERIC.sub(" ", header.lower()).split()
    return frozenset(HEADER_SYNONYMS.get(word, word) for word in words
                     if word not in HEADER_FILLER)


def spellings(field: Field) -> dict[str, str]:
    """Every accepted spelling of a category field (normalised) mapped to its canonical value."""
    table = {normalise(member.value): member.value for member in CATEGORIES[field]}
    table.update({normalise(member.name): member.value for member in CATEGORIES[field]})
    table.update(CATEGORY_SPELLINGS[field])
    return table


def field_named(name: str) -> Field:
    """The field a ``--map`` key names ("crn", "delivery-unit", "RoSH"...)."""
    key = normalise(name).replace(" ", "_")
    for candidate in Field:
        if candidate.value == key:
            return candidate
    raise KeyError(name)
