"""REST API: votes open to me, casting a ballot, published results and the ballot list."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from . import selectors, services
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
    choices = serializers.DictField(child=serializers.ListField(child=serializers.IntegerField(), max_length=100),
                                    help_text="question id → list of chosen option ids")
    email_receipt = serializers.BooleanField(default=False)


ResultSerializer = inline_serializer("VoteResult", {
    "status": serializers.CharField(), "chain_head": serializers.CharField(), "result": serializers.JSONField()})
ReceiptSerializer = inline_serializer("VoteReceipt", {"tracking_code": serializers.CharField()})
RefusalSerializer = inline_serializer("VoteRefusal", {"detail": serializers.CharField(),
                                                      "code": serializers.CharField()})


class VoteViewSet(viewsets.GenericViewSet):
    """Votes. ``list``: open votes the caller may take part in. ``ballots``: POST casts the caller's ballot,
    GET downloads the published ballot list. ``results``: the published result."""

    serializer_class = VoteSerializer
    pagination_class = None
    queryset = Election.objects.none()

    def get_permissions(self):
        if self.action in ("results", "ballots") and self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    def list(self, request):
        person = selectors.my_person(request.user)
        elections = selectors.open_for_member(person).prefetch_related("questions__options")
        return Response(VoteSerializer(elections, many=True).data)

    @extend_schema(methods=["POST"], request=CastSerializer,
                   responses={201: ReceiptSerializer, 400: RefusalSerializer, 403: RefusalSerializer,
                              404: RefusalSerializer, 409: RefusalSerializer})
    @extend_schema(methods=["GET"], request=None,
                   responses={200: OpenApiResponse(description="ballots.json: the published ballot list")})
    @action(detail=True, methods=["get", "post"], url_path="ballots")
    def ballots(self, request, pk=None):
        if request.method == "GET":
            election = selectors.published_election(pk)
            return Response(selectors.export_ballots(election))
        serializer = CastSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            code = services.cast_ballot(request.user, int(pk), serializer.validated_data["choices"],
                                        email_receipt=serializer.validated_data["email_receipt"])
        except services.VoteRefused as exc:
            return Response({"detail": str(exc), "code": exc.code}, status=REFUSAL_STATUS.get(exc.code, 400))
        return Response({"tracking_code": code}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ResultSerializer})
    @action(detail=True, methods=["get"], url_path="results")
    def results(self, request, pk=None):
        election = get_object_or_404(selectors.published(), pk=pk)
        return Response({"status": election.status, "chain_head": election.chain_head, "result": election.result})
