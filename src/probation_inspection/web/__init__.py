"""The Django web application: settings, URLs and one app per area of work.

It persists each stage of an inspection and calls the core packages; it holds no rules.
"""
