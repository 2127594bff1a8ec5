"""How the documents are cut into task runs: largest first, batches that shrink as the work runs
out, so that no worker is left alone with a large batch at the end. Expected cuts worked out by
hand from the rule in `batches`' docstring."""

from __future__ import annotations

from pathlib import Path

from zhclean.flows.normalize_corpus import MAX_BATCH, batches

KIB100 = 100 * 1024


def files(tmp_path: Path, sizes: list[int]) -> list[tuple[Path, str]]:
    items = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"doc{i:03d}.txt"
        path.write_bytes(b"x" * size)
        items.append((path, path.name))
    return items


def test_equal_files_are_cut_into_shrinking_batches(tmp_path: Path) -> None:
    # 40 files of 100 KiB, 2 workers: a share is 4,000 KiB / 8 = 5 files; once 15 files are
    # left, half a worker's share of them (1,500 KiB / 4) holds 3, then 3 (1,200 / 4); from
    # 900 KiB on a quarter is below the floor of 256 KiB, which holds 2, and the last file alone.
    cut = batches(files(tmp_path, [KIB100] * 40), workers=2)
    assert [len(b) for b in cut] == [5, 5, 5, 5, 5, 3, 3, 2, 2, 2, 2, 1]


def test_every_file_once_largest_first(tmp_path: Path) -> None:
    sizes = [3000, 70000, 500, 120000, 9000, 70001, 64, 250000]
    items = files(tmp_path, sizes)
    cut = batches(items, workers=2)
    taken = [name for batch in cut for _, name in batch]
    by_size = sorted(items, key=lambda item: -item[0].stat().st_size)
    assert taken == [name for _, name in by_size]
    assert taken == [
        "doc007.txt",
        "doc003.txt",
        "doc005.txt",
        "doc001.txt",
        "doc004.txt",
        "doc000.txt",
        "doc002.txt",
        "doc006.txt",
    ]


def test_small_files_are_cut_by_their_share(tmp_path: Path) -> None:
    # 100 files of 10 bytes, 2 workers: a share is 1,000 / 8 = 125 bytes, 12 files, and batches
    # are not cut smaller than a share.
    cut = batches(files(tmp_path, [10] * 100), workers=2)
    assert [len(b) for b in cut] == [12] * 8 + [4]


def test_a_batch_holds_at_most_max_batch_files(tmp_path: Path) -> None:
    # 2,000 files of 10 bytes: a share is 2,500 bytes, 250 files, more than a batch may hold.
    cut = batches(files(tmp_path, [10] * 2000), workers=2)
    assert MAX_BATCH < 250
    assert [len(b) for b in cut] == [MAX_BATCH] * (2000 // MAX_BATCH)


def test_the_sample_corpus_runs_on_two_workers(tmp_path: Path) -> None:
    # the sizes of the five files in raw/: the largest alone, then the others in batches of about
    # a share (204 kB / 8 = 25.5 kB)
    cut = batches(files(tmp_path, [148952, 11626, 17832, 17715, 8320]), workers=2)
    assert [[name for _, name in b] for b in cut] == [
        ["doc000.txt"],
        ["doc002.txt"],
        ["doc003.txt"],
        ["doc001.txt", "doc004.txt"],
    ]


def test_a_missing_file_still_gets_a_batch(tmp_path: Path) -> None:
    items = files(tmp_path, [KIB100, KIB100])
    items.append((tmp_path / "gone.txt", "gone.txt"))
    cut = batches(items, workers=4)
    assert sorted(name for batch in cut for _, name in batch) == ["doc000.txt", "doc001.txt", "gone.txt"]
