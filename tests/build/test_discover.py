"""Raw-file discovery: what is processed, what is skipped (with a reason), what stops the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhclean.tasks.build.discover import DiscoveryError, discover, read_raw
from zhclean.tasks.stages.ingest.decode import IngestError


def write(path: Path, text: str = "一段文字。\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def kinds(problems) -> dict[str, str]:
    return {p.file: p.kind for p in problems}


def test_txt_files_sorted_case_insensitive_extension(tmp_path: Path) -> None:
    for name in ("b.txt", "a.TXT", "sub/c.Txt"):
        write(tmp_path / name)
    found = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["a.TXT", "b.txt", "sub/c.Txt"]
    assert found.skipped == []


def test_non_text_extensions_are_skipped_and_listed(tmp_path: Path) -> None:
    write(tmp_path / "keep.txt")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "notes.md")
    write(tmp_path / "README")
    found = discover(tmp_path)
    assert [p.name for p in found.files] == ["keep.txt"]
    assert kinds(found.skipped) == {
        "README": "skipped_extension",
        "notes.md": "skipped_extension",
        "scan.png": "skipped_extension",
    }
    assert all(p.stage == "discover" and p.file in p.message for p in found.skipped)


def test_symlink_outside_raw_is_refused(tmp_path: Path) -> None:
    raw, outside = tmp_path / "raw", write(tmp_path / "secret.txt")
    write(raw / "ok.txt")
    (raw / "link.txt").symlink_to(outside)
    (raw / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    found = discover(raw)
    assert [p.name for p in found.files] == ["ok.txt"]
    assert kinds(found.skipped) == {"dirlink": "symlink_outside", "link.txt": "symlink_outside"}
    assert "outside" in found.skipped[1].message


def test_symlink_inside_raw_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "real.txt")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    assert [p.name for p in discover(tmp_path).files] == ["alias.txt", "real.txt"]


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt")
    write(tmp_path / "foo.txt" / "inner.txt")
    found = discover(tmp_path)
    assert [p.name for p in found.files] == ["ok.txt"], "not walked into either"
    assert kinds(found.skipped) == {"foo.txt": "not_a_file"}


def test_fifo_named_like_a_file_is_not_a_file(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    assert kinds(discover(tmp_path).skipped) == {"pipe.txt": "not_a_file"}


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, where chmod 000 does not stop reading, so `Path.open` is made to
    fail for this one file with the PermissionError a normal user would get (the chmod
    is kept too, so the test is also real when run as a normal user)."""
    write(tmp_path / "ok.txt")
    locked = write(tmp_path / "locked.txt")
    locked.chmod(0)
    real_open = Path.open

    def deny(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    found = discover(tmp_path)
    assert [p.name for p in found.files] == ["ok.txt"]
    assert kinds(found.skipped) == {"locked.txt": "unreadable"}
    assert "Permission denied" in found.skipped[0].message


def test_read_raw_unreadable_carries_the_os_message(tmp_path: Path) -> None:
    """Reading a directory fails even for root: the OS message reaches the error."""
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(IngestError) as info:
        read_raw(tmp_path / "d.txt")
    assert info.value.kind == "unreadable"
    assert "d.txt" in str(info.value) and "directory" in str(info.value).lower()


def test_missing_raw_dir(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="does not exist"):
        discover(tmp_path / "nowhere")


def test_raw_dir_is_a_file(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="not a directory"):
        discover(write(tmp_path / "raw"))


def test_empty_raw_dir(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match=r"no \.txt files"):
        discover(tmp_path)


def test_raw_dir_with_only_skipped_files(tmp_path: Path) -> None:
    write(tmp_path / "a.md")
    with pytest.raises(DiscoveryError, match="1 skipped"):
        discover(tmp_path)
