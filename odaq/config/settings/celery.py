from .env import PRODUCTION, env

# The embedded default never sends a message (tasks run inline); the in-memory broker names a host so that kombu does
# not warn about a missing one on every task.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL",
                            default="redis://127.0.0.1:6379/0" if PRODUCTION else "memory://localhost/")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not PRODUCTION)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Almaty"
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE["appeals-tick"] = {  # appeals: deadline reminders and overdue escalation (idempotent)
    "task": "odaq.appeals.tasks.appeals_tick", "schedule": 3 * 3600.0,
}
CELERY_BEAT_SCHEDULE["appeals-orphan-files"] = {  # appeals: delete files a crash left without a row (daily)
    "task": "odaq.appeals.tasks.remove_orphan_files", "schedule": 24 * 3600.0,
}
CELERY_BEAT_SCHEDULE["surveys-announce"] = {  # surveys: notify members of surveys that have begun (idempotent)
    "task": "odaq.surveys.tasks.notify_due_surveys", "schedule": 600.0,
}
CELERY_BEAT_SCHEDULE["audit-checkpoint"] = {  # audit: anchor the head of the chain outside the database
    "task": "odaq.core.tasks.audit_checkpoint", "schedule": 600.0,
}
CELERY_BEAT_SCHEDULE["disputes-tick"] = {  # disputes: time-limit warnings and hearing reminders (idempotent)
    "task": "odaq.disputes.tasks.disputes_tick", "schedule": 3 * 3600.0,
}
CELERY_BEAT_SCHEDULE["voting-tick"] = {"task": "odaq.voting.tasks.voting_tick", "schedule": 60.0}  # open/close votes

# The embedded default has no beat process: `runserver` runs the schedule above in a thread (odaq/core/scheduler.py).
ODAQ_EMBEDDED_SCHEDULER = env.bool("ODAQ_EMBEDDED_SCHEDULER", default=not PRODUCTION)

# Large exports (the appeal queue) are built in the background: "celery" (a worker; the production default),
# "thread" (a thread of the web process; the embedded default) or "inline" (in the request itself).
ODAQ_EXPORTS_RUN = env.str("ODAQ_EXPORTS_RUN", default="celery" if PRODUCTION else "thread")
if ODAQ_EXPORTS_RUN not in ("celery", "thread", "inline"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ODAQ_EXPORTS_RUN must be celery, thread or inline")
