from rest_framework.routers import DefaultRouter

from odaq.orgs import api as orgs_api

router = DefaultRouter()
router.register("organisations", orgs_api.OrganisationViewSet, basename="organisation")
router.register("members", orgs_api.MemberViewSet, basename="member")
router.register("roles", orgs_api.RoleViewSet, basename="role")

urlpatterns = router.urls
