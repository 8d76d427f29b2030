"""Bulk member import from XLSX or CSV, and the downloadable template."""

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .. import importing, selectors, services
from ..decorators import staff_required
from ..forms import ImportForm
from ..scopes import Cap


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an uploaded file once it passes the import limit, so a huge file never hits the disk."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > importing.MAX_BYTES:
            self.request.odaq_upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body; csrf_protect follows
@staff_required(cap=Cap.CHANGE_MEMBERS)
def member_import(request):
    if request.method == "POST":
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    return _member_import(request)


@csrf_protect
def _member_import(request):
    user = request.user
    if request.method != "POST":
        return render(request, "orgs/member_import.html", {"form": ImportForm(user=user)})
    form = ImportForm(request.POST, request.FILES, user=user,
                      too_large=getattr(request, "odaq_upload_too_large", False))
    context = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = importing.validate_rows(data["table"], current_member_iins=selectors.current_member_iins)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            context["report"] = report
            if report.valid and (report.ok or data["import_valid"]):
                try:
                    context["imported"] = services.import_members(
                        user, data["organisation"], report.valid, skipped=report.bad_rows,
                        source=data["file"].name, request=request,
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
    return render(request, "orgs/member_import.html", context)


@staff_required(cap=Cap.CHANGE_MEMBERS)
def import_template(request):
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="odaq-members-template.csv"'
    return response
