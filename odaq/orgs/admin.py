from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["name_kk", "name_ru", "level", "code"]
    search_fields = ["name_kk", "name_ru", "employer_bin"]
    list_filter = ["level"]
