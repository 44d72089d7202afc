"""Rule engines: the reference evaluator, the durable-rules adapter, and their comparison.

Public API: :class:`Match`, :class:`Engine`, :class:`ReferenceEngine`, :class:`DurableEngine`,
:func:`durable_available`, :func:`run_checked` and :class:`EngineResult`. Importing this package
never imports durable-rules.
"""

from quyche_rules.engines.base import (
    Engine,
    Match,
    fields_read,
    sort_matches,
    validate_checks,
    validate_facts,
)
from quyche_rules.engines.compare import (
    EngineChoice,
    EngineResult,
    PendingResult,
    format_disagreement,
    run_checked,
    start_checked,
)
from quyche_rules.engines.durable import DurableEngine, durable_available, partition_key
from quyche_rules.engines.reference import ReferenceEngine

__all__ = [
    "DurableEngine",
    "Engine",
    "EngineChoice",
    "EngineResult",
    "Match",
    "PendingResult",
    "ReferenceEngine",
    "durable_available",
    "fields_read",
    "format_disagreement",
    "partition_key",
    "run_checked",
    "sort_matches",
    "start_checked",
    "validate_checks",
    "validate_facts",
]
