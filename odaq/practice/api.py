"""Court practice API: decisions the caller may read, searchable like the pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from . import selectors
from .forms import SearchForm
from .models import CitedArticle, Decision


class CitedSerializer(serializers.ModelSerializer):
    class Meta:
        model = CitedArticle
        fields = ["act", "article", "point", "subpoint"]


class CourtDecisionSerializer(serializers.ModelSerializer):
    cited = CitedSerializer(many=True, read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True, default="")
    lang = serializers.CharField(read_only=True, help_text="kk or ru")
    status = serializers.CharField(read_only=True, help_text="draft or published")

    class Meta:
        model = Decision
        fields = ["id", "court", "decided_on", "case_number", "region", "region_name", "outcome", "lang", "status",
                  "audience", "published_at", "cited", "text"]


SEARCH_PARAMS = [OpenApiParameter(name, str, required=False) for name in ("q", "act", "article", "court", "outcome")]
SEARCH_PARAMS.append(OpenApiParameter("year", int, required=False))


@extend_schema_view(list=extend_schema(parameters=SEARCH_PARAMS))
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CourtDecisionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        qs = selectors.visible_decisions(self.request.user).prefetch_related("cited")
        if self.action == "list":
            form = SearchForm(self.request.query_params)
            if form.is_valid():
                qs = selectors.search(qs, **{k: v for k, v in form.cleaned_data.items() if v not in ("", None)})
            else:
                qs = qs.none()
        return qs.order_by("-decided_on", "-pk")
