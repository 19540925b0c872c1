"""Quality assurance, domain-one evidence and rating decisions in the web application.

Stores moderation, interviews, meetings, documents, notes, facts and decisions; the core rules.
"""
