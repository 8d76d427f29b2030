from .files import download
from .member import detail, my_list, new, rate, reopen, reply
from .staff import bulk_assign, duty, export, export_download, export_job, file_for, queue, staff_action, staff_detail

__all__ = ["download", "detail", "my_list", "new", "rate", "reopen", "reply", "bulk_assign", "duty", "export",
           "export_download", "export_job", "file_for", "queue", "staff_action", "staff_detail"]
