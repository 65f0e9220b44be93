"""The ties of a streamed import, kept on disk until the store writes them (bounded memory).

A million ties held as records cost about 1.5 GB.  In stream mode (a command-line
import, :mod:`ingest.stream`) the planning read writes each good tie to a
:class:`TieSpill` — a temporary file, batches of plain tuples — and keeps only its id,
as a 64-bit number (8 bytes a tie).  :class:`StreamedTies` is then the sequence of ties
to write, what ``ChangeSet.ties`` would list: it makes the records again from the spill
as ``store.write`` takes them in its batches, inside its one transaction, so only a
batch is held at a time.

It gives exactly the list the in-memory path builds: in the order of first
appearance, one tie per id, a repeated tie (same ends, type, start and project)
taking the values of its last row.

Examples
--------
>>> from network.model import Tie
>>> spill = TieSpill()
>>> for n, note in ((1, "x"), (2, "y"), (1, "z")):
...     spill.add(Tie(f"tie-{n:012x}", "a", "b", note=note))
>>> s = StreamedTies(spill.ids, spill.read)
>>> len(s), s.duplicates, [(t.id[-1], t.note) for t in s[0:2]]
(2, 1, [('1', 'z'), ('2', 'y')])
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
import weakref
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import islice

import numpy as np

from network.errors import RenkeiError
from network.model import Tie

__all__ = ["StreamedTies", "TieSpill"]

#: Ties per pickled batch of the spill file.
_SPILL_BATCH = 5_000


class TieSpill:
    """Ties written to a temporary file as they come (:meth:`add`), read back in order (:meth:`read`).

    Each tie is stored as the tuple of its fields, in order, in pickled batches, each after
    its length; :attr:`ids` lists the ids as numbers.  On POSIX the file's name is removed
    at once (the open descriptor keeps it, so even a killed process leaves nothing behind);
    elsewhere the file is removed when the spill is no longer referenced.
    """

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="renkei-ties-", suffix=".spill")
        self._fd = fd
        self._end = 0
        if os.name == "posix":
            os.unlink(self.path)
        self._done = weakref.finalize(self, _remove, fd, self.path)
        self._batch: list[tuple] = []
        self.ids = array("Q")

    def add(self, tie: Tie) -> None:
        """Note ``tie`` (its id, ``"tie-"`` and 12 hex digits, as a number) and spill it."""
        self.ids.append(int(tie.id[4:], 16))
        self._batch.append(tuple(vars(tie).values()))
        if len(self._batch) >= _SPILL_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            blob = pickle.dumps(self._batch, protocol=pickle.HIGHEST_PROTOCOL)
            self._pwrite(_LENGTH.pack(len(blob)) + blob)
            self._batch = []

    def _pwrite(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if hasattr(os, "pwrite"):
                n = os.pwrite(self._fd, view, self._end)
            else:  # pragma: no cover - Windows
                os.lseek(self._fd, self._end, os.SEEK_SET)
                n = os.write(self._fd, view)
            self._end += n
            view = view[n:]

    def _read_at(self, size: int, at: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(self._fd, size, at)
        with open(self.path, "rb") as f:  # pragma: no cover - Windows: the name is still there
            f.seek(at)
            return f.read(size)

    def read(self) -> Iterator[Tie]:
        """Every tie spilled, in order (reads at their own offsets: several may run at once)."""
        self._flush()
        at, end = 0, self._end
        while at < end:
            (size,) = _LENGTH.unpack(self._read_at(_LENGTH.size, at))
            blob = self._read_at(size, at + _LENGTH.size)
            at += _LENGTH.size + size
            for fields_ in pickle.loads(blob):  # noqa: S301 - our own file, written above
                yield Tie(*fields_)


_LENGTH = struct.Struct("<Q")


def _remove(fd: int, path: str) -> None:
    os.close(fd)
    if os.name != "posix":  # pragma: no cover - POSIX removed the name at once
        try:
            os.unlink(path)
        except OSError:
            pass


class StreamedTies(Sequence):
    """The distinct ties whose ids ``ids`` lists (in reading order, repeats included), made by ``produce()``.

    ``produce`` (:meth:`TieSpill.read`) yields every good tie, repeats included, in the
    order ``ids`` was noted.  Slices taken in order (as ``store.write`` takes
    its batches) continue one read; any other access starts a new one.
    """

    def __init__(self, ids: array, produce: Callable[[], Iterator[Tie]]) -> None:
        self._ids = np.frombuffer(ids, dtype=np.uint64) if len(ids) else np.zeros(0, dtype=np.uint64)
        self._produce = produce
        order = np.argsort(self._ids, kind="stable")
        ordered = self._ids[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else order[:0]
        self._n = len(starts)
        #: rows that repeat an earlier tie (the importer's warning)
        self.duplicates = len(self._ids) - self._n
        self._skip: np.ndarray | None = None
        self._swap: dict[int, int] = {}  # first position of a repeated tie → position of its last row
        if self.duplicates:
            ends = np.r_[starts[1:], len(ordered)] - 1
            many = ends > starts
            self._skip = np.ones(len(self._ids), dtype=bool)
            self._skip[order[starts]] = False  # a stable sort: the first of each run is the first row
            self._swap = dict(zip(order[starts[many]].tolist(), order[ends[many]].tolist(), strict=True))
        del order, ordered, starts
        self._it: Iterator[Tie] | None = None
        self._at = 0

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Tie]:
        return self._ties()

    def __getitem__(self, index: int | slice) -> Tie | list[Tie]:  # type: ignore[override]
        if isinstance(index, slice):
            start, stop, step = index.indices(self._n)
            if step != 1:
                return list(self)[index]
            if self._it is None or self._at != start:
                self._it, self._at = self._ties(), 0
                for _ in islice(self._it, start):
                    self._at += 1
            out = list(islice(self._it, max(stop - start, 0)))
            self._at += len(out)
            if self._at == self._n:  # the last batch: finish the read, so a changed file is noticed
                for _ in self._it:
                    raise RenkeiError(_CHANGED)
                self._it = None
            return out
        i = index + self._n if index < 0 else index
        if not 0 <= i < self._n:
            raise IndexError(index)
        return self[i : i + 1][0]

    def _ties(self) -> Iterator[Tie]:
        """Each distinct tie once, in order, with its last row's values."""
        ids, skip, swap = self._ids, self._skip, self._swap
        last: dict[int, Tie] = {}
        if swap:  # the values of a repeated tie come from its last row: read them first
            wanted = set(swap.values())
            for k, tie in enumerate(self._produce()):
                if k in wanted:
                    last[k] = tie
        k = -1
        for k, tie in enumerate(self._produce()):
            if k >= len(ids) or int(tie.id[4:], 16) != int(ids[k]):
                raise RenkeiError(_CHANGED)
            if skip is not None and skip[k]:
                continue
            yield last[swap[k]] if k in swap else tie
        if k + 1 != len(ids):
            raise RenkeiError(_CHANGED)


_CHANGED = "the spilled ties do not match their ids; nothing written / 一時ファイルの連携が一致しません（書き込みなし）"
