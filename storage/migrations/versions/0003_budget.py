"""budget: lines, projects and tranches, the append-only ledger, spend requests, stuurgroep decisions
on them (the budget area, storage/tables_budget.py)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('budget_lines',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('line_group', sa.String(length=200), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_budget_lines'))
    )
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('project_group', sa.String(length=200), nullable=True),
    sa.Column('penvoerder', sa.String(length=200), nullable=False),
    sa.Column('line_key', sa.String(length=80), nullable=True),
    sa.Column('parent', sa.String(length=80), nullable=True),
    sa.Column('cofinanciering', sa.BigInteger(), nullable=True),
    sa.Column('remarks', sa.JSON(), nullable=False),
    sa.Column('progress', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['line_key'], ['budget_lines.key'], name=op.f('fk_projects_line_key_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('reference', name=op.f('uq_projects_reference'))
    )
    op.create_table('project_tranches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('tranche', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_tranches_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_tranches')),
    sa.UniqueConstraint('project_id', 'tranche', name='uq_project_tranches_project_tranche')
    )
    with op.batch_alter_table('project_tranches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_tranches_project_id'), ['project_id'], unique=False)

    op.create_table('ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('tranche', sa.String(length=40), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['line_key'], ['budget_lines.key'], name=op.f('fk_ledger_line_key_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger'))
    )
    with op.batch_alter_table('ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_line_key'), ['line_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_reference'), ['reference'], unique=False)

    op.create_table('spend_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('purpose_key', sa.String(length=300), nullable=False),
    sa.Column('idea_ref', sa.String(length=40), nullable=True),
    sa.Column('requester', sa.String(length=254), nullable=False),
    sa.Column('line_key', sa.String(length=80), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_by', sa.String(length=254), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_via', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decision_number', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['line_key'], ['budget_lines.key'], name=op.f('fk_spend_requests_line_key_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spend_requests')),
    sa.UniqueConstraint('reference', name=op.f('uq_spend_requests_reference'))
    )
    with op.batch_alter_table('spend_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spend_requests_idea_ref'), ['idea_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_requests_purpose_key'), ['purpose_key'], unique=False)
        batch_op.create_index('ix_spend_requests_requested_at', ['requested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_requests_status'), ['status'], unique=False)

    op.create_table('budget_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('request_ref', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('present', sa.JSON(), nullable=False),
    sa.Column('recused', sa.JSON(), nullable=False),
    sa.Column('objections', sa.JSON(), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('considerations', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('requester', sa.String(length=254), nullable=False),
    sa.Column('recorded_by', sa.String(length=254), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_ref'], ['spend_requests.reference'], name=op.f('fk_budget_decisions_request_ref_spend_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_decisions')),
    sa.UniqueConstraint('number', name=op.f('uq_budget_decisions_number'))
    )
    with op.batch_alter_table('budget_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_decisions_request_ref'), ['request_ref'], unique=False)

    _append_only_ledger()


def _append_only_ledger() -> None:
    """The ledger takes INSERTs only: a correction is a new booking (a release), never an edit."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'ledger is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger "
            "FOR EACH ROW EXECUTE FUNCTION ledger_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ledger_no_{event.lower()} BEFORE {event} ON ledger "
                "BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS ledger_append_only ON ledger")
        op.execute("DROP FUNCTION IF EXISTS ledger_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS ledger_no_update")
        op.execute("DROP TRIGGER IF EXISTS ledger_no_delete")

    with op.batch_alter_table('budget_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_decisions_request_ref'))

    op.drop_table('budget_decisions')
    with op.batch_alter_table('spend_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spend_requests_status'))
        batch_op.drop_index('ix_spend_requests_requested_at')
        batch_op.drop_index(batch_op.f('ix_spend_requests_purpose_key'))
        batch_op.drop_index(batch_op.f('ix_spend_requests_idea_ref'))

    op.drop_table('spend_requests')
    with op.batch_alter_table('ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_reference'))
        batch_op.drop_index(batch_op.f('ix_ledger_line_key'))

    op.drop_table('ledger')
    with op.batch_alter_table('project_tranches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_tranches_project_id'))

    op.drop_table('project_tranches')
    op.drop_table('projects')
    op.drop_table('budget_lines')
