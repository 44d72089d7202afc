"""Work beside the current process (quyche_rules.parallel): results and errors come back; a child may not fork."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from quyche_rules import parallel
from quyche_rules.errors import ConfigError, InternalError
from quyche_rules.i18n import Text

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def _square_and_pid(n: int) -> tuple[int, int, bool]:
    return n * n, os.getpid(), parallel.available()


def _raise() -> None:
    raise ConfigError(Text.of("hỏng", "broken"), fix=Text.of("sửa", "fix it"))


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickling rebuilds it with one argument: it cannot come back
        super().__init__(a)


def _raise_unpicklable() -> None:
    raise _Unpicklable(1, 2)


def _die() -> None:
    os._exit(3)


def test_the_result_comes_back_from_another_process_which_may_not_fork_again() -> None:
    value, pid, nested = parallel.beside(_square_and_pid, 12).result()
    assert value == 144 and pid != os.getpid() and nested is False


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_text() -> None:
    with pytest.raises(ConfigError) as info:
        parallel.beside(_raise).result()
    assert info.value.what.en == "broken" and info.value.fix is not None and info.value.fix.en == "fix it"


def test_an_error_that_cannot_be_sent_back_becomes_an_internal_error_naming_it() -> None:
    with pytest.raises(InternalError) as info:
        parallel.beside(_raise_unpicklable).result()
    rendered = info.value.render("en")
    assert "_Unpicklable" in info.value.what.en and "Traceback" not in rendered and "QUYCHE_SERIAL=1" in rendered
    assert "_Unpicklable" in info.value.what.vi


def test_a_child_that_dies_is_an_internal_error_not_a_hang() -> None:
    with pytest.raises(InternalError) as info:
        parallel.beside(_die).result()
    assert "without a result" in info.value.what.en


def test_a_cancelled_child_is_stopped_and_reaped() -> None:
    pending = parallel.beside(_square_and_pid, 3)
    pending.cancel()
    pending.cancel()  # twice is harmless


def test_serial_setting_and_the_environment_turn_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_ALLOWED", [True])
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.available()
    monkeypatch.setenv("QUYCHE_SERIAL", "1")
    assert not parallel.available()
    monkeypatch.delenv("QUYCHE_SERIAL")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not parallel.available()  # one core: nothing to gain
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    parallel.serial()
    assert not parallel.available()


def test_a_child_whose_parent_stopped_listening_ends_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    pending = parallel.beside(_square_and_pid, 5)
    os.close(pending._read)  # the parent will never read: the child's write fails (broken pipe)
    pending._reap()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""


def test_jobs_1_keeps_a_check_in_one_process(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.checks import runner
    from quyche_rules.cli import main
    from quyche_rules.engines import compare, durable_available
    from quyche_rules.loading import ahead
    from tests.conftest import ROOT

    monkeypatch.delenv("QUYCHE_SERIAL", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})  # two cores, whatever this machine has
    monkeypatch.setattr(compare, "PARALLEL_FACTS", 0)  # the bundled regulation is small: fork for it
    monkeypatch.setattr(ahead, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(runner, "PARALLEL_PROVISIONS", 0)
    started: list[str] = []
    real = parallel.beside
    monkeypatch.setattr(parallel, "beside", lambda func, *args: started.append(func.__name__) or real(func, *args))
    argv = ["check", str(ROOT / "rules" / "ubdt-2017"), "--no-cache", "--format", "json"]
    one = main([*argv, "--jobs", "1"]), capsys.readouterr().out
    assert started == [] and parallel.available()  # (allowed again after the command)
    two = main([*argv, "--jobs", "2"]), capsys.readouterr().out
    engines = "_durable_matches" if durable_available() else "run_checked"
    assert sorted(started) == sorted(["_parse_all", "_python_hits", engines]) and one == two


def test_a_process_running_other_threads_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.delenv("QUYCHE_SERIAL", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.available()
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not parallel.available()  # its locks would be copied into the child, perhaps held
    finally:
        release.set()
        worker.join()
    assert parallel.available()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_a_result_is_read_and_left_as_it_was(enabled: bool,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import pickle

    seen: list[bool] = []
    real = pickle.loads
    monkeypatch.setattr(pickle, "loads", lambda data: seen.append(gc.isenabled()) or real(data))
    before = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert parallel.beside(_square_and_pid, 3).result()[0] == 9
        with pytest.raises(InternalError):
            parallel.beside(_die).result()
        assert gc.isenabled() is enabled and seen == [False, False]
    finally:
        (gc.enable if before else gc.disable)()


def test_forking_leaves_this_process_s_young_garbage_young() -> None:
    """Garbage made before a fork is collected by a young collection after it (gc.freeze/unfreeze had moved it
    among the oldest objects, where it stayed: a long-lived process grew with every check)."""
    import gc
    import weakref

    class _Cycle:
        me: object

    before = gc.isenabled()
    gc.disable()
    try:
        made = _Cycle()
        made.me = made
        ref = weakref.ref(made)
        del made
        assert parallel.beside(_square_and_pid, 2).result()[0] == 4
        assert gc.isenabled() is False  # left as it was
        gc.collect(1)
        assert ref() is None
    finally:
        (gc.enable if before else gc.disable)()
    assert parallel.beside(_square_and_pid, 3).result()[0] == 9 and gc.isenabled() is before


def test_then_runs_in_the_child_after_the_result_is_sent_and_settle_waits_for_it(tmp_path: Path) -> None:
    """The parent has the result while the child still works on ``then``; settle() waits until it is done."""
    import time

    mark = tmp_path / "written"

    def slowly_write(value: tuple[int, int, bool]) -> None:
        time.sleep(0.5)
        mark.write_text(str(value[0]))

    started = time.perf_counter()
    value, pid, _ = parallel.beside(_square_and_pid, 7, then=slowly_write).result()
    assert value == 49 and pid != os.getpid() and time.perf_counter() - started < 0.45 and not mark.exists()
    parallel.settle()
    assert mark.read_text() == "49"
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)


def test_then_does_not_run_after_an_error_nor_change_what_the_parent_gets(tmp_path: Path) -> None:
    mark = tmp_path / "written"

    def write(_: object) -> None:
        mark.write_text("ran")

    with pytest.raises(ConfigError):
        parallel.beside(_raise, then=write).result()

    def fail(_: object) -> None:
        raise RuntimeError("then failed")

    assert parallel.beside(_square_and_pid, 3, then=fail).result()[0] == 9
    parallel.settle()
    assert not mark.exists()
