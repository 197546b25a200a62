"""applications for funds: applications, parties, budget, attachments, status history

Revision ID: 0003_applications
Revises: 0002_money
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0003_applications"
down_revision = "0002_money"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registry_year', sa.Integer(), nullable=True),
    sa.Column('registry_seq', sa.Integer(), nullable=True),
    sa.Column('registry_number', sa.String(length=40), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('insats_type', sa.String(length=20), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('background', sa.Text(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('target_group', sa.Text(), nullable=False),
    sa.Column('activities', sa.Text(), nullable=False),
    sa.Column('time_plan', sa.Text(), nullable=False),
    sa.Column('organisation_text', sa.Text(), nullable=False),
    sa.Column('cooperation', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('continuation', sa.Text(), nullable=False),
    sa.Column('risks', sa.Text(), nullable=False),
    sa.Column('results_so_far', sa.Text(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('sus_registered', sa.Boolean(), nullable=False),
    sa.Column('sus_id', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('submitted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assessment', sa.Text(), nullable=False),
    sa.Column('proposal_text', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("insats_type IN ('prestudy', 'project', 'individual', 'structural', 'implementation')", name=op.f('ck_application_insats_type_known')),
    sa.CheckConstraint("kind IN ('new', 'extension', 'supplement')", name=op.f('ck_application_kind_known')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'in_preparation', 'supplement_requested', 'proposed', 'granted', 'partly_granted', 'rejected', 'referred_back', 'postponed', 'withdrawn', 'in_progress', 'closed')", name=op.f('ck_application_status_known')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_application_period_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_application_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['owner_id'], ['organisation.id'], name=op.f('fk_application_owner_id_organisation')),
    sa.ForeignKeyConstraint(['parent_id'], ['application.id'], name=op.f('fk_application_parent_id_application')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_application_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application')),
    sa.UniqueConstraint('registry_number', name=op.f('uq_application_registry_number')),
    sa.UniqueConstraint('registry_year', 'registry_seq', name=op.f('uq_application_registry_year_registry_seq'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)

    op.create_table('application_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('planned', sa.Integer(), nullable=False),
    sa.CheckConstraint('planned >= 0', name=op.f('ck_application_participants_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_participants_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_participants')),
    sa.UniqueConstraint('application_id', 'year', name=op.f('uq_application_participants_application_id_year'))
    )
    op.create_table('application_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_party_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_application_party_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_party')),
    sa.UniqueConstraint('application_id', 'organisation_id', name=op.f('uq_application_party_application_id_organisation_id'))
    )
    with op.batch_alter_table('application_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_party_application_id'), ['application_id'], unique=False)

    op.create_table('application_proposed_amount',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_application_proposed_amount_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_proposed_amount_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_proposed_amount')),
    sa.UniqueConstraint('application_id', 'year', name=op.f('uq_application_proposed_amount_application_id_year'))
    )
    op.create_table('application_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_revision_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_application_revision_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_revision')),
    sa.UniqueConstraint('application_id', 'number', name=op.f('uq_application_revision_application_id_number'))
    )
    with op.batch_alter_table('application_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_revision_application_id'), ['application_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('size >= 0', name=op.f('ck_attachment_size_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_attachment_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_attachment_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_application_id'), ['application_id'], unique=False)

    op.create_table('budget_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.CheckConstraint("category IN ('personnel', 'premises', 'travel', 'material', 'evaluation', 'other')", name=op.f('ck_budget_line_category_known')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_budget_line_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_budget_line_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_line'))
    )
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_line_application_id'), ['application_id'], unique=False)

    op.create_table('co_financing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.CheckConstraint("kind IN ('cash', 'in_kind')", name=op.f('ck_co_financing_kind_known')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_co_financing_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_co_financing_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_co_financing_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_co_financing'))
    )
    with op.batch_alter_table('co_financing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_co_financing_application_id'), ['application_id'], unique=False)

    op.create_table('staff_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('person', sa.String(length=200), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('percent', models.base.Percent(precision=14, scale=2), nullable=False),
    sa.Column('hours_per_week', models.base.Percent(precision=14, scale=2), nullable=True),
    sa.Column('annual_salary', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('po_rate', models.base.Percent(precision=14, scale=2), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.CheckConstraint('annual_salary >= 0', name=op.f('ck_staff_line_salary_not_negative')),
    sa.CheckConstraint('months >= 1 AND months <= 12', name=op.f('ck_staff_line_months_range')),
    sa.CheckConstraint('percent >= 0', name=op.f('ck_staff_line_percent_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_staff_line_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['employer_id'], ['organisation.id'], name=op.f('fk_staff_line_employer_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_line'))
    )
    with op.batch_alter_table('staff_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_line_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_line_person'), ['person'], unique=False)

    op.create_table('status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=30), nullable=True),
    sa.Column('to_status', sa.String(length=30), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_status_change_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_status_change_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_change'))
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_application_id'), ['application_id'], unique=False)


def downgrade():
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_application_id'))

    op.drop_table('status_change')
    with op.batch_alter_table('staff_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_line_person'))
        batch_op.drop_index(batch_op.f('ix_staff_line_application_id'))

    op.drop_table('staff_line')
    with op.batch_alter_table('co_financing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_co_financing_application_id'))

    op.drop_table('co_financing')
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_line_application_id'))

    op.drop_table('budget_line')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_application_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('application_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_revision_application_id'))

    op.drop_table('application_revision')
    op.drop_table('application_proposed_amount')
    with op.batch_alter_table('application_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_party_application_id'))

    op.drop_table('application_party')
    op.drop_table('application_participants')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index(batch_op.f('ix_application_parent_id'))
        batch_op.drop_index(batch_op.f('ix_application_owner_id'))

    op.drop_table('application')
