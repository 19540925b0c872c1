"""Sign-ins need events without an inspection; every event gets its place in the hash chain.

Existing events are chained in id order by the same `chain.event_hash` that `record` uses.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def chain_existing_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    from probation_inspection.web.audit import chain

    event_model = apps.get_model("audit", "AuditEvent")
    previous = chain.GENESIS
    # The historical model's plain manager can update; the app's append-only one cannot.
    for event in event_model.objects.order_by("id").iterator(chunk_size=2000):
        own = chain.event_hash(event, previous)
        event_model.objects.filter(pk=event.pk).update(previous_hash=previous, hash=own)
        previous = own


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("inspections", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="inspection",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to="inspections.inspection",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
    ]
