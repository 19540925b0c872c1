"""The append-only, hash-chained audit log: every change, every read of case-level data,
evidence or reports, and every sign-in, named from one catalogue (`actions.AuditAction`).
"""
