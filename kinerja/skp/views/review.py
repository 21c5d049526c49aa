"""The rater's pages: the inbox of plans to decide, the side-by-side review, dialogue comments.

The rater (or, once the rater is late, the rater's superior, Lampiran p.65 item 5) sets a
submitted plan or returns it with a general comment and comments per RHK. Who may act comes
from `permissions.allowed_actions`; the services check it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.core.numbers import is_ascii_digits
from kinerja.org import personal_data
from kinerja.skp import permissions, rules, selectors, services
from kinerja.skp.berakhlak import BEHAVIOUR_GUIDES
from kinerja.skp.forms.review import CommentForm, ReviewForm
from kinerja.skp.problems import plan_facts, plan_problems_of, plan_warnings, problem_messages
from kinerja.skp.selectors import review as selectors_review
from kinerja.skp.selectors.rater_change import plans_now_rated_by


def _year(request) -> int:
    raw = request.GET.get("year", "")
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return request.viewer.today.year


# A large school or health centre has hundreds of staff with one rater.
PENDING_PER_PAGE = 50


@login_required
def inbox_view(request):
    """Plans waiting for the viewer's decision, and subordinates whose plans have not come."""
    year = _year(request)
    inbox = selectors_review.rater_inbox(request.viewer, year)
    pending = Paginator(inbox.not_submitted, PENDING_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "inbox": inbox,
        "now_rated": plans_now_rated_by(request.viewer)
        if year == request.viewer.today.year
        else [],
        "pending": pending,
        "year": year,
        "years": range(year - 2, year + 2),
    }
    return render(request, "skp/review/inbox.html", context)


def _review_page(request, skp, roles, form, *, status=200):
    facts = plan_facts(skp, skp.rhk_list)
    problems = plan_problems_of(skp, facts)
    # Main results first, then the additional ones (format A.1.6: A. UTAMA, B. TAMBAHAN).
    rhks = sorted(skp.rhk_list, key=lambda rhk: rhk.kind != rules.UTAMA)
    context = {
        "skp": skp,
        "roles": roles,
        "deciding": roles["can_set"] or roles["can_return"],
        "form": form,
        "rows": [(rhk, form.bound_rhk_field(rhk)) for rhk in rhks],
        "behaviours": [(b, BEHAVIOUR_GUIDES.get(b.value, ())) for b in skp.behaviour_list],
        "problems": problem_messages(skp, problems, skp.rhk_list) if problems else [],
        "warnings": plan_warnings(skp, facts),
        "comment_form": CommentForm(),
        "employee_nip": personal_data.for_viewer(request.viewer).nip(skp.employee),
    }
    return render(request, "skp/review/review.html", context, status=status)


@login_required
def review_view(request, pk: int):
    """Left the plan, right a comment per RHK; set it or return it with the comments."""
    viewer = request.viewer
    skp = selectors_review.get_review(viewer, pk)
    roles = selectors_review.review_roles(viewer, skp)
    if not (roles["is_rater"] or roles["is_rater_superior"]):
        raise PermissionDenied
    if request.method != "POST":
        return _review_page(request, skp, roles, ReviewForm(rhks=skp.rhk_list))
    action = request.POST.get("action", "")
    if action not in ("set", "return") or not roles[f"can_{action}"]:
        raise PermissionDenied
    form = ReviewForm(request.POST, rhks=skp.rhk_list)
    if form.is_valid():
        try:
            _decide(viewer, skp, action, form)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            if action == "set":
                messages.success(request, _("The SKP of %(name)s has been set.") % _name(skp))
            else:
                messages.success(
                    request,
                    _("The SKP of %(name)s has been returned with your comments.") % _name(skp),
                )
            return redirect(f"{reverse('skp:inbox')}?year={skp.year}")
    return _review_page(request, skp, roles, form, status=400)


def _name(skp) -> dict:
    return {"name": skp.employee.full_name}


def _decide(viewer, skp, action: str, form: ReviewForm) -> None:
    comment = form.cleaned_data["comment"]
    rhk_comments = form.rhk_comments()
    if action == "return":
        services.skp_return(actor=viewer, skp=skp, comment=comment, rhk_comments=rhk_comments)
        return
    services.skp_set(actor=viewer, skp=skp, comment=comment, rhk_comments=rhk_comments)


def _back(request, skp, roles_allow_review: bool) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    if roles_allow_review:
        return reverse("skp:review", args=[skp.pk])
    return reverse("home")


@login_required
@require_POST
def comment_add_view(request, pk: int):
    """A note of the performance dialogue by the owner, the rater or a leader above.

    With htmx the answer is the updated list of comments (and the form); otherwise a redirect
    back to the page the form came from.
    """
    viewer = request.viewer
    skp = selectors.get_skp(viewer, pk)
    if not permissions.can_comment(viewer, skp):
        raise PermissionDenied
    form = CommentForm(request.POST)
    rhk = None
    saved = False
    if form.is_valid():
        if form.cleaned_data["rhk"]:
            rhk = selectors_review.rhk_of(skp, form.cleaned_data["rhk"])
        try:
            services.comment_add(actor=viewer, skp=skp, text=form.cleaned_data["text"], rhk=rhk)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            saved = True
    if request.htmx:
        context = {
            "skp": skp,
            "rhk": rhk,
            "comments": selectors_review.comments_of(skp, rhk),
            "comment_form": CommentForm() if saved else form,
            "next_url": request.POST.get("next", ""),
        }
        # htmx swaps only successful answers: the form with its errors comes back as a 200.
        return render(request, "skp/review/_dialogue.html", context)
    if saved:
        messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    reviewer = permissions.is_rater(viewer, skp) or permissions.is_rater_superior(viewer, skp)
    return redirect(_back(request, skp, reviewer))
