"""Pydantic models of the rule files and of a whole loaded regulation."""

from __future__ import annotations

from quyche_rules.model.law import Instrument
from quyche_rules.model.norm_items import NormItem
from quyche_rules.model.norms import (
    Coordination,
    Deadline,
    DeadlineRule,
    Delegation,
    Duty,
    FollowUp,
    Norm,
    Power,
    Prohibition,
    Reporting,
    Substitution,
)
from quyche_rules.model.organisation import Actor, ActorsFile, DocumentType, FieldOfWork, Task, TasksFile
from quyche_rules.model.provisions import Article, Clause, Lint, Point, Provision, document_order, iter_provisions
from quyche_rules.model.regulation import AmendmentRecord, ChapterDef, ConsolidationRecord, LegalBase, RegulationMeta
from quyche_rules.model.whole import Regulation

__all__ = [
    "Actor", "ActorsFile", "AmendmentRecord", "Article", "ChapterDef", "Clause", "ConsolidationRecord", "Coordination",
    "Deadline", "DeadlineRule",
    "Delegation", "DocumentType", "Duty", "FieldOfWork", "FollowUp", "Instrument", "LegalBase", "Lint", "Norm",
    "NormItem", "Point", "Power", "Prohibition", "Provision", "Regulation", "RegulationMeta", "Reporting",
    "Substitution",
    "Task", "TasksFile", "document_order", "iter_provisions",
]
