from django.contrib import admin

from .models import News


@admin.register(News)
class NewsAdmin(admin.ModelAdmin):
    list_display = ("title_kk", "organisation", "published_at", "is_published")
    list_filter = ("is_published", "organisation__level")
    search_fields = ("title_kk", "title_ru", "title_en")
    raw_id_fields = ("organisation", "author")
    date_hierarchy = "published_at"
