"""Members' API: the surveys open to me, one survey with its questions, and sending my answers."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from odaq.orgs.selectors import my_person

from . import selectors, services
from .models import Question, Survey


class QuestionSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)
    labels = serializers.ListField(child=serializers.CharField(), read_only=True,
                                   help_text="Choices (single, multiple) or rows (matrix) in the caller's language; "
                                             "answers refer to their index.")

    class Meta:
        model = Question
        fields = ["id", "order", "kind", "text", "text_kk", "text_ru", "required", "labels", "options"]


class SurveySerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    intro = serializers.CharField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    answered = serializers.SerializerMethodField()
    accepting = serializers.BooleanField(source="is_accepting", read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "title", "title_kk", "title_ru", "intro", "organisation", "organisation_name", "anonymous",
                  "opens_at", "closes_at", "accepting", "answered"]

    def get_answered(self, obj) -> bool:
        answered = getattr(obj, "answered", None)
        if answered is None:
            answered = selectors.has_answered(obj, self.context.get("person"))
        return bool(answered)


class SurveyDetailSerializer(SurveySerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(SurveySerializer.Meta):
        fields = [*SurveySerializer.Meta.fields, "questions"]


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        help_text='Keyed by question id: single choice an index, multiple choice a list of indexes, scale 1-5, '
                  'free text a string, matrix an object {row index: 1-5}. Example: {"12": 0, "13": [1, 2], '
                  '"14": 4, "15": "text", "16": {"0": 5, "1": 3}}')


class ResponseCreatedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    anonymous = serializers.BooleanField()


class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """Surveys addressed to the calling member. Anonymous surveys store no link between a response and her."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    permission_classes = [IsAuthenticated]
    pagination_class = None

    def get_serializer_class(self):
        return SurveyDetailSerializer if self.action == "retrieve" else SurveySerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "person": self._person()}

    def _person(self):
        if not hasattr(self, "_cached_person"):
            self._cached_person = my_person(self.request.user)
        return self._cached_person

    def get_queryset(self):
        return Survey.objects.none()  # lists and objects come from the member selectors below

    def list(self, request, *args, **kwargs):
        surveys = selectors.open_surveys_for(self._person())
        return Response(self.get_serializer(surveys, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        survey = selectors.member_survey(self._person(), _int_pk(kwargs["pk"]))
        return Response(self.get_serializer(survey).data)

    @extend_schema(request=AnswersSerializer, responses={
        201: ResponseCreatedSerializer, 400: OpenApiResponse(description="Invalid answers; nothing is stored."),
        409: OpenApiResponse(description="This member has already answered; nothing is changed.")})
    @action(detail=True, methods=["post"], url_path="responses")
    def responses(self, request, pk=None):
        person = self._person()
        survey = selectors.member_survey(person, _int_pk(pk))
        payload = AnswersSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.submit_response(person, survey, payload.validated_data["answers"])
        except services.AlreadyAnswered as exc:
            return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
        return Response({"detail": _("Thank you: your answers are saved."), "anonymous": survey.anonymous},
                        status=status.HTTP_201_CREATED)


def _int_pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None
