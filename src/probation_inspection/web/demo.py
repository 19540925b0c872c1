"""The demonstration data ``make run`` loads: a provider, an inspection in fieldwork, a
generated case list, a drawn sample and one user per role. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from probation_inspection.framework.library import demo_framework, demo_sample_type
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.tabular import reader_input_csv
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.casework.models import CaseList, CaseStatus, Sample
from probation_inspection.web.casework.sampling import (
    draw_sample,
    read_upload,
    sample_type_definition,
)
from probation_inspection.web.inspections.models import (
    Inspection,
    Provider,
    Role,
    Stage,
    TeamMember,
)

PROVIDER = "Demonstration CRC"
FRAMEWORK = demo_framework("web")  # (id, version), named in the library's demos.json
#: The demo framework's sample type the demo case list is made for (named in demos.json too).
SAMPLE_TYPE = demo_sample_type("web")
FIELDWORK_START = dt.date(2026, 11, 2)
SEED = 20181
UNITS = ("North", "South", "East", "West", "Central")


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role: Role
    password: str
    #: A programme-level role beside the inspection role: who may create inspections and
    #: import published reports in the demo.
    programme_role: ProgrammeRole | None = None

    @property
    def described(self) -> str:
        """The roles as the sign-in list prints them."""
        if self.programme_role is None:
            return str(self.role.label)
        return f"{self.role.label} ({self.programme_role.label.lower()})"


#: Demo passwords are printed by ``make run``; they only exist in the local demo database.
USERS = (
    DemoUser("lead", "Lena Lead", Role.LEAD_INSPECTOR, "demo-lead-inspector-2026",
             ProgrammeRole.PROGRAMME_MANAGER),
    DemoUser("inspector", "Ian Inspector", Role.INSPECTOR, "demo-inspector-2026"),
    DemoUser("inspector2", "Isla Inspector", Role.INSPECTOR, "demo-inspector-two-2026"),
    DemoUser("qa", "Quinn Assurance", Role.QUALITY_ASSURANCE, "demo-quality-assurance-2026"),
    DemoUser("data", "Dana Data", Role.DATA_TEAM, "demo-data-team-2026",
             ProgrammeRole.DATA_TEAM),
    DemoUser("provider", "Pat Provider", Role.PROVIDER_READER, "demo-provider-reader-2026"),
)


def case_list_csv(
    fieldwork_start: dt.date, cases: int, seed: int, *, units: tuple[str, ...] = UNITS
) -> bytes:
    """A synthetic case supervision case list, most cases inside the eligibility window."""
    chooser = random.Random(seed)
    rows: list[list[object]] = []
    for number in range(1, cases + 1):
        # About 200 days before fieldwork is inside the six-to-seven-month window.
        start = fieldwork_start - dt.timedelta(days=chooser.choice(range(185, 210))
                                               if chooser.random() < 0.9 else 30)
        rows.append([
            f"D{seed % 1000:03d}{number:05d}",
            chooser.choices(["Male", "Female"], weights=[85, 15])[0],
            chooser.choices(["Community order", "Suspended sentence order", "Licence"],
                            weights=[50, 25, 25])[0],
            chooser.choices(["Low", "Medium", "High", "Very high"], weights=[30, 50, 18, 2])[0],
            start.isoformat(),
            chooser.choice(units),
            chooser.choices(["PO", "PSO"], weights=[40, 60])[0],
        ])
    # An upload for the case-list reader, not a download: written exactly.
    return reader_input_csv(["CRN", "Gender", "Disposal", "RoSH", "Sentence start date", "LDU",
                             "RO grade"], rows).encode("utf-8")


def grant_programme_roles(users: dict[str, Any]) -> None:
    """Give the demo users their programme roles; idempotent, and mends an older demo database
    made before programme roles existed."""
    for demo in USERS:
        if demo.programme_role is not None:
            ProgrammeMembership.objects.get_or_create(user=users[demo.username],
                                                      role=demo.programme_role)


def load_demo() -> tuple[Inspection, bool]:
    """Create the demo once; returns the inspection and whether anything was created."""
    with transaction.atomic():
        model = get_user_model()
        users: dict[str, Any] = {}
        for demo in USERS:
            user = model.objects.filter(username=demo.username).first()
            if user is None:
                first, last = demo.name.split(" ", 1)
                user = model.objects.create_user(demo.username, password=demo.password,
                                                 first_name=first, last_name=last)
            users[demo.username] = user
        grant_programme_roles(users)
        provider, _ = Provider.objects.get_or_create(name=PROVIDER)
        inspection = Inspection.objects.filter(provider=provider).first()
        if inspection is not None:
            return inspection, False
        inspection = Inspection.objects.create(
            provider=provider, framework_id=FRAMEWORK[0], framework_version=FRAMEWORK[1],
            fieldwork_start=FIELDWORK_START,
            fieldwork_end=FIELDWORK_START + dt.timedelta(days=18),
            stage=Stage.FIELDWORK, created_by=users["lead"],
        )
        for demo in USERS:
            TeamMember.objects.create(inspection=inspection, user=users[demo.username],
                                      role=demo.role)
        content = case_list_csv(FIELDWORK_START, 600, SEED)
        validated = read_upload(content, "demo-case-list.csv",
                                sample_type_definition(inspection, SAMPLE_TYPE))
        case_list = CaseList.objects.create(
            inspection=inspection, sample_type=SAMPLE_TYPE,
            filename="demo-case-list.csv", uploaded_by=users["data"],
            row_count=len(validated), content=content,
        )
        sample: Sample = draw_sample(inspection, case_list, users["data"], seed=SEED,
                                     confidence=DEFAULT_CONFIDENCE, margin=DEFAULT_MARGIN,
                                     size=None)
        cases = list(sample.cases.filter(status=CaseStatus.SAMPLED).order_by("case_reference"))
        inspectors = [users["inspector"], users["inspector2"]]
        for index, case in enumerate(cases[:10]):
            case.assigned_to = inspectors[index % 2]
            case.save(update_fields=["assigned_to"])
        return inspection, True
