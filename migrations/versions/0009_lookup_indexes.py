"""indexes for due reports, the application list's counts and foreign keys looked up

Revision ID: 0009_lookup_indexes
Revises: 0008_year_sum_indexes

The dashboard asks for reports not submitted and due by a date; the application
list counts per status within a year; the protocol and the meeting page look up
decisions reported in a §, and corrections look up what they correct. Without
these indexes each of those read the whole table (measured on the large data set
of bench/, see docs/benchmarks.md).
"""

from alembic import op

revision = "0009_lookup_indexes"
down_revision = "0008_year_sum_indexes"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_project_report_open_due", "project_report", ["submitted_at", "due_on"]),
    (
        "ix_application_status_period",
        "application",
        ["status", "period_start", "period_end", "owner_id"],
    ),
    ("ix_decision_reported_in_id", "decision", ["reported_in_id"]),
    ("ix_decision_postponed_to_id", "decision", ["postponed_to_id"]),
    ("ix_paragraph_corrects_id", "paragraph", ["corrects_id"]),
    ("ix_payment_corrects_id", "payment", ["corrects_id"]),
    ("ix_grant_change_decision_id", "grant_change", ["decision_id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
