"""`manage.py verify-audit`: the same command as `verify_audit`, under the name in the brief
of the security review and the user guide."""

from probation_inspection.web.audit.management.commands.verify_audit import Command

__all__ = ["Command"]
