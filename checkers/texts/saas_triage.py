"""The SaaS triage checker's sentences: what checkers/rules/saas_triage.py decided, in words.

The rules name the case (`TriageCase`: the outcome, the category, whether several customers are
affected); `wording` makes the result's `success` and steps from it. Nothing here decides.
"""

from __future__ import annotations

from typing import NamedTuple

# The handbook's regression / feature-flag step is conditional; once the answer is known it is said
# as a definite step, or left out.
DECLARE_IF_MULTIPLE = (
    "If this is affecting multiple customers, declare an incident to engage the incident response "
    "team who will update the status page."
)
DECLARE_FOR_MULTIPLE = (
    "This is affecting multiple customers: declare an incident to engage the incident response "
    "team who will update the status page."
)

# What success means, per category, quoted from "SaaS Emergencies". The handbook lists five categories;
# a feature flag is one of the two causes of its first one, and CI minutes, storage and licences share
# "License / Consumption issues".
SUCCESS = {
    "regression": "Success may mean: reproducing, identifying or creating a bug report and escalating to have a "
    "patch created and deployed.",
    "customer-specific": "Success may mean reproducing the error, identifying it Sentry/Kibana, escalating to have "
    "the specific data corrected (and creating a bug report so our code is better).",
    "performance": "Success here means making sure it's not actually one of the top two before declaring an "
    "incident and letting the SRE team diagnose and correct the root cause.",
    "licence": "Success here means getting the customer into a state where they're unblocked and making sure the "
    "license team is equipped to take the handover.",
    "widespread-incident": "Success here means tagging and bulk responding to the issues pointing to the GitLab.com "
    "Status Page and production issue.",
}
SUCCESS["feature-flag"] = SUCCESS["regression"]
SUCCESS["ci-minutes"] = SUCCESS["storage"] = SUCCESS["licence"]

# The last step of an outcome when several customers are affected, where the handbook's path does not
# expect them.
SEVERAL_CUSTOMERS = {
    "known-incident": "Several customers are affected: if their emergencies arrive as multiple, successive "
    'PagerDuty alerts, follow "A widespread incident causes multiple, successive PagerDuty alerts" (category '
    "widespread-incident).",
    "customer-specific": "You said several customers are affected, but this category is for data unique to one "
    "customer. The handbook's step for broken functionality affecting multiple customers is to declare an "
    "incident (under regression or feature flag): check whether this is really a regression.",
}


class TriageCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    outcome: str
    category: str
    multiple_customers: bool


class Wording(NamedTuple):
    success: str
    actions: tuple[str, ...]


def _step(step: str, multiple_customers: bool) -> tuple[str, ...]:
    if step != DECLARE_IF_MULTIPLE:
        return (step,)
    return (DECLARE_FOR_MULTIPLE,) if multiple_customers else ()


def wording(case: TriageCase, steps: tuple[str, ...]) -> Wording:
    """`steps`: the outcome's steps as its table states them."""
    several = SEVERAL_CUSTOMERS.get(case.outcome) if case.multiple_customers else None
    return Wording(
        success=SUCCESS[case.category],
        actions=tuple(said for step in steps for said in _step(step, case.multiple_customers))
        + ((several,) if several else ()),
    )
