"""`manage.py verify-audit`: the same command as `verify_audit`, under the hyphenated name the
issue and the deployment guide give it."""

from probation_inspection.web.audit.management.commands.verify_audit import Command

__all__ = ["Command"]
