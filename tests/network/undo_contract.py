"""The undo contract: the same tests against every store (SQLite and Neo4j).

Undo of single changes and whole batches, recorded and redoable, refusing to hide other users'
later work unless asked to cascade (rules: :mod:`network.store.undo`).  Use it by subclassing
:class:`UndoContract` and providing a ``store`` fixture that yields an empty store.
"""

from __future__ import annotations

import pytest

from network.errors import ConflictError, NotFound
from network.history import diff, history_rows
from network.model import Org, Tie
from network.store.base import ChangeSet
from tests.trust.conftest import small_network


def _state(store):
    g = store.load_graph()
    return sorted(g.nodes), sorted(k for _, _, k in g.edges(keys=True))


def _import_then_someone_adds_a_tie(store):
    r = store.write(small_network(), user="sato")
    store.write(ChangeSet(orgs=[Org("npo", "NPO法人 石巻の風", "npo")]), user="kato")
    later = store.write(
        ChangeSet(ties=[Tie("t-kato", "npo", "renpuku", "collaboration", strength=2, start="2024-06-01")]), user="kato"
    )
    return r.batch, later.batch


class UndoContract:
    """Undo, redo, conflicts and dependents, through ``store.undo`` (part of the store Protocol)."""

    def test_undo_a_whole_import_batch_and_redo_it(self, store):
        r = store.write(small_network(), user="sato")
        assert _state(store) == (["ishinomaki", "nf", "renpuku"], ["t-comm", "t-fund"])
        n = store.undo(batch=r.batch, user="aoi")
        assert n == 5  # 3 organisations + 2 ties, one audit entry each (store.write)
        assert _state(store) == ([], [])
        # the undo is itself recorded: newest first, action undo, by aoi, in batch undo:<batch>
        top = store.audit(limit=5)
        assert {(e.action, e.user, e.batch) for e in top} == {("undo", "aoi", f"undo:{r.batch}")}
        # organisations are hidden, never erased
        assert store.is_deleted("renpuku") and store.get_org("renpuku").name == "みやぎ連携復興センター"
        # undoing the undo brings everything back (redo)
        assert store.undo(batch=f"undo:{r.batch}", user="aoi") == 5
        assert _state(store) == (["ishinomaki", "nf", "renpuku"], ["t-comm", "t-fund"])
        assert store.get_tie("t-comm").start == "2012-04-01"

    def test_undo_an_update_restores_before(self, store):
        store.write(small_network(), user="sato")
        store.write(ChangeSet(orgs=[Org("renpuku", "れんぷく", "intermediary", city="仙台市")]), user="kato")
        entry = store.audit(limit=1)[0]
        assert (entry.action, entry.before["name"], entry.after["name"]) == (
            "update",
            "みやぎ連携復興センター",
            "れんぷく",
        )
        assert store.undo(audit_id=entry.id, user="aoi") == 1
        assert store.get_org("renpuku").name == "みやぎ連携復興センター"
        last = store.audit(limit=1)[0]
        assert (last.action, last.before["name"], last.after["name"]) == ("undo", "れんぷく", "みやぎ連携復興センター")

    def test_undo_end_tie_reopens_it(self, store):
        store.write(small_network())
        store.end_tie("t-fund", "2024-03-31", user="sato")
        assert store.get_tie("t-fund").end == "2024-03-31"
        store.undo(audit_id=store.audit(limit=1)[0].id, user="aoi")
        assert store.get_tie("t-fund").end is None

    def test_delete_and_restore_are_recorded_and_undoable(self, store):
        store.write(small_network())
        store.delete_org("nf", user="sato")
        assert "nf" not in store.load_graph()
        e = store.audit(limit=1)[0]
        assert (e.action, e.before["deleted"], e.after["deleted"]) == ("delete", False, True)
        store.undo(audit_id=e.id, user="aoi")
        assert "nf" in store.load_graph() and store.load_graph().has_edge("nf", "renpuku", "t-fund")

    def test_undo_refuses_when_changed_since_unless_forced(self, store):
        r = store.write(small_network(), user="sato")
        store.write(ChangeSet(orgs=[Org("nf", "日本財団", "foundation")]), user="kato")
        before = store.revision()
        with pytest.raises(ConflictError, match="changed after"):
            store.undo(batch=r.batch, user="aoi")
        assert store.revision() == before and _state(store)[0] == ["ishinomaki", "nf", "renpuku"]  # all or nothing
        assert store.undo(batch=r.batch, user="aoi", force=True) == 5
        assert _state(store) == ([], [])

    def test_undo_twice_and_unknown_ids_are_refused(self, store):
        r = store.write(small_network())
        store.undo(batch=r.batch, user="aoi")
        with pytest.raises(ConflictError, match="already undone"):
            store.undo(batch=r.batch, user="aoi")
        with pytest.raises(NotFound):
            store.undo(audit_id=99999, user="aoi")
        with pytest.raises(NotFound):
            store.undo(batch="no-such-batch", user="aoi")

    def test_undo_participations_and_activities(self, store):
        from network.model import Activity, Participation

        store.write(small_network())
        r = store.write(
            ChangeSet(
                activities=[Activity("act-1", "復興支援連絡会議")],
                participations=[Participation("renpuku", "act-1", "事務局", "2013-05-01")],
            )
        )
        assert store.undo(batch=r.batch, user="aoi") == 2
        assert store.participations() == [] and store.activities() == []
        store.undo(batch=f"undo:{r.batch}", user="aoi")
        assert [p.role for p in store.participations()] == ["事務局"]

    def test_undo_tie_create_keeps_its_state_in_the_history(self, store):
        store.write(small_network())
        r = store.write(ChangeSet(ties=[Tie("t-new", "nf", "ishinomaki", "funding", directed=True, strength=2)]))
        store.undo(batch=r.batch, user="aoi")
        with pytest.raises(NotFound):
            store.get_tie("t-new")
        e = store.audit(limit=1)[0]
        assert (e.action, e.before["strength"], e.after) == ("undo", 2, None)

    def test_history_rows_and_diff(self, store):
        r = store.write(small_network(), user="sato")
        store.end_tie("t-fund", "2024-03-31", user="kato")
        rows = history_rows(store, limit=10)
        assert [r_["action"] for r_ in rows] == ["end", "create", "create", "create", "create", "create"]
        assert rows[0]["changes"] == "end: ∅ → 2024-03-31" and rows[0]["user"] == "kato"
        # a tie is named by its two organisations (small_network: t-fund is 日本財団 → れんぷく)
        assert rows[0]["name"] == "公益財団法人 日本財団 → みやぎ連携復興センター"
        assert rows[-1]["name"] == "みやぎ連携復興センター" and "id:" not in rows[-1]["changes"]
        assert [x["id"] for x in history_rows(store, user="kato")] == [rows[0]["id"]]
        assert len(history_rows(store, batch=r.batch)) == 5
        assert diff({"a": 1, "b": ""}, {"a": 2, "b": None}) == {"a": (1, 2)}

    def test_undo_refuses_to_hide_a_tie_added_later_by_someone_else(self, store):
        batch, _ = _import_then_someone_adds_a_tie(store)
        before = store.revision()
        with pytest.raises(ConflictError) as exc:
            store.undo(batch=batch, user="aoi")
        msg = str(exc.value)
        # names the dependent record: which tie, between whom, by whom
        assert "t-kato" in msg and "NPO法人 石巻の風" in msg and "みやぎ連携復興センター" in msg and "kato" in msg
        assert "--cascade" in msg
        assert [d["id"] for d in exc.value.dependents] == ["t-kato"]
        assert store.revision() == before  # nothing written
        g = store.load_graph()
        assert g.has_edge("npo", "renpuku", "t-kato") and "renpuku" in g

    def test_undo_with_cascade_removes_the_dependents_and_says_so(self, store):
        batch, _ = _import_then_someone_adds_a_tie(store)
        n = store.undo(batch=batch, user="aoi", cascade=True)
        assert n == 5 and [d["id"] for d in n.cascaded] == ["t-kato"]
        g = store.load_graph()
        assert sorted(g.nodes) == ["npo"] and g.number_of_edges() == 0
        # the removal is in the history, in the same undo batch, with the tie's state kept (so it can be redone)
        rows = [e for e in store.audit(batch=f"undo:{batch}") if e.entity_id == "t-kato"]
        assert len(rows) == 1 and rows[0].action == "cascade" and rows[0].before["source"] == "npo"
        assert rows[0].after is None
        # redo brings everything back, the dependent tie included
        assert store.undo(batch=f"undo:{batch}", user="aoi") == 6
        assert store.load_graph().has_edge("npo", "renpuku", "t-kato")

    def test_undo_of_a_single_org_create_also_checks_dependents(self, store):
        r = store.write(ChangeSet(orgs=[Org("solo", "単独団体", "npo"), Org("other", "他団体", "npo")]), user="sato")
        store.write(ChangeSet(ties=[Tie("t-x", "solo", "other", "information")]), user="kato")
        entry = next(e for e in store.audit(batch=r.batch) if e.entity_id == "solo")
        with pytest.raises(ConflictError, match="t-x"):
            store.undo(audit_id=entry.id, user="aoi")

    def test_undo_of_a_participation_dependent(self, store):
        from network.model import Activity, Participation

        r = store.write(small_network(), user="sato")
        store.write(
            ChangeSet(
                activities=[Activity("act-1", "連絡会議")],
                participations=[Participation("nf", "act-1", "委員", "2024-05-01")],
            ),
            user="kato",
        )
        with pytest.raises(ConflictError, match="act-1"):
            store.undo(batch=r.batch, user="aoi")
        n = store.undo(batch=r.batch, user="aoi", cascade=True)
        assert [d["entity"] for d in n.cascaded] == ["participation"]
        assert store.participations() == []

    def test_ties_of_the_same_batch_are_not_dependents(self, store):
        r = store.write(small_network(), user="sato")
        assert store.undo(batch=r.batch, user="aoi").cascaded == []

    def test_force_does_not_skip_the_dependents_check(self, store):
        batch, _ = _import_then_someone_adds_a_tie(store)
        with pytest.raises(ConflictError, match="t-kato"):
            store.undo(batch=batch, user="aoi", force=True)
        assert store.load_graph().has_edge("npo", "renpuku", "t-kato")

    def test_undo_of_a_restore_refuses_to_hide_ties_added_after_it(self, store):
        store.write(small_network(), user="sato")
        store.delete_org("nf", user="sato")
        store.restore_org("nf", user="sato")
        restore_entry = store.audit(limit=1)[0]
        store.write(
            ChangeSet(ties=[Tie("t-new", "nf", "ishinomaki", "funding", directed=True, strength=2)]), user="kato"
        )
        with pytest.raises(ConflictError, match="t-new"):
            store.undo(audit_id=restore_entry.id, user="aoi")
        # t-fund existed before the delete: hiding it again is the state before the restore, not a dependent
        n = store.undo(audit_id=restore_entry.id, user="aoi", cascade=True)
        assert [d["id"] for d in n.cascaded] == ["t-new"]
