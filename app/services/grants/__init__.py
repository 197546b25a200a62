"""Grants: creation and amendments, payments, outcomes, reports, staff allocations."""
