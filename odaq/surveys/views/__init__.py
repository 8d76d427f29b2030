"""Survey pages: organisers' builder and results (staff.py), members' answering (member.py)."""

from .member import answer, my_surveys
from .staff import (
    survey_close,
    survey_create,
    survey_edit,
    survey_export,
    survey_list,
    survey_open,
    survey_question_add,
    survey_question_delete,
    survey_question_edit,
    survey_question_move,
    survey_results,
)

__all__ = ["answer", "my_surveys", "survey_close", "survey_create", "survey_edit", "survey_export", "survey_list",
           "survey_open", "survey_question_add", "survey_question_delete", "survey_question_edit",
           "survey_question_move", "survey_results"]
