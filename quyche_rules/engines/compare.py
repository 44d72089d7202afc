"""Run the engines and compare them: a disagreement is an internal error, never a silent answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from quyche_rules import parallel
from quyche_rules.engines.base import Match, validate_checks, validate_facts
from quyche_rules.engines.durable import DurableEngine, durable_available
from quyche_rules.engines.reference import ReferenceEngine
from quyche_rules.errors import EngineDisagreement
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import Fact
from quyche_rules.lang.model import Check
from quyche_rules.parallel import Beside

__all__ = [
    "PARALLEL_FACTS", "PARALLEL_MAX_FACTS", "PARALLEL_REFERENCE_FACTS", "EngineChoice", "EngineResult",
    "PendingResult", "format_disagreement", "run_checked", "start_checked",
]

EngineChoice = Literal["both", "durable", "reference"]

NOTE_REFERENCE_ONLY = Text.of(
    "không nạp được durable-rules: chỉ chạy bộ đánh giá tham chiếu",
    "durable-rules not importable: reference engine only",
)


@dataclass(frozen=True)
class EngineResult:
    """The outcome of :func:`run_checked`.

    Attributes:
        matches: the matches, sorted and de-duplicated (identical from every engine run).
        engines_run: the names of the engines that ran, e.g. ``("reference", "durable")``.
        notes: remarks for the user, e.g. that durable-rules was not available.
    """

    matches: tuple[Match, ...]
    engines_run: tuple[str, ...]
    notes: tuple[Text, ...] = ()


def _show(match: Match) -> str:
    binds = ", ".join(f"{b}={fid}" for b, fid in match.bindings)
    extra = f" count={match.count} group=[{', '.join(match.group)}]" if match.count is not None else ""
    return f"  {match.code} {binds}{extra}"


def format_disagreement(reference: Sequence[Match], durable: Sequence[Match], limit: int = 50) -> str:
    """Describe how two answers differ: the matches only one side found, each side listed."""
    ref, dur = set(reference), set(durable)
    only_ref = sorted(ref - dur, key=Match.sort_key)
    only_dur = sorted(dur - ref, key=Match.sort_key)
    lines = [f"reference: {len(ref)} matches; durable: {len(dur)} matches"]
    for label, items in (("only in reference", only_ref), ("only in durable", only_dur)):
        lines.append(f"{label} ({len(items)}):")
        lines.extend(_show(m) for m in items[:limit])
        if len(items) > limit:
            lines.append(f"  ... {len(items) - limit} more")
    return "\n".join(lines)


#: facts from which the engines run in a forked process beside the caller's other work (the Python checks),
#: when there is more than one core: below it, the fork costs more than it saves
PARALLEL_FACTS = 1_000
#: facts from which the reference engine alone does (it takes about 5 µs a fact with their validation)
PARALLEL_REFERENCE_FACTS = 5_000
#: facts up to which they do: the child copies the pages of the facts it reads (about 810 MB of private memory
#: for 575,724 facts, measured), so beyond this the memory matters more than the seconds gained
PARALLEL_MAX_FACTS = 200_000


class PendingResult:
    """The answer of :func:`start_checked`, ready when :meth:`result` is called."""

    def __init__(self, checks: Sequence[Check], facts: Sequence[Fact], engine: EngineChoice,
                 alone_beside: bool = True) -> None:
        self._checks, self._facts, self._engine = checks, facts, engine
        self._durable: Beside[list[Match]] | None = None  # durable-rules beside, the reference engine here
        self._engines: Beside[EngineResult] | None = None  # everything beside
        self._reference: list[Match] | None = None  # the reference engine's answer, made here (durable beside)
        self._answer: EngineResult | None = None
        least = PARALLEL_REFERENCE_FACTS if engine == "reference" else PARALLEL_FACTS
        if (alone_beside or engine == "both") and least <= len(facts) <= PARALLEL_MAX_FACTS and parallel.available():
            # with both engines, durable-rules goes beside and the reference engine stays here, after the
            # caller's work and the facts' contract: the two sides then take about as long (measured at 10,000
            # provisions; the reference engine beside too left this process waiting)
            if engine == "both" and durable_available():
                validate_checks(checks)
                self._durable = parallel.beside(_durable_matches, checks, facts)
            else:
                self._engines = parallel.beside(run_checked, checks, facts, engine)

    def provisional(self) -> EngineResult | None:
        """Return the answer before durable-rules, running beside, confirms it (None if it does not run beside).

        The reference engine's matches, which are the answer if the two engines agree: the caller makes its
        findings from them meanwhile, and must then call :meth:`confirm`, which raises if they disagree.
        """
        if self._durable is None:
            return None
        if self._reference is None:
            try:
                validate_facts(self._facts, self._checks)  # durable-rules started on them meanwhile
                self._reference = ReferenceEngine().run(self._checks, self._facts, validated=True)
            except BaseException:
                self.cancel()
                raise
        return EngineResult(tuple(self._reference), ("reference", "durable"))

    def confirm(self) -> None:
        """Wait for durable-rules, beside, to confirm the :meth:`provisional` answer; raise if it does not."""
        if self._durable is not None:
            self.result()

    def result(self) -> EngineResult:
        """Return the answer of :func:`run_checked` (waited for here if it runs beside; made once)."""
        if self._answer is None:
            if self._engines is not None:
                self._answer = self._engines.result()
            elif self._durable is None:
                self._answer = run_checked(self._checks, self._facts, self._engine)
            else:
                self.provisional()
                assert self._reference is not None
                self._answer = _compared(self._reference, self._durable.result())
        return self._answer

    def cancel(self) -> None:
        """Stop the engines running beside, if any (the run failed before it asked for the result)."""
        for running in (self._durable, self._engines):
            if running is not None:
                running.cancel()


def _durable_matches(checks: Sequence[Check], facts: Sequence[Fact]) -> list[Match]:
    return DurableEngine().run(checks, facts, validated=True)


def start_checked(checks: Sequence[Check], facts: Sequence[Fact], engine: EngineChoice = "both", *,
                  alone_beside: bool = True) -> PendingResult:
    """Start :func:`run_checked`: on many facts, in a forked process, now.

    The caller does other work (the Python checks) meanwhile and then asks :meth:`PendingResult.result`; the
    answer and the errors are those of :func:`run_checked` (an error in the child is raised there).
    ``alone_beside`` False: one engine alone runs in this process (the caller already uses the other core).
    """
    return PendingResult(checks, facts, engine, alone_beside)


def _compared(reference: list[Match], durable: list[Match]) -> EngineResult:
    if reference != durable:
        raise EngineDisagreement(
            Text.of(
                "Hai bộ máy luật cho kết quả khác nhau (durable-rules và bộ đánh giá tham chiếu)",
                "The two rule engines disagree (durable-rules and the reference evaluator)",
            ),
            details=format_disagreement(reference, durable),
        )
    return EngineResult(tuple(reference), ("reference", "durable"))


def run_checked(
    checks: Sequence[Check], facts: Sequence[Fact], engine: EngineChoice = "both"
) -> EngineResult:
    """Evaluate ``checks`` over ``facts`` with the chosen engine(s).

    Args:
        checks: the checks.
        facts: the facts.
        engine: ``"both"`` (default: run both and compare; the reference alone, with a note, where
            durable-rules does not import), ``"durable"`` or ``"reference"``.

    Returns:
        The matches, the engines that ran and notes.

    Raises:
        EngineDisagreement: the two engines gave different answers (``details`` shows both).
        ConfigError: ``engine="durable"`` but durable-rules does not import here.
        InternalError: the facts break the input contract, or an engine misbehaved.
    """
    if engine == "reference":
        return EngineResult(tuple(ReferenceEngine().run(checks, facts)), ("reference",))
    validate_checks(checks)  # once for both engines
    validate_facts(facts, checks)
    if engine == "durable":
        return EngineResult(tuple(_durable_matches(checks, facts)), ("durable",))
    reference = ReferenceEngine().run(checks, facts, validated=True)
    if not durable_available():
        return EngineResult(tuple(reference), ("reference",), (NOTE_REFERENCE_ONLY,))
    return _compared(reference, _durable_matches(checks, facts))
