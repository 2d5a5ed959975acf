from django.conf import settings
from django.contrib.admin import display as admin_display
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asskomm.collation import GERMAN, din_5007_key
from asskomm.dates import when
from members import ags as ags_rules
from members import facts

MEMBER_PERMISSION_CODENAME = "access_member_area"
MEMBER_PERMISSION = f"members.{MEMBER_PERMISSION_CODENAME}"


# A membership request and a working-group seat name a municipality or an
# organisation: exactly one of the two.
EXACTLY_ONE_AFFILIATION = Q(municipality__isnull=False, organisation__isnull=True) | Q(
    municipality__isnull=True, organisation__isnull=False
)


class Region(models.TextChoices):
    """The three regions of Saxony (the former Direktionsbezirke)."""

    CHEMNITZ = "chemnitz", _("Chemnitz")
    DRESDEN = "dresden", _("Dresden")
    LEIPZIG = "leipzig", _("Leipzig")


class MunicipalityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Municipality pages are for network members."""
        if is_network_member(user):
            return self
        return self.none()

    def with_listed_people_count(self, viewer):
        """Annotates how many people of each municipality ``viewer`` finds
        in the member directory."""
        listed = (
            User.objects.directory_for(viewer)
            .filter(municipality=OuterRef("pk"))
            .order_by()
            .values("municipality")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(listed_people_count=Coalesce(Subquery(listed), 0))

    def in_network(self):
        """The network's municipalities: those with an ASSKomm membership
        date or with people who are network members."""
        members = User.objects.network_members().filter(municipality=OuterRef("pk"))
        return self.filter(Q(member_since__isnull=False) | Exists(members))

    def with_landkreis_of(self, ags):
        """The municipality of key ``ags`` and the Landkreis it lies in (the
        Kreis itself, for a Kreis's own key)."""
        return self.filter(ags__in={ags, ags[:5] + ags_rules.KREIS_SUFFIX})

    def in_kreis(self, kreis_key):
        """The municipalities of one Landkreis, the Kreis itself excluded."""
        return self.filter(kreis_key=kreis_key).exclude(ags__endswith=ags_rules.KREIS_SUFFIX)


class Municipality(models.Model):
    class Kind(models.TextChoices):
        GEMEINDE = "gemeinde", _("Municipality (Gemeinde)")
        STADT = "stadt", _("Town (Stadt)")
        GROSSE_KREISSTADT = "grosse_kreisstadt", _("Major district town (Große Kreisstadt)")
        KREISFREIE_STADT = "kreisfreie_stadt", _("District-free city (kreisfreie Stadt)")
        LANDKREIS = "landkreis", _("District (Landkreis)")

    name = models.CharField(_("name"), max_length=200, db_collation=GERMAN)
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        unique=True,
        validators=[ags_rules.validate_ags],
        help_text=_("Eight digits from the Gemeindeverzeichnis, e.g. 14612000 for Dresden."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Both are read off the AGS by the database, so they cannot drift from it.
    kreis_key = models.GeneratedField(
        expression=Substr("ags", 1, 5),
        output_field=models.CharField(max_length=5),
        db_persist=True,
        verbose_name=_("district key"),
    )
    region = models.GeneratedField(
        expression=Case(
            When(ags__startswith="145", then=Value(Region.CHEMNITZ.value)),
            When(ags__startswith="146", then=Value(Region.DRESDEN.value)),
            When(ags__startswith="147", then=Value(Region.LEIPZIG.value)),
            default=Value(""),
        ),
        output_field=models.CharField(max_length=10, choices=Region.choices),
        db_persist=True,
        verbose_name=_("region"),
    )
    member_since = models.DateField(_("ASSKomm member since"), null=True, blank=True)
    is_model_municipality = models.BooleanField(_("ASSKomm model municipality"), default=False)
    security_analysis_year = models.PositiveSmallIntegerField(
        _("security analysis (year)"),
        null=True,
        blank=True,
        help_text=_("The year the municipality took part in a security analysis, if it did."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="municipality_name_idx"),
            models.Index(fields=["kind"], name="municipality_kind_idx"),
            models.Index(fields=["region"], name="municipality_region_idx"),
            models.Index(fields=["kreis_key"], name="municipality_kreis_idx"),
            models.Index(fields=["is_model_municipality"], name="municipality_model_idx"),
            models.Index(fields=["security_analysis_year"], name="municipality_analysis_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ags__regex=r"^14[567][0-9]{5}$"),
                name="municipality_ags_saxon",
                violation_error_message=_("The AGS must be an eight-digit Saxon key."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:municipality_detail", kwargs={"ags": self.ags})

    def clean(self):
        super().clean()
        if not self.ags or self.ags[:5] not in ags_rules.KREISE:
            return  # the field's validator has said what is wrong
        errors = {}
        kreis = ags_rules.KREISE[self.ags[:5]]
        if ags_rules.is_kreis(self.ags):
            expected = self.Kind.KREISFREIE_STADT if kreis.kreisfrei else self.Kind.LANDKREIS
            if self.kind and self.kind != expected:
                errors["kind"] = _(
                    "A key ending in 000 names the Kreis itself: the kind must be “%(kind)s”."
                ) % {"kind": expected.label}
        elif self.kind in (self.Kind.KREISFREIE_STADT, self.Kind.LANDKREIS):
            errors["kind"] = _(
                "Only a key ending in 000 names a Landkreis or a kreisfreie Stadt; "
                "%(ags)s is a municipality within %(kreis)s."
            ) % {"ags": self.ags, "kreis": kreis.name}
        if self.security_analysis_year is not None:
            if not 2000 <= self.security_analysis_year <= timezone.localdate().year:
                errors["security_analysis_year"] = _(
                    "Give the year of the security analysis, e.g. %(year)s."
                ) % {"year": timezone.localdate().year}
        if errors:
            raise ValidationError(errors)

    @admin_display(description=_("region"))
    def get_region_display(self):
        # A generated field has no choices of its own, so Django does not
        # provide this method.
        return Region(self.region).label if self.region else ""

    @property
    def is_kreis(self):
        return ags_rules.is_kreis(self.ags)

    @property
    def kreis_name(self):
        """The Landkreis a town belongs to; empty for a Kreis itself."""
        if self.is_kreis:
            return ""
        return ags_rules.KREISE[self.ags[:5]].name

    @property
    def kreis_ags(self):
        return self.ags[:5] + ags_rules.KREIS_SUFFIX

    @property
    def landkreis(self):
        """The Landkreis record a town belongs to, if the portal knows it."""
        if self.is_kreis:
            return None
        return Municipality.objects.filter(ags=self.kreis_ags).first()


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        MINISTRY = "ministry", _("ministry")
        STATE_AUTHORITY = "state_authority", _("state authority")
        POLICE = "police", _("police")
        WELFARE = "welfare", _("welfare organisation")
        UNIVERSITY = "university", _("university")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True, db_collation=GERMAN)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"], name="organisation_kind_idx")]

    def __str__(self):
        if self.short_name:
            return f"{self.name} ({self.short_name})"
        return self.name


# Joins the names of a person's fields of work in one column; no topic
# name contains this control character (the unit separator).
NAME_SEPARATOR = "\x1f"


class JoinedText(models.Aggregate):
    """The texts of a group in one string, separated by the second argument:
    STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite (in no fixed order)."""

    function = "STRING_AGG"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


class UserQuerySet(models.QuerySet):
    def with_topic_names(self):
        """Annotates the names of each person's fields of work (read them
        with ``User.expertise_topic_names``): in the people's own query, so
        that a list of people cards asks nothing more of the database."""
        names = (
            User.expertise_topics.through.objects.filter(user=OuterRef("pk"))
            .order_by()
            .values("user")
            .annotate(names=JoinedText("topic__name", Value(NAME_SEPARATOR)))
            .values("names")
        )
        return self.annotate(joined_topic_names=Subquery(names))

    def network_members(self):
        """Active people who hold the member permission (through a group,
        directly, or as superusers): the network's members and its team."""
        return self.filter(is_active=True).filter(_holds_member_permission())

    def working_group(self):
        """Delegates and deputies of the working group's seats."""
        seats = WorkingGroupSeat.objects.filter(
            Q(delegate=OuterRef("pk")) | Q(deputy=OuterRef("pk"))
        )
        return self.filter(Exists(seats))

    def named_for(self, viewer):
        """The people ``viewer`` may see by name on the portal's pages (seats,
        project teams, contacts), as their listing choice allows: those who
        opted into the member directory, for network members; the viewer
        themself; everyone for staff. Others appear by role and affiliation
        only. (training adds those listed in the alumni directory for alumni.)"""
        if not viewer.is_authenticated:
            return self.none()
        if viewer.is_active and viewer.is_staff:
            return self
        shown = Q(pk=viewer.pk)
        if is_network_member(viewer):
            shown |= Q(listed_in_directory=True, is_active=True)
        return self.filter(shown)

    def directory_for(self, viewer):
        """The member directory: members who opted in, for members only."""
        if not is_network_member(viewer):
            return self.none()
        return (
            self.network_members()
            .filter(listed_in_directory=True)
            .select_related("municipality", "organisation")
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def _holds_member_permission():
    member_permission = {
        "permissions__codename": MEMBER_PERMISSION_CODENAME,
        "permissions__content_type__app_label": "members",
    }
    through_group = User.groups.through.objects.filter(
        user=OuterRef("pk"), **{f"group__{key}": value for key, value in member_permission.items()}
    )
    direct = User.user_permissions.through.objects.filter(
        user=OuterRef("pk"),
        permission__codename=MEMBER_PERMISSION_CODENAME,
        permission__content_type__app_label="members",
    )
    return Q(is_superuser=True) | Exists(through_group) | Exists(direct)


# A default that tells "not given" from None.
_ASK = object()


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Everybody starts as an applicant; staff
    approval makes them a network member (see ``members.services``)."""

    class Salutation(models.TextChoices):
        MS = "ms", _("Ms")
        MR = "mr", _("Mr")

    email = models.EmailField(_("e-mail address"), unique=True)
    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, blank=True
    )
    title = models.CharField(_("academic title"), max_length=50, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True, db_collation=GERMAN)
    last_name = models.CharField(_("last name"), max_length=150, blank=True, db_collation=GERMAN)
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Präventionsbeauftragte, Sachgebietsleiter Ordnungsamt"),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the portal and of the e-mails you receive."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    listed_in_directory = models.BooleanField(
        _("listed in the member directory"),
        default=False,
        help_text=_(
            "Other network members then see your name, function, affiliation, e-mail address "
            "and phone number."
        ),
    )
    expertise_topics = models.ManyToManyField(
        "asskomm.Topic",
        verbose_name=_("fields of work"),
        blank=True,
        related_name="experts",
        help_text=_("The topics you work on or know well."),
    )
    expertise_keywords = models.CharField(
        _("expertise (keywords)"),
        max_length=300,
        blank=True,
        help_text=_("Free keywords, separated by commas, e.g. CCTV, youth clubs, street lighting."),
    )
    profile_text = models.TextField(
        _("profile text"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences about your work, shown to members with your listing."),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]
        permissions = [(MEMBER_PERMISSION_CODENAME, _("Can use the network's member area"))]
        indexes = [
            models.Index(
                fields=["listed_in_directory", "last_name", "first_name"],
                name="user_directory_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(organisation__isnull=True),
                name="user_one_affiliation",
                violation_error_message=_(
                    "A person belongs to a municipality or to an organisation, not to both."
                ),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def affiliation(self):
        """The municipality or organisation the person works for."""
        return self.municipality or self.organisation

    @property
    def is_network_member(self):
        """Holds the member permission (through the member group, directly,
        or as a superuser): ``has_perm(MEMBER_PERMISSION)``, from the
        person's facts (``members.facts``), with no query of its own."""
        return self.is_active and facts.of(self, "network_member")

    def get_absolute_url(self):
        """The person's profile page (for those who find them in the directory)."""
        return reverse("members:person_detail", kwargs={"pk": self.pk})

    @property
    def expertise_topic_names(self):
        """The names of the person's fields of work, in German alphabetical
        order: from ``with_topic_names()`` when the query annotated them."""
        if hasattr(self, "joined_topic_names"):
            joined = self.joined_topic_names or ""
            names = [name for name in joined.split(NAME_SEPARATOR) if name]
        else:
            names = [topic.name for topic in self.expertise_topics.all()]
        return sorted(names, key=din_5007_key)

    @property
    def keyword_list(self):
        """The expertise keywords, one by one."""
        return [word.strip() for word in self.expertise_keywords.split(",") if word.strip()]

    # What only a superuser may give: admin access, all rights, single rights.
    PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")

    def may_be_changed_by(self, actor):
        """Whether ``actor`` (with the admin's permission on people) may
        change, delete or set the password of this account: a superuser only
        by superusers, or a team member could take it over and become one."""
        return actor.is_superuser or not self.is_superuser

    def membership_request_to_show(self):
        """What the person's dashboard says about their requests to join:
        the one waiting for a decision, else the latest (None if they never
        asked), with its affiliation."""
        waiting_first = Case(
            When(status=MembershipRequest.Status.PENDING, then=Value(0)), default=Value(1)
        )
        return (
            self.membership_requests.select_related("municipality", "organisation")
            .order_by(waiting_first, "-created_at")
            .first()
        )

    def may_request_membership(self, request_to_show=_ASK):
        """Applicants may ask to join, unless a request of theirs is waiting.
        ``request_to_show``: the caller's ``membership_request_to_show()``
        (None included), which answers it without another query."""
        if self.is_network_member:
            return False
        if request_to_show is _ASK:
            request_to_show = self.membership_request_to_show()
        return request_to_show is None or not request_to_show.is_pending

    @property
    def is_working_group_member(self):
        """Holds a seat in the working group, as delegate or deputy (from the
        person's facts, ``members.facts``)."""
        return facts.of(self, "working_group_member")

    def has_perm(self, perm, obj=None):
        facts.load_permissions(self)  # one query rather than two
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        facts.load_permissions(self)
        return super().has_module_perms(app_label)

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        facts.forget(self)


def is_network_member(user):
    """Whether ``user`` (possibly anonymous) may use the member area."""
    return bool(user and user.is_authenticated and user.is_network_member)


def holds_member_permission():
    """The fact behind ``User.is_network_member`` (see ``members.facts``)."""
    return _holds_member_permission()


def holds_working_group_seat():
    """The fact behind ``User.is_working_group_member``."""
    return Exists(WorkingGroupSeat.objects.held_by(OuterRef("pk")))


def affiliation_error(*, municipality, organisation):
    """What is wrong with the affiliation a membership request names, said
    so that the person knows what to choose; None when it names exactly one
    municipality or organisation."""
    if municipality is None and organisation is None:
        return _("Choose the municipality or the organisation you work for.")
    if municipality is not None and organisation is not None:
        return _("Choose either a municipality or an organisation, not both.")
    return None


class MembershipRequest(models.Model):
    """A person asks to join the network, naming where they work."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_requests",
    )
    function = models.CharField(_("function"), max_length=200)
    message = models.TextField(
        _("message to the ASSKomm team"),
        blank=True,
        help_text=_(
            "Optional: what the ASSKomm team should know to decide on your request, "
            "e.g. your tasks in crime prevention."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(
        _("note to the applicant"),
        blank=True,
        help_text=_("Sent with the decision, e.g. why a request was declined."),
    )

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="membership_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=EXACTLY_ONE_AFFILIATION,
                name="membership_request_one_affiliation",
                violation_error_message=_("Name either your municipality or your organisation."),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="membership_request_one_pending",
                violation_error_message=_("There is already a request waiting for a decision."),
            ),
        ]

    def __str__(self):
        return _("%(person)s: %(affiliation)s") % {
            "person": self.user,
            "affiliation": self.affiliation,
        }

    def clean(self):
        super().clean()
        error = affiliation_error(
            municipality=self.municipality_id, organisation=self.organisation_id
        )
        if error:
            # On the field, so that the check constraint's general message
            # does not follow it.
            raise ValidationError({"municipality": error})

    @property
    def affiliation(self):
        return self.municipality or self.organisation

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class WorkingGroupSeatQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The working group's composition is public: who holds the seats.
        Its people are named as their listing allows (``with_names_for``)."""
        return self.all()

    def held_by(self, user):
        return self.filter(Q(delegate=user) | Q(deputy=user))

    def with_names_for(self, viewer):
        """Annotates ``delegate_named`` and ``deputy_named``: whether
        ``viewer`` may see that person's name (``User.objects.named_for``);
        a seat without it shows the role and the holder, not the person."""
        named = User.objects.named_for(viewer)
        return self.annotate(
            delegate_named=Exists(named.filter(pk=OuterRef("delegate"))),
            deputy_named=Exists(named.filter(pk=OuterRef("deputy"))),
        )


class WorkingGroupSeat(models.Model):
    """A seat in the AG ASSKomm, held by a model municipality or a partner
    organisation, with a delegate and a deputy."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_seats",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_seats",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegate_seats",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_seats",
    )

    objects = WorkingGroupSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group seat")
        verbose_name_plural = _("working group seats")
        ordering = ["organisation__name", "municipality__name"]
        constraints = [
            models.CheckConstraint(
                condition=EXACTLY_ONE_AFFILIATION,
                name="seat_one_holder",
                violation_error_message=_(
                    "A seat is held by a municipality or by an organisation."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(municipality__isnull=False),
                name="seat_unique_municipality",
                violation_error_message=_("This municipality already has a seat."),
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(organisation__isnull=False),
                name="seat_unique_organisation",
                violation_error_message=_("This organisation already has a seat."),
            ),
            models.CheckConstraint(
                condition=Q(delegate__isnull=True)
                | Q(deputy__isnull=True)
                | ~Q(delegate=models.F("deputy")),
                name="seat_delegate_not_deputy",
                violation_error_message=_("Delegate and deputy are two different people."),
            ),
        ]

    def __str__(self):
        return str(self.holder)

    @property
    def holder(self):
        return self.municipality or self.organisation

    def clean(self):
        super().clean()
        errors = {}
        for field in ("delegate", "deputy"):
            person = getattr(self, field)
            if person is not None and not person.is_network_member:
                errors[field] = _(
                    "%(person)s is not a network member yet: approve their membership first."
                ) % {"person": person}
        if errors:
            raise ValidationError(errors)


class Consent(models.Model):
    """A person's agreement to a text of the portal: which version, when,
    and when they took it back. Applications keep their own consent
    (``training.Application.consent_text_version``)."""

    class Kind(models.TextChoices):
        SIGNUP = "signup", _("privacy statement at sign-up")
        DIRECTORY = "directory", _("listing in the member directory")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text_version = models.CharField(_("version of the text"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["given_at", "pk"]
        indexes = [models.Index(fields=["user", "kind"], name="consent_user_kind_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_current_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return _("%(kind)s (version %(version)s)") % {
            "kind": self.get_kind_display(),
            "version": self.text_version,
        }


class AuditEntry(models.Model):
    """A change that staff made to a person's records: who, when, and
    which fields from what to what. Written by ``members.audit``."""

    class Action(models.TextChoices):
        ADDED = "added", _("added")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("record"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, help_text=_("Field: [before, after].")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="audit_object_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self):
        return _("%(record)s %(action)s") % {
            "record": self.object_repr,
            "action": self.get_action_display(),
        }


class MunicipalityContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The contact log is the team's: staff only."""
        if user.is_authenticated and user.is_active and user.is_staff:
            return self
        return self.none()

    def follow_ups_due(self, today=None):
        """Follow-ups whose date has come and that nobody has done yet."""
        today = today or timezone.localdate()
        return self.filter(follow_up_on__lte=today, follow_up_done=False)


class MunicipalityContact(models.Model):
    """The ASSKomm team's log of its contacts with a municipality: a visit,
    a call, a consultation or an e-mail, and what to follow up when."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        CALL = "call", _("call")
        CONSULTATION = "consultation", _("consultation")
        EMAIL = "email", _("e-mail")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.ForeignKey(
        "asskomm.Topic",
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        limit_choices_to={"is_staff": True},
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MunicipalityContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact with a municipality")
        verbose_name_plural = _("contacts with municipalities")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "date"], name="contact_municipality_idx"),
            models.Index(fields=["follow_up_done", "follow_up_on"], name="contact_follow_up_idx"),
        ]

    def __str__(self):
        return _("%(kind)s with %(municipality)s on %(date)s") % {
            "kind": self.get_kind_display(),
            "municipality": self.municipality,
            "date": when(self.date),
        }
