import pytest
from django.core.exceptions import PermissionDenied

from odaq.notify.models import Notification
from odaq.practice import selectors, services
from odaq.practice.models import CitedArticle, SavedSearch, Status


def test_import_stores_only_the_deidentified_text_and_the_cited_articles(make_decision, tree, people):
    decision = make_decision(tree.region_a, user=people.lawyer)
    assert decision.status == Status.DRAFT
    for datum in ("Иванов", "Мари", "850115400123", "234 56 78"):
        assert datum not in decision.text
    assert "Истец" in decision.text or "Истица" in decision.text
    # 224 ГПК is outside the base; 52 ТК РК exists in the imported act
    assert list(decision.cited.values_list("act", "article", "point", "subpoint")) == [("K1500000414", "52", "1", "2")]
    assert decision.redactions["numbers"] == 2


def test_a_lawyer_of_another_region_cannot_import_there(make_decision, tree, people):
    with pytest.raises(PermissionDenied):
        make_decision(tree.region_b, user=people.lawyer)


def test_publish_after_review_and_who_reads_what(make_decision, tree, people):
    draft = make_decision(tree.region_b)
    assert not selectors.visible_decisions(people.lawyer).filter(pk=draft.pk).exists()  # region B draft
    with pytest.raises(PermissionDenied):
        services.publish(draft, people.lawyer, text=draft.text, audience="lawyers")
    published = services.publish(draft, people.central_admin, text=draft.text + " Проверено.", audience="lawyers")
    assert published.status == Status.PUBLISHED and published.reviewed_by == people.central_admin
    assert selectors.visible_decisions(people.lawyer).filter(pk=draft.pk).exists()
    assert not selectors.visible_decisions(people.member_user).filter(pk=draft.pk).exists()
    # members see only decisions published for them
    members = make_decision(tree.region_a, publish_by=people.lawyer, audience="members", case_number="2-2/2025")
    assert selectors.visible_decisions(people.member_user).filter(pk=members.pk).exists()


def test_applied_count_counts_decisions_the_reader_may_see(make_decision, tree, people):
    make_decision(tree.region_a, publish_by=people.lawyer)
    make_decision(tree.region_b)  # a draft of region B: not for the lawyer of region A
    assert CitedArticle.objects.filter(act="K1500000414", article="52").count() == 2
    assert selectors.applied_count(people.lawyer, "K1500000414", "52") == 1
    assert selectors.applied_count(people.central_admin, "K1500000414", "52") == 2
    assert selectors.applied_count(people.member_user, "K1500000414", "52") == 0


def test_search_by_article_court_year_outcome_and_words(make_decision, tree, people):
    d = make_decision(tree.region_a, publish_by=people.lawyer, outcome="won")
    qs = selectors.visible_decisions(people.lawyer)
    assert list(selectors.search(qs, act="K1500000414", article="52")) == [d]
    assert list(selectors.search(qs, act="K1500000414", article="53")) == []
    assert list(selectors.search(qs, court="медеуский", year=2025, outcome="won", q="уволена")) == [d]
    assert list(selectors.search(qs, year=2024)) == []
    assert list(selectors.search(qs, q="Иванова")) == []  # the name is gone


def test_saved_search_alerts_a_lawyer_when_a_matching_decision_is_published(make_decision, tree, people,
                                                                            django_capture_on_commit_callbacks):
    services.save_search(people.lawyer, act="K1500000414", article="52")
    services.save_search(people.lawyer, act="K1500000414", article="20-1")
    draft = make_decision(tree.region_a)
    assert not Notification.objects.filter(user=people.lawyer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(draft, people.central_admin, text=draft.text, audience="lawyers")
    assert Notification.objects.filter(user=people.lawyer, kind="practice").count() == 1


def test_only_lawyers_save_searches(people):
    with pytest.raises(PermissionDenied):
        services.save_search(people.member_user, q="отпуск")
    assert not SavedSearch.objects.exists()


def test_language_is_guessed_from_kazakh_letters():
    assert services.guess_lang("Талапкер ҚР Еңбек кодексінің 52-бабы бойынша жұмыстан шығарылды.") == "kk"
    assert services.guess_lang("Истец уволен по статье 52 ТК РК.") == "ru"
