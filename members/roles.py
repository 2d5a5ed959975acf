"""The roles of the portal, as Django groups.

- Network members: people staff approved; they may use the member area.
- The ASSKomm team: staff who manage the portal's records in the admin.

Superusers hold every permission. The groups are kept in step after every
``migrate`` so that a fresh database has them and new models' permissions
reach the team.
"""

from django.contrib.auth.models import Group, Permission

from members.models import MEMBER_PERMISSION_CODENAME

MEMBER_GROUP = "Netzwerkmitglieder"
TEAM_GROUP = "ASSKomm-Team"
# Apps whose records the team manages in the admin.
TEAM_APPS = (
    "asskomm",
    "members",
    "events",
    "training",
    "library",
    "projects",
    "exchange",
    "news",
    "working_group",
    "accessibility",
    "flatpages",
    "account",
)
# The e-mail queue (django-mailer): the team sees what waits and what failed,
# and may send a failed e-mail again; the queue itself is not edited by hand.
TEAM_MAIL_PERMISSIONS = (
    "view_message",
    "change_message",
    "view_messagelog",
)


def ensure_roles(using="default"):
    member_permission = Permission.objects.using(using).get(
        codename=MEMBER_PERMISSION_CODENAME, content_type__app_label="members"
    )
    members, _created = Group.objects.using(using).get_or_create(name=MEMBER_GROUP)
    members.permissions.add(member_permission)
    team, _created = Group.objects.using(using).get_or_create(name=TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label__in=TEAM_APPS),
        *Permission.objects.using(using).filter(
            content_type__app_label="auth", codename="view_group"
        ),
        *Permission.objects.using(using).filter(
            content_type__app_label="mailer", codename__in=TEAM_MAIL_PERMISSIONS
        ),
    )


# Our apps come after django.contrib.* and allauth in INSTALLED_APPS, so
# when their post_migrate runs, every permission the groups need exists.
_OWN_APPS = (
    "members",
    "events",
    "training",
    "library",
    "projects",
    "exchange",
    "news",
    "working_group",
    "accessibility",
)


def ensure_roles_after_migrate(sender, using="default", **kwargs):
    if sender.label in _OWN_APPS:
        ensure_roles(using=using)


def member_group():
    return Group.objects.get(name=MEMBER_GROUP)


def team_group():
    return Group.objects.get(name=TEAM_GROUP)
