from django.contrib.auth.decorators import login_required
from django.http import FileResponse

from odaq.core import audit

from .. import selectors
from ..attachments import ALLOWED, safe_name


@login_required
def download(request, pk: int):
    """An attachment, only to people who see its appeal; every download is audited."""
    attachment = selectors.attachment_for(request.user, pk)
    audit.record("appeal.file_downloaded", actor=request.user, obj=attachment.appeal, request=request,
                 data={"attachment": attachment.pk, "name": attachment.name})
    # Always the type checked at upload, a name with that type's extension, as a download; never sniffed or
    # rendered in the browser (a polyglot PDF/HTML named evil.html is saved as evil.pdf and cannot run here).
    content_type = attachment.content_type if attachment.content_type in ALLOWED else "application/octet-stream"
    response = FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=safe_name(attachment.name, content_type), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
