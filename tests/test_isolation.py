"""The bounded child process that reads untrusted files and renders untrusted templates."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tcpl.isolation import Failed, Runaway, run_isolated
from tcpl.loading import evidence

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bounds need fork (Linux)")


def test_the_answer_comes_back() -> None:
    assert run_isolated(lambda: {"pages": 3}, seconds=5, memory_bytes=64 << 20) == {"pages": 3}


@linux
def test_work_that_runs_forever_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(Runaway) as caught:
        run_isolated(lambda: time.sleep(60), seconds=0.5, memory_bytes=64 << 20)
    assert caught.value.reason == "time"
    assert time.monotonic() - started < 5


@linux
def test_work_that_eats_memory_is_stopped() -> None:
    with pytest.raises(Runaway) as caught:
        run_isolated(lambda: bytearray(2 << 30), seconds=10, memory_bytes=128 << 20)
    assert caught.value.reason == "memory"


@linux
def test_an_answer_too_big_is_refused() -> None:
    with pytest.raises(Runaway) as caught:
        run_isolated(lambda: b"x" * (4 << 20), seconds=10, memory_bytes=256 << 20, max_answer_bytes=1 << 20)
    assert caught.value.reason == "size"


@linux
def test_an_error_comes_back_by_name() -> None:
    def broken() -> None:
        raise ValueError("trang hỏng")

    with pytest.raises(Failed) as caught:
        run_isolated(broken, seconds=5, memory_bytes=64 << 20)
    assert (caught.value.kind, str(caught.value)) == ("ValueError", "trang hỏng")


@linux
def test_an_evidence_file_that_hangs_the_reader_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "treo.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    monkeypatch.setattr(evidence, "INSPECT_SECONDS", 0.5)
    monkeypatch.setattr(evidence, "_inspect_pdf", lambda path: time.sleep(60))
    seen = evidence.inspect(pdf)
    assert seen.problem is not None and "quá lâu" in seen.problem
