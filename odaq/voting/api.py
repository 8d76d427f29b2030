"""REST API: votes open to me, casting a ballot, published results and the ballot list."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from odaq.core.api_auth import TokenAuthentication
from odaq.core.api_errors import BoundedJSONParser

from . import ballot_list, selectors, services
from .models import Election

REFUSAL_STATUS = {"already_voted": 409, "closed": 409, "not_eligible": 403, "not_member": 403, "not_found": 404}


class VoteOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text_kk = serializers.CharField()
    text_ru = serializers.CharField()


class VoteQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    k = serializers.IntegerField(source="max_choices")
    rule = serializers.CharField()
    text_kk = serializers.CharField()
    text_ru = serializers.CharField()
    options = VoteOptionSerializer(many=True, source="options.all")


class VoteSerializer(serializers.ModelSerializer):
    voted = serializers.BooleanField(read_only=True)
    status = serializers.CharField(read_only=True)
    questions = VoteQuestionSerializer(many=True, source="questions.all")

    class Meta:
        model = Election
        fields = ["id", "title_kk", "title_ru", "description_kk", "description_ru", "opens_at", "closes_at",
                  "status", "voted", "questions"]


class CastSerializer(serializers.Serializer):
    """The body of a cast, for the API schema. ``services.clean_choices`` checks it."""

    choices = serializers.DictField(child=serializers.ListField(child=serializers.IntegerField()),
                                    help_text="question id → list of chosen option ids")
    email_receipt = serializers.BooleanField(default=False)


ResultSerializer = inline_serializer("VoteResult", {
    "status": serializers.CharField(), "chain_head": serializers.CharField(), "result": serializers.JSONField()})
ReceiptSerializer = inline_serializer("VoteReceipt", {"tracking_code": serializers.CharField()})
RefusalSerializer = inline_serializer("VoteRefusal", {"detail": serializers.CharField(),
                                                      "code": serializers.CharField()})


class VoteViewSet(viewsets.GenericViewSet):
    """Votes. ``list``: open votes the caller may take part in. ``results``: the published result (public).
    Ballots are cast and downloaded at ``BallotsView``."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    serializer_class = VoteSerializer
    pagination_class = None
    queryset = Election.objects.none()

    def get_permissions(self):
        return [AllowAny()] if self.action == "results" else [IsAuthenticated()]

    def list(self, request):
        person = selectors.my_person(request.user)
        elections = selectors.open_for_member(person).prefetch_related("questions__options")
        return Response(VoteSerializer(elections, many=True).data)

    @extend_schema(request=None, responses={200: ResultSerializer})
    @action(detail=True, methods=["get"], url_path="results")
    def results(self, request, pk=None):
        election = get_object_or_404(selectors.published(), pk=pk)
        return Response({"status": election.status, "chain_head": election.chain_head, "result": election.result})


class BallotsView(APIView):
    """``POST``: cast the caller's ballot (201 with her tracking code). ``GET``: the published ballot list (public).

    Apart from the viewset and lean on purpose: in a union-wide vote this is the busiest call of the platform, so it
    has only what it needs. JSON in and out, a token (the mobile app) or the session (with its CSRF check), and no
    serializer: ``services.clean_choices`` checks the ballot and says what is wrong with it."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [JSONRenderer]

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(request=None, description="The published ballot list (public), for the independent verifier.",
                   responses={200: OpenApiResponse(description="ballots.json: the published ballot list")})
    def get(self, request, pk):
        return ballot_list.response(request, services.ensure_ballot_list(selectors.published_election(pk)))

    @extend_schema(request=CastSerializer, description="Cast the caller's ballot; 201 with her tracking code.",
                   responses={201: ReceiptSerializer, 400: RefusalSerializer,
                                                      403: RefusalSerializer, 404: RefusalSerializer,
                                                      409: RefusalSerializer})
    def post(self, request, pk):
        data = request.data
        if not isinstance(data, dict):
            return Response({"detail": _("The ballot is malformed."), "code": "malformed"}, status=400)
        receipt = data.get("email_receipt", False)
        if not isinstance(receipt, bool):
            return Response({"detail": _("“email_receipt” must be true or false."), "code": "malformed"}, status=400)
        try:
            code = services.cast_ballot(request.user, pk, data.get("choices"), email_receipt=receipt)
        except services.VoteRefused as exc:
            return Response({"detail": str(exc), "code": exc.code}, status=REFUSAL_STATUS.get(exc.code, 400))
        return Response({"tracking_code": code}, status=status.HTTP_201_CREATED)
