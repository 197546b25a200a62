"""grants, payments, outcomes, reports

Revision ID: 0005_grants
Revises: 0004_meetings
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0005_grants"
down_revision = "0004_meetings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('funding_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('insats_type', sa.String(length=20), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('decision_reference', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('closed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('active', 'closed')", name=op.f('ck_funding_grant_status_known')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_funding_grant_period_order')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_funding_grant_application_id_application')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], name=op.f('fk_funding_grant_closed_by_id_user_account')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_funding_grant_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_funding_grant_decision_id_decision')),
    sa.ForeignKeyConstraint(['owner_id'], ['organisation.id'], name=op.f('fk_funding_grant_owner_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_grant'))
    )
    with op.batch_alter_table('funding_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_grant_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_grant_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_grant_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_grant_status'), ['status'], unique=False)

    op.create_table('grant_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_grant_budget_amount_not_negative')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_grant_budget_grant_id_funding_grant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_budget')),
    sa.UniqueConstraint('grant_id', 'year', 'category', name=op.f('uq_grant_budget_grant_id_year_category'))
    )
    op.create_table('grant_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('decision_reference', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('amount_before', models.base.Money(precision=14, scale=2), nullable=True),
    sa.Column('amount_after', models.base.Money(precision=14, scale=2), nullable=True),
    sa.Column('period_end_before', sa.Date(), nullable=True),
    sa.Column('period_end_after', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_grant_change_decision_id_decision')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_grant_change_grant_id_funding_grant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_grant_change_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_change'))
    )
    with op.batch_alter_table('grant_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_change_grant_id'), ['grant_id'], unique=False)

    op.create_table('grant_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('carry_over', sa.Boolean(), nullable=False),
    sa.Column('carry_over_reference', sa.String(length=200), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_grant_year_amount_not_negative')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_grant_year_grant_id_funding_grant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_year')),
    sa.UniqueConstraint('grant_id', 'year', name=op.f('uq_grant_year_grant_id_year'))
    )
    op.create_table('outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_outcome_grant_id_funding_grant')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['user_account.id'], name=op.f('fk_outcome_reported_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome')),
    sa.UniqueConstraint('grant_id', 'year', 'category', name=op.f('uq_outcome_grant_id_year_category'))
    )
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_grant_id'), ['grant_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('covered_from', sa.Date(), nullable=True),
    sa.Column('covered_to', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_payment_amount_not_zero')),
    sa.CheckConstraint('covered_to IS NULL OR covered_from IS NULL OR covered_to >= covered_from', name=op.f('ck_payment_covered_order')),
    sa.ForeignKeyConstraint(['corrects_id'], ['payment.id'], name=op.f('fk_payment_corrects_id_payment')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_payment_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_payment_grant_id_funding_grant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_grant_id'), ['grant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_paid_on'), ['paid_on'], unique=False)

    op.create_table('project_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('participants_started', sa.Integer(), nullable=False),
    sa.Column('participants_ended', sa.Integer(), nullable=False),
    sa.Column('to_work', sa.Integer(), nullable=False),
    sa.Column('to_studies', sa.Integer(), nullable=False),
    sa.Column('to_other_support', sa.Integer(), nullable=False),
    sa.Column('to_other', sa.Integer(), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('outcome_year', sa.Integer(), nullable=True),
    sa.Column('submitted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('status', 'final')", name=op.f('ck_project_report_kind_known')),
    sa.CheckConstraint('participants_started >= 0 AND participants_ended >= 0 AND to_work >= 0 AND to_studies >= 0 AND to_other_support >= 0 AND to_other >= 0', name=op.f('ck_project_report_counts_not_negative')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_project_report_grant_id_funding_grant')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user_account.id'], name=op.f('fk_project_report_submitted_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_report'))
    )
    with op.batch_alter_table('project_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_report_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_report_grant_id'), ['grant_id'], unique=False)

    op.create_table('staff_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('person', sa.String(length=200), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('percent', models.base.Percent(precision=14, scale=2), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('annual_salary', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('po_rate', models.base.Percent(precision=14, scale=2), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_on >= start_on', name=op.f('ck_staff_allocation_period_order')),
    sa.CheckConstraint('percent > 0', name=op.f('ck_staff_allocation_percent_positive')),
    sa.ForeignKeyConstraint(['employer_id'], ['organisation.id'], name=op.f('fk_staff_allocation_employer_id_organisation')),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_staff_allocation_grant_id_funding_grant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_allocation'))
    )
    with op.batch_alter_table('staff_allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_allocation_grant_id'), ['grant_id'], unique=False)

    # ### end Alembic commands ###


def downgrade():
    with op.batch_alter_table('staff_allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_allocation_grant_id'))

    op.drop_table('staff_allocation')
    with op.batch_alter_table('project_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_report_grant_id'))
        batch_op.drop_index(batch_op.f('ix_project_report_due_on'))

    op.drop_table('project_report')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_paid_on'))
        batch_op.drop_index(batch_op.f('ix_payment_grant_id'))

    op.drop_table('payment')
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_grant_id'))

    op.drop_table('outcome')
    op.drop_table('grant_year')
    with op.batch_alter_table('grant_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_change_grant_id'))

    op.drop_table('grant_change')
    op.drop_table('grant_budget')
    with op.batch_alter_table('funding_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_grant_status'))
        batch_op.drop_index(batch_op.f('ix_funding_grant_owner_id'))
        batch_op.drop_index(batch_op.f('ix_funding_grant_decision_id'))
        batch_op.drop_index(batch_op.f('ix_funding_grant_application_id'))

    op.drop_table('funding_grant')
    # ### end Alembic commands ###
