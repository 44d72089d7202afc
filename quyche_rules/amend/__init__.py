"""Amendments and versions: consolidation (point in time, provenance on every change) and comparison.

Modules: :mod:`~quyche_rules.amend.consolidate` (:func:`apply_amendments`, the dispatch of operations),
:mod:`~quyche_rules.amend.state` (the consolidation state and what every operation uses), the operations
(``op_provisions``, ``op_phrases``, ``op_organisation``, ``op_conflicts``), :mod:`~quyche_rules.amend.diff`
(the responsibility diff and the findings delta) over :mod:`~quyche_rules.amend.holdings` (what each actor holds)
and :mod:`~quyche_rules.amend.succession` (where the duties of an ended actor went, by succession),
:mod:`~quyche_rules.amend.dropped` (QC609, a duty the new version gives to nobody),
:mod:`~quyche_rules.amend.compare` (both versions checked and compared) and :mod:`~quyche_rules.amend.dump` (a
regulation back as the files of a rule folder). Nothing is imported here, so that importing one module does
not import them all.
"""
