"""Which service writes each workflow table (definitions are checked; the trail is the engine's)."""
from app.core.crud import refuse_write, register_service
from app.workflow import delegations
from app.workflow import services as svc
from app.workflow.models import (
    Countersignature,
    Delegation,
    Workflow,
    WorkflowEscalation,
    WorkflowHistory,
    WorkflowState,
    WorkflowTransition,
)


def register_all() -> None:
    register_service(Workflow, create=svc.save_workflow, update=svc.save_workflow, delete=svc.delete_workflow)
    register_service(WorkflowState, create=svc.save_state, update=svc.save_state, delete=svc.delete_state)
    register_service(WorkflowTransition, create=svc.save_transition, update=svc.save_transition,
                     delete=svc.delete_transition)
    register_service(Delegation, create=delegations.create_delegation, update=refuse_write,
                     delete=delegations.revoke_delegation)
    for model in (WorkflowHistory, Countersignature, WorkflowEscalation):  # written by the engine only
        register_service(model, create=refuse_write, update=refuse_write, delete=refuse_write)
