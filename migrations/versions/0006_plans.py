"""verksamhetsplan, goals, indicators, follow-up

Revision ID: 0006_plans
Revises: 0005_grants
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0006_plans"
down_revision = "0005_grants"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('equity_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('max_percent', models.base.Percent(precision=14, scale=2), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('from_amount >= 0', name=op.f('ck_equity_step_from_not_negative')),
    sa.CheckConstraint('max_percent >= 0', name=op.f('ck_equity_step_percent_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_step')),
    sa.UniqueConstraint('from_amount', name=op.f('uq_equity_step_from_amount'))
    )
    op.create_table('equity_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_year')),
    sa.UniqueConstraint('year', name=op.f('uq_equity_year_year'))
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('focus_areas', sa.Text(), nullable=False),
    sa.Column('governance', sa.Text(), nullable=False),
    sa.Column('revision_note', sa.Text(), nullable=False),
    sa.Column('equity_start', models.base.Money(precision=14, scale=2), nullable=True),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.Column('adopted_paragraph_id', sa.Integer(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('version > 0', name=op.f('ck_plan_positive_version')),
    sa.ForeignKeyConstraint(['adopted_paragraph_id'], ['paragraph.id'], name=op.f('fk_plan_adopted_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['copied_from_id'], ['plan.id'], name=op.f('fk_plan_copied_from_id_plan'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('adopted_paragraph_id', name=op.f('uq_plan_adopted_paragraph_id')),
    sa.UniqueConstraint('year', 'version', name=op.f('uq_plan_year_version'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_year'), ['year'], unique=False)

    op.create_table('follow_up_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('adopted_paragraph_id', sa.Integer(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('tertial1', 'delar', 'helar')", name=op.f('ck_follow_up_period_kind')),
    sa.ForeignKeyConstraint(['adopted_paragraph_id'], ['paragraph.id'], name=op.f('fk_follow_up_period_adopted_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_follow_up_period_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_period')),
    sa.UniqueConstraint('adopted_paragraph_id', name=op.f('uq_follow_up_period_adopted_paragraph_id')),
    sa.UniqueConstraint('year', 'kind', name=op.f('uq_follow_up_period_year_kind'))
    )
    with op.batch_alter_table('follow_up_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_period_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_budget_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('amount', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("category IN ('contribution', 'other_income', 'insatser', 'kansli', 'styrelse', 'revision', 'evaluation', 'reserve', 'other_cost')", name=op.f('ck_plan_budget_line_category')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_plan_budget_line_amount_not_negative')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_plan_budget_line_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_budget_line_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_budget_line'))
    )
    with op.batch_alter_table('plan_budget_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_budget_line_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('focus_area', sa.String(length=200), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_goal_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_goal_plan_id'), ['plan_id'], unique=False)

    op.create_table('follow_up_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('budget_line_id', sa.Integer(), nullable=False),
    sa.Column('actual', models.base.Money(precision=14, scale=2), nullable=False),
    sa.Column('forecast', models.base.Money(precision=14, scale=2), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['budget_line_id'], ['plan_budget_line.id'], name=op.f('fk_follow_up_budget_budget_line_id_plan_budget_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_follow_up_budget_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_budget')),
    sa.UniqueConstraint('period_id', 'budget_line_id', name=op.f('uq_follow_up_budget_period_id_budget_line_id'))
    )
    with op.batch_alter_table('follow_up_budget', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_budget_budget_line_id'), ['budget_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_budget_period_id'), ['period_id'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('baseline', models.base.Percent(precision=14, scale=2), nullable=True),
    sa.Column('target', models.base.Percent(precision=14, scale=2), nullable=True),
    sa.Column('how_measured', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_indicator_goal_id_plan_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_key'), ['key'], unique=False)

    op.create_table('plan_insats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('planned_amount', models.base.Money(precision=14, scale=2), nullable=True),
    sa.Column('planned_participants', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('planned_amount IS NULL OR planned_amount >= 0', name=op.f('ck_plan_insats_amount_ok')),
    sa.CheckConstraint('planned_participants IS NULL OR planned_participants >= 0', name=op.f('ck_plan_insats_participants_ok')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_plan_insats_application_id_application')),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_insats_goal_id_plan_goal'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['grant_id'], ['funding_grant.id'], name=op.f('fk_plan_insats_grant_id_funding_grant')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_insats_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_insats'))
    )
    with op.batch_alter_table('plan_insats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_insats_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_insats_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_insats_grant_id'), ['grant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_insats_plan_id'), ['plan_id'], unique=False)

    op.create_table('indicator_follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('actual', models.base.Percent(precision=14, scale=2), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('on_track', 'at_risk', 'off_track')", name=op.f('ck_indicator_follow_up_status')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_follow_up_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_indicator_follow_up_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_follow_up')),
    sa.UniqueConstraint('period_id', 'indicator_id', name=op.f('uq_indicator_follow_up_period_id_indicator_id'))
    )
    with op.batch_alter_table('indicator_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_follow_up_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_follow_up_period_id'), ['period_id'], unique=False)


def downgrade():
    with op.batch_alter_table('indicator_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_follow_up_period_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_follow_up_indicator_id'))

    op.drop_table('indicator_follow_up')
    with op.batch_alter_table('plan_insats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_insats_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_insats_grant_id'))
        batch_op.drop_index(batch_op.f('ix_plan_insats_goal_id'))
        batch_op.drop_index(batch_op.f('ix_plan_insats_application_id'))

    op.drop_table('plan_insats')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_key'))
        batch_op.drop_index(batch_op.f('ix_indicator_goal_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('follow_up_budget', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_budget_period_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_budget_budget_line_id'))

    op.drop_table('follow_up_budget')
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_goal_plan_id'))

    op.drop_table('plan_goal')
    with op.batch_alter_table('plan_budget_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_budget_line_plan_id'))

    op.drop_table('plan_budget_line')
    with op.batch_alter_table('follow_up_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_period_plan_id'))

    op.drop_table('follow_up_period')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_year'))

    op.drop_table('plan')
    op.drop_table('equity_year')
    op.drop_table('equity_step')
