from django.contrib import admin

from .models import Dispute


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "region", "status", "outcome", "recovered"]
    list_filter = ["status", "outcome"]
    search_fields = ["number", "subject", "employer"]
    raw_id_fields = ["appeal", "person", "members", "organisation", "region", "lawyer", "created_by"]
