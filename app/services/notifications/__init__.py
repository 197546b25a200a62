"""E-mail: the outbox, its delivery over SMTP, the messages and the report reminders.

A low layer: the applications, grants and meetings services queue mail here on a
change, so this package uses only the models (and the shared ``forbund``/``errors``).
"""
