"""The fault helpers do make writes fail, the way a full or read-only disk does."""

from __future__ import annotations

import errno

import pytest

from tests.faults import full_folder, read_only_folder


def test_full(tmp_path):
    with full_folder(tmp_path / "full") as f:
        with pytest.raises(OSError) as e:
            (f / "x").write_bytes(b"y" * 10)
        assert e.value.errno == errno.ENOSPC


def test_ro(tmp_path):
    with read_only_folder(tmp_path / "ro", files={"a": b"1"}) as f:
        assert (f / "a").read_bytes() == b"1"
        with pytest.raises(OSError) as e:
            (f / "b").write_bytes(b"1")
        assert e.value.errno == errno.EROFS
