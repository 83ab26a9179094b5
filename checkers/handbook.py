"""Where each section of the handbook lives in the site, so a checker can cite it by anchor.

Anchors are the seed's own (kramdown) slugs, pinned with `{#id}` in the pages, so links into the
original handbook keep working here. A build test proves every entry exists in the built site.
"""

from __future__ import annotations

from typing import NamedTuple

SOURCE_URL = "https://about.gitlab.com/handbook/support/workflows/customer_emergencies_workflows.html"


EXCEPTION_WORKFLOW = "exception-workflow"


class Source(NamedTuple):
    title: str
    url: str
    date: str


# The handbook pages the site's decisions come from. The seed is the runbook itself; the Emergency
# Exception Workflow is the separate page it links to for the exception criteria (a later copy, so
# it is cited with its own date). See /work/shared/handbook/emergency_exception_workflow.md's header.
SOURCES = {
    "seed": Source("Customer Emergencies On-Call Workflows", SOURCE_URL, "early 2023"),
    EXCEPTION_WORKFLOW: Source(
        "Emergency Exception Workflow",
        "https://handbook.gitlab.com/handbook/support/workflows/emergency_exception_workflow/",
        "December 2025",
    ),
}


class Section(NamedTuple):
    page: str  # site-relative directory URL of the page
    title: str
    source: str = "seed"  # a key of SOURCES


_PAGES: dict[str, list[tuple[str, str]]] = {
    "rotation/": [
        ("introduction", "Introduction"),
        (
            "expectations-for-support-engineers-in-the-customer-emergencies-rotation",
            "Expectations for Support Engineers in the Customer Emergencies Rotation",
        ),
        (
            "how-to-be-added-to-the-customer-emergencies-pagerduty-rotation",
            "How to be added to the Customer Emergencies PagerDuty rotation",
        ),
        ("communicate", "Communicate"),
        ("optional-contact-the-on-call-support-manager", "(Optional) Contact the on-call Support Manager"),
    ],
    "responding/": [
        ("respond-to-pagerduty-alerts", "Respond to PagerDuty alerts"),
        ("pagerduty-status", "PagerDuty Status"),
    ],
    "qualifying/": [
        ("determine-if-the-situation-qualifies-as-an-emergency", "Determine if the situation qualifies as an emergency"),
        (
            "communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception",
            "Communicate if the situation qualifies as an emergency or as an exception",
        ),
        ("tag-the-ticket-appropriately", "Tag the ticket appropriately"),
        ("situations-that-might-or-might-not-be-emergencies", "Situations that Might or Might not Be Emergencies"),
    ],
    "multiple-emergencies/": [
        ("handling-multiple-simultaneous-emergencies", "Handling multiple simultaneous emergencies"),
        (
            "fy23q4-fy24q1-trial---backup-engineers-on-weekends-in-apac",
            "FY23Q4-FY24Q1 Trial - Backup engineers on weekends in APAC",
        ),
        ("escalate-to-initiate-page-to-backup-engineers", "Escalate to initiate page to backup engineers"),
    ],
    "calls/": [
        ("taking-an-emergency-customer-call", "Taking an emergency customer call"),
        ("post-call", "Post-call"),
        ("when-the-emergency-is-resolved", "When the emergency is resolved"),
    ],
    "when-stuck/": [
        ("what-to-do-if-you-dont-know-what-to-do", "What to do if you don't know what to do"),
    ],
    "licence/": [
        ("license-emergencies", "License Emergencies"),
        ("self-managed-subscription-emergencies", "Self-managed Subscription Emergencies"),
        ("saas-subscription-emergencies", "SaaS Subscription Emergencies"),
    ],
    "saas/": [
        ("saas-emergencies", "SaaS Emergencies"),
        ("broken-functionality", "Broken Functionality"),
        (
            "broken-functionality-due-to-a-regression-or-feature-flag",
            "Broken functionality due to a regression or feature flag",
        ),
        (
            "broken-functionality-due-to-something-specific-to-the-customer",
            "Broken functionality due to something specific to the customer",
        ),
        ("broken-functionality-due-to-an-incident", "Broken functionality due to an incident"),
        ("example-tickets", "Example tickets"),
        ("consumption-issues", "Consumption Issues"),
        ("ci-minutes-quota-is-blocking-a-production-deployment", "CI Minutes quota is blocking a production deployment"),
        ("customer-has-exceeded-their-storage-quota", "Customer has exceeded their storage quota"),
        (
            "a-widespread-incident-causes-multiple-successive-pagerduty-alerts",
            "A widespread incident causes multiple, successive PagerDuty alerts",
        ),
        ("using-zendesk-bulk-update", "Using Zendesk Bulk Update"),
    ],
    "us-federal/": [
        ("us-federal-emergencies", "US Federal Emergencies"),
        ("emergencies-outside-on-call-hours", "Emergencies outside on-call hours"),
    ],
    "special-handling/": [
        ("special-handling-notes", "Special handling notes"),
        ("compromised-instances", "Compromised instances"),
        ("single-user-same-day-purchases", "Single user, same day purchases"),
    ],
    "training/": [
        ("customer-emergency-on-call-training-resources", "Customer Emergency On-Call Training Resources"),
        ("customer-emergency-shadow-pagerduty-schedule", "Customer Emergency Shadow PagerDuty Schedule"),
    ],
}

# The Emergency Exception Workflow's sections, shown on the qualifying page beside the question
# they inform (site_build/exception_aids.py renders them with these anchors).
_EXCEPTION_SECTIONS = [
    ("exception-criteria", "Exception Criteria"),
    (
        "examples-of-situations-that-might-or-might-not-qualify-for-an-exception",
        "Examples of situations that might (or might not) qualify for an exception",
    ),
    ("situations-that-are-not-emergencies", "Situations that Are not Emergencies"),
]

SECTIONS: dict[str, Section] = {
    anchor: Section(page, title) for page, entries in _PAGES.items() for anchor, title in entries
}
SECTIONS.update(
    {anchor: Section("qualifying/", title, EXCEPTION_WORKFLOW) for anchor, title in _EXCEPTION_SECTIONS}
)


def section(anchor: str) -> Section:
    try:
        return SECTIONS[anchor]
    except KeyError:
        raise KeyError(f"no handbook section with anchor {anchor!r}") from None


def source_entry(anchor: str) -> dict[str, str]:
    """One entry of a result's `sources`: its link and title, and for a page other than the seed
    which page it is and its date (the seed's entries keep their two keys)."""
    found = section(anchor)
    entry = {"href": href(anchor), "title": found.title}
    if found.source != "seed":
        source = SOURCES[found.source]
        entry.update(source=source.title, date=source.date, url=source.url)
    return entry


def href(anchor: str) -> str:
    """The site-relative link to a section, e.g. ``qualifying/#tag-the-ticket-appropriately``."""
    return f"{section(anchor).page}#{anchor}"
