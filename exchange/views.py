from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from exchange import services
from exchange.forms import AnswerForm, FilterForm, FollowForm, HideForm, QuestionForm
from exchange.models import Answer, Follow, Question, is_moderator
from members.access import member_required
from members.filters import matching_every_word

PAGE_SIZE = 20


@member_required
def question_list(request):
    form = FilterForm(request.GET)
    questions = Question.objects.visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["topic"]:
            questions = questions.filter(topics=data["topic"])
        if data["region"]:
            questions = questions.filter(region=data["region"])
        if data["open"]:
            questions = questions.filter(closed=False, accepted_answer__isnull=True)
        if data["q"]:
            questions = matching_every_word(questions, data["q"], ["title", "text"])
    # A subquery rather than a join: the paginator's count leaves it out.
    answers = (
        Answer.objects.visible_to(request.user)
        .filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(count=Count("pk"))
        .values("count")
    )
    questions = (
        questions.select_related("author")
        .prefetch_related("topics")
        .annotate(answer_count=Coalesce(Subquery(answers), 0))
        .order_by("-pinned", "-created_at", "-pk")
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "exchange/question_list.html", {"filter_form": form, "page_obj": page})


@member_required
def question(request, pk):
    found = get_object_or_404(
        Question.objects.visible_to(request.user)
        .select_related("author", "hidden_by")
        .prefetch_related(
            "topics",
            Prefetch(
                "answers",
                queryset=Answer.objects.visible_to(request.user).select_related("author"),
                to_attr="shown_answers",
            ),
        ),
        pk=pk,
    )
    form = AnswerForm()
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                reply = services.answer(
                    question=found, author=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you for your answer."))
                return redirect(reply.get_absolute_url())
    return render(
        request,
        "exchange/question_detail.html",
        {
            "question": found,
            "answers": found.shown_answers,
            "form": form,
            "may_accept": request.user == found.author or is_moderator(request.user),
            "may_moderate": is_moderator(request.user),
        },
    )


@member_required
@require_POST
def accept(request, pk):
    found = get_object_or_404(Question.objects.visible_to(request.user), pk=pk)
    chosen = None
    if request.POST.get("answer"):
        chosen = get_object_or_404(
            Answer.objects.visible_to(request.user), pk=request.POST["answer"], question=found
        )
    services.accept_answer(question=found, user=request.user, answer=chosen)
    return redirect(found)


@member_required
@require_POST
def hide(request, kind, pk):
    """Staff hide a question or an answer, with a reason members do not see."""
    if not is_moderator(request.user):
        raise PermissionDenied
    model = Question if kind == "question" else Answer
    item = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        services.hide(item=item, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Hidden from members."))
    else:
        messages.error(request, _("Please give a reason for hiding."))
    return redirect(item.get_absolute_url())


@member_required
def ask(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = services.ask(
            author=request.user,
            title=data["title"],
            text=data["text"],
            topics=data["topics"],
            region=data["region"],
        )
        messages.success(request, _("Your question is now open to the network."))
        return redirect(found)
    return render(request, "exchange/ask.html", {"form": form})


@member_required
def follows(request):
    form = FollowForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            services.unfollow(user=request.user, follow_id=request.POST["remove"])
            return redirect("exchange:follows")
        if form.is_valid():
            data = form.cleaned_data
            services.follow(
                user=request.user,
                topic=data["topic"],
                region=data["region"],
                delivery=data["delivery"],
            )
            return redirect("exchange:follows")
    return render(
        request,
        "exchange/follows.html",
        {
            "form": form,
            "follows": Follow.objects.filter(user=request.user).select_related("topic"),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every notification e-mail: one click, no login needed.
    POST is the mail program's one-click button (RFC 8058); the signed
    token is the only authority, so no CSRF token is asked for."""
    result = services.unsubscribe(token)
    return render(
        request, "exchange/unsubscribed.html", {"result": result}, status=200 if result else 400
    )
