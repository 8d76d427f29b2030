from django.contrib import admin

from .models import CalendarDay, DutyLawyer, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(DutyLawyer)
class DutyLawyerAdmin(admin.ModelAdmin):
    list_display = ["region", "user", "updated_at"]
    raw_id_fields = ["region", "user"]
