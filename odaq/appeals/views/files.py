from django.contrib.auth.decorators import login_required

from odaq.core import audit

from .. import selectors
from ..attachments import download_response


@login_required
def download(request, pk: int):
    """An attachment, only to people who see its appeal; every download is audited."""
    attachment = selectors.attachment_for(request.user, pk)
    audit.record("appeal.file_downloaded", actor=request.user, obj=attachment.appeal, request=request,
                 data={"attachment": attachment.pk, "name": attachment.name})
    return download_response(attachment.file.open("rb"), attachment.name, attachment.content_type)
