from .env import env

# Legal deadlines of an appeal in working days (Kazakhstan's calendar): the answer, the extended answer, and
# how many working days before a deadline the assignee is reminded.
ODAQ_APPEAL_ANSWER_DAYS = env.int("ODAQ_APPEAL_ANSWER_DAYS", default=15)
ODAQ_APPEAL_EXTENDED_DAYS = env.int("ODAQ_APPEAL_EXTENDED_DAYS", default=30)
ODAQ_APPEAL_REMIND_DAYS = env.int("ODAQ_APPEAL_REMIND_DAYS", default=2)
# Attachments: the largest file in bytes, and how many files one message may carry.
ODAQ_APPEAL_FILE_MAX = env.int("ODAQ_APPEAL_FILE_MAX", default=10 * 1024 * 1024)
ODAQ_APPEAL_FILES_PER_MESSAGE = env.int("ODAQ_APPEAL_FILES_PER_MESSAGE", default=5)
