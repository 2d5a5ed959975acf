"""What the portal asks about a person again and again – a network member?
in the working group? a Beccaria alumna? coordinator of which region? –
answered in one query, once per person object.

A page asks these questions many times: the navigation, the view's guard,
``visible_to`` of every list and the panels of other apps. Each answer used
to be a query of its own, asked anew each time. Now every app declares its
facts here (``declare`` in its ``AppConfig.ready()``, or at import for the
members app's own), and the first question about a person loads all of
them with one query of ``EXISTS`` subqueries; the answers stay on the
person object. ``request.user`` is one object per request, so a request
asks once.

The answers are as old as the object. A service that changes a fact of a
person (membership, a seat in the working group, a graduation, a
coordination) calls ``forget(user)`` on the objects it was given;
``User.refresh_from_db()`` forgets them too. Another object of the same
person (a new request, a fresh ``User.objects.get``) asks anew. Django keeps
a person's permissions the same way (``has_perm`` caches them on the object).

This module takes the person's class from the object, so that
``members.models`` may use it without a cycle. (Attributes are set with
``setattr``, so that they reach the person behind the lazy ``request.user``.)
"""

from django.db.models import BooleanField, ExpressionWrapper

# Where a person object keeps its facts.
_ATTRIBUTE = "_person_facts"
# Annotation names must not clash with the fields of the person.
_PREFIX = "fact_"

_declared = {}


def declare(name, expression):
    """Declares the fact ``name``: ``expression()`` returns a condition on
    the person model (``OuterRef("pk")`` in subqueries is the person), e.g.
    ``Exists(Seat.objects.filter(holder=OuterRef("pk")))``."""
    _declared[name] = expression


def of(user, name):
    """The fact ``name`` about ``user``; False for anonymous visitors and
    for people without a row."""
    if not (user and user.is_authenticated):
        return False
    known = getattr(user, _ATTRIBUTE, None)
    if known is None:
        known = _load(user)
        setattr(user, _ATTRIBUTE, known)
    return known[name]


def forget(user):
    """Drops what ``user`` (the object) knows about itself: the next
    question loads the facts anew. Django's cached permissions go too."""
    if user is None:
        return
    for attribute in (_ATTRIBUTE, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def _load(user):
    expressions = {
        _PREFIX + name: ExpressionWrapper(expression(), output_field=BooleanField())
        for name, expression in _declared.items()
    }
    # ``__class__``, not ``type()``: request.user is a lazy object.
    row = user.__class__._default_manager.filter(pk=user.pk).values(**expressions).first()
    return {name: bool(row and row[_PREFIX + name]) for name in _declared}
