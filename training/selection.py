"""The rule that proposes who gets the places of a cohort.

1. Priority groups: municipal administration first, then the police (state
   and federal), then independent organisations and other employers.
2. Within a group, applications that staff have rated come first, the
   higher average rating first; applications nobody has rated yet follow.
   (An unrated application has not been read, so it cannot outrank one that
   has been; the selection page warns while any are unrated.)
3. Then the earlier submission, and last the lower id, so the order is
   always the same for the same data.

The first ``capacity`` are proposed for acceptance, the rest for the waiting
list in that order. Staff's deviations (each with a reason) are applied on
top: an accepted one takes a place before the rule fills the rest, a
rejected one leaves the list, a waitlisted one is not accepted and, if
staff named a position, stands there on the waiting list.

Nothing here reads or writes the database: ``propose`` takes the
applications (with ``average_rating`` annotated) and the deviations.
"""

from dataclasses import dataclass, field

from training.models import Application, SelectionDeviation

EmployerKind = Application.EmployerKind

PRIORITY_GROUPS = {
    EmployerKind.MUNICIPAL: 0,
    EmployerKind.STATE_POLICE: 1,
    EmployerKind.FEDERAL_POLICE: 1,
    EmployerKind.INDEPENDENT: 2,
    EmployerKind.OTHER: 2,
}


def priority_group(application):
    return PRIORITY_GROUPS.get(application.employer_kind, max(PRIORITY_GROUPS.values()))


def rule_order_key(application):
    rating = getattr(application, "average_rating", None)
    return (
        priority_group(application),
        rating is None,
        -(rating or 0),
        application.submitted_at,
        application.pk,
    )


@dataclass(frozen=True)
class Proposal:
    capacity: int
    accepted: list = field(default_factory=list)
    waitlisted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    deviations: dict = field(default_factory=dict)

    def decision_for(self, application):
        if application in self.accepted:
            return Application.Status.ACCEPTED
        if application in self.waitlisted:
            return Application.Status.WAITLISTED
        return Application.Status.REJECTED

    @property
    def rows(self):
        """(application, proposed status, waiting-list position, deviation)
        in the order of the proposal."""
        result = [
            (application, Application.Status.ACCEPTED, None, self.deviations.get(application.pk))
            for application in self.accepted
        ]
        result += [
            (
                application,
                Application.Status.WAITLISTED,
                position,
                self.deviations.get(application.pk),
            )
            for position, application in enumerate(self.waitlisted, start=1)
        ]
        result += [
            (application, Application.Status.REJECTED, None, self.deviations.get(application.pk))
            for application in self.rejected
        ]
        return result


def propose(applications, *, capacity, deviations=None):
    """The proposed selection among ``applications`` for ``capacity`` places;
    ``deviations`` maps an application's pk to staff's SelectionDeviation."""
    deviations = deviations or {}
    ordered = sorted(applications, key=rule_order_key)

    def decided(decision):
        return [a for a in ordered if (d := deviations.get(a.pk)) and d.decision == decision]

    forced_accept = decided(SelectionDeviation.Decision.ACCEPT)[:capacity]
    forced_waitlist = decided(SelectionDeviation.Decision.WAITLIST)
    rejected = decided(SelectionDeviation.Decision.REJECT)
    by_rule = [a for a in ordered if a.pk not in deviations]

    free = capacity - len(forced_accept)
    accepted = sorted(forced_accept + by_rule[:free], key=rule_order_key)
    waitlisted = sorted(
        [a for a in ordered if a not in accepted and a not in rejected and a.pk in deviations]
        + by_rule[free:],
        key=rule_order_key,
    )
    # Staff's positions on the waiting list, in the order of the positions.
    pinned = sorted(
        (a for a in forced_waitlist if deviations[a.pk].waitlist_position),
        key=lambda a: (deviations[a.pk].waitlist_position, rule_order_key(a)),
    )
    for application in pinned:
        waitlisted.remove(application)
    for application in pinned:
        waitlisted.insert(deviations[application.pk].waitlist_position - 1, application)

    return Proposal(
        capacity=capacity,
        accepted=accepted,
        waitlisted=waitlisted,
        rejected=rejected,
        deviations=deviations,
    )
