from django.urls import include, path
from rest_framework.routers import DefaultRouter

from odaq.law import api as law_api
from odaq.orgs import api as orgs_api

router = DefaultRouter()
router.register("organisations", orgs_api.OrganisationViewSet, basename="organisation")
router.register("members", orgs_api.MemberViewSet, basename="member")
router.register("roles", orgs_api.RoleViewSet, basename="role")

urlpatterns = [
    # Each app below owns its routes (and its own permission-matrix tests). Voting first: in a union-wide vote
    # casting is the busiest call, and every route tried before it costs a regular-expression match.
    path("", include("odaq.voting.api_urls")),
    path("law/search", law_api.LawSearchView.as_view(), name="law-search"),
    path("law/articles/<str:act>/<str:number>/", law_api.ArticleView.as_view(), name="law-article"),
    *router.urls,
    path("", include("odaq.appeals.api_urls")),
    path("", include("odaq.assistant.api_urls")),
    path("", include("odaq.aigov.api_urls")),
    path("", include("odaq.surveys.api_urls")),
    path("", include("odaq.disputes.api_urls")),
    path("", include("odaq.practice.api_urls")),
]
