from django.contrib.auth.decorators import login_required
from django.http import FileResponse

from odaq.core import audit

from .. import selectors


@login_required
def download(request, pk: int):
    """An attachment, only to people who see its appeal; every download is audited."""
    attachment = selectors.attachment_for(request.user, pk)
    audit.record("appeal.file_downloaded", actor=request.user, obj=attachment.appeal, request=request,
                 data={"attachment": attachment.pk, "name": attachment.name})
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
