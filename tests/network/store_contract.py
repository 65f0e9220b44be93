"""The store contract: every Store implementation runs this module unchanged.

Use it by subclassing ``StoreContract`` and providing a ``store`` fixture that
yields a fresh, empty store::

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self, tmp_path):
            s = MyStore(...)
            yield s
            s.close()

Expected values are the records the test itself wrote (round trips) or counts
worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from network.errors import NotFound, RenkeiError
from network.model import Activity, Org, Participation, Tie
from network.store.base import ChangeSet


def sample_changes() -> ChangeSet:
    """Four organisations, four ties (two undirected, two directed, one ended)."""
    orgs = [
        Org(
            "a",
            "みやぎ連携復興センター",
            "intermediary",
            kind="一般社団法人",
            prefecture="宮城県",
            city="仙台市",
            district="青葉区",
            aliases=["れんぷく", "Renpuku"],
            tags=["復興"],
        ),
        Org("b", "石巻市", "government", kind="市", prefecture="宮城県", city="石巻市"),
        Org("c", "公益財団法人 日本財団", "foundation", kind="公益財団法人", aliases=["日本財団"]),
        Org(
            "d",
            "渡波地区自治会",
            "residents_group",
            kind="自治会",
            prefecture="宮城県",
            city="石巻市",
            district="渡波",
            note="「引用」 & <b>太字</b> '; DROP TABLE orgs; -- MATCH (n) DETACH DELETE n",
        ),
    ]
    ties = [
        Tie(
            "t1",
            "b",
            "a",
            "commission",
            directed=True,
            strength=4,
            start="2012-04-01",
            end="2016-03-31",
            project="復興支援員事業",
            evidence="委託契約",
        ),
        Tie("t2", "c", "a", "funding", directed=True, strength=3, start="2016-04-01", project="助成"),
        Tie(
            "t3", "a", "d", "collaboration", directed=False, strength=5, start="2013-06-01", last_confirmed="2024-05-01"
        ),
        Tie("t4", "a", "b", "information", directed=False, strength=2),
    ]
    return ChangeSet(orgs=orgs, ties=ties)


class StoreContract:
    """Behaviour every store must show."""

    # ------------------------------------------------------------ basics
    def test_satisfies_the_protocol_undo_and_accounts_included(self, store):
        from network.store.base import Store

        assert isinstance(store, Store)
        for name in ("undo", "audit", "accounts", "survey"):
            assert callable(getattr(type(store), name, None)), name

    def test_empty_store(self, store):
        counts = store.counts()
        assert counts["orgs"] == 0 and counts["ties"] == 0
        assert store.load_graph().number_of_nodes() == 0
        assert store.revision() == 0

    def test_write_counts_and_round_trip(self, store):
        r = store.write(sample_changes(), user="tanaka")
        assert (r.created, r.updated, r.unchanged) == (8, 0, 0)  # 4 orgs + 4 ties
        a = store.get_org("a")
        assert a.name == "みやぎ連携復興センター"
        assert a.aliases == ["れんぷく", "Renpuku"] and a.tags == ["復興"]
        assert a.sector == "intermediary" and a.district == "青葉区"
        assert a.created_at and a.updated_at
        d = store.get_org("d")
        assert d.note == "「引用」 & <b>太字</b> '; DROP TABLE orgs; -- MATCH (n) DETACH DELETE n"
        t1 = store.get_tie("t1")
        assert (t1.source, t1.target, t1.type, t1.directed, t1.strength) == ("b", "a", "commission", True, 4)
        assert (t1.start, t1.end, t1.project, t1.evidence) == ("2012-04-01", "2016-03-31", "復興支援員事業", "委託契約")
        t4 = store.get_tie("t4")
        assert t4.start is None and t4.end is None and t4.directed is False
        assert store.counts()["orgs"] == 4 and store.counts()["ties"] == 4

    def test_rewrite_same_changes_nothing(self, store):
        store.write(sample_changes())
        rev = store.revision()
        audit_len = len(store.audit())
        r = store.write(sample_changes())
        assert (r.created, r.updated, r.unchanged) == (0, 0, 8)
        assert store.revision() == rev
        assert len(store.audit()) == audit_len

    def test_update_is_audited_with_before_and_after(self, store):
        store.write(sample_changes(), user="tanaka")
        cs = sample_changes()
        cs.orgs[1].district = "中央"
        cs.ties = []
        r = store.write(ChangeSet(orgs=cs.orgs), user="sato", batch="b-42")
        assert (r.created, r.updated, r.unchanged, r.batch) == (0, 1, 3, "b-42")
        assert store.get_org("b").district == "中央"
        entries = store.audit(entity_id="b")
        assert [e.action for e in entries] == ["update", "create"]  # newest first
        upd = entries[0]
        assert upd.user == "sato" and upd.entity == "org" and upd.batch == "b-42"
        assert upd.before["district"] == "" and upd.after["district"] == "中央"
        assert entries[1].user == "tanaka" and entries[1].before is None
        assert [e.entity_id for e in store.audit(batch="b-42")] == ["b"]

    def test_revision_grows_with_each_write(self, store):
        store.write(sample_changes())
        r1 = store.revision()
        store.end_tie("t3", "2024-03-31", user="sato")
        assert store.revision() > r1

    # ------------------------------------------------------------ graph
    def test_load_graph_attributes(self, store):
        store.write(sample_changes())
        G = store.load_graph()
        assert G.is_multigraph() and G.is_directed()
        assert sorted(G.nodes) == ["a", "b", "c", "d"]
        assert G.number_of_edges() == 4  # an undirected tie is stored once
        assert G.nodes["a"]["name"] == "みやぎ連携復興センター"
        assert G.nodes["a"]["aliases"] == ["れんぷく", "Renpuku"]
        assert G.nodes["d"]["sector"] == "residents_group"
        e = G.edges["b", "a", "t1"]
        assert e["type"] == "commission" and e["directed"] is True and e["strength"] == 4
        assert e["start"] == "2012-04-01" and e["end"] == "2016-03-31"
        assert e["weight"] == 1.0
        e4 = G.edges["a", "b", "t4"]
        assert e4["directed"] is False and e4["start"] is None
        assert G.graph["as_of"] is None

    def test_load_graph_parallel_ties_and_views(self, store):
        cs = sample_changes()
        cs.ties.append(Tie("t5", "a", "d", "support", directed=True, strength=3, project="伴走支援"))
        store.write(cs)
        G = store.load_graph()
        assert G.number_of_edges("a", "d") == 2  # t3 collaboration + t5 support
        assert sorted(G["a"]["d"]) == ["t3", "t5"]
        assert sorted(k for _, _, k in G.in_edges("d", keys=True)) == ["t3", "t5"]
        # degree counts every tie end: a has t1 (in), t2 (in), t3, t4, t5 (out) = 5
        assert G.degree("a") == 5 and G.in_degree("a") == 2 and G.out_degree("a") == 3
        H = G.to_undirected()
        assert H.number_of_edges() == 5

    def test_load_graph_as_of(self, store):
        store.write(sample_changes())
        # 2014-01-01: t1 (2012–2016) yes, t2 (from 2016) no, t3 (from 2013-06) yes, t4 (open) yes
        assert sorted(k for _, _, k in store.load_graph("2014-01-01").edges(keys=True)) == ["t1", "t3", "t4"]
        # 2020-01-01: t1 ended 2016-03-31
        assert sorted(k for _, _, k in store.load_graph("2020-01-01").edges(keys=True)) == ["t2", "t3", "t4"]
        # the end day itself still counts
        assert "t1" in {k for _, _, k in store.load_graph("2016-03-31").edges(keys=True)}
        assert store.load_graph("2014-01-01").number_of_nodes() == 4  # orgs are kept
        assert store.load_graph("2014-01-01").graph["as_of"] == "2014-01-01"

    # ------------------------------------------------------------ lifecycle
    def test_end_tie(self, store):
        store.write(sample_changes())
        t = store.end_tie("t3", "2024-03-31", user="sato")
        assert t.end == "2024-03-31"
        assert store.get_tie("t3").end == "2024-03-31"
        assert "t3" not in {k for _, _, k in store.load_graph("2024-04-01").edges(keys=True)}
        e = store.audit(entity_id="t3")[0]
        assert (e.action, e.user, e.before["end"], e.after["end"]) == ("end", "sato", None, "2024-03-31")

    def test_delete_and_restore_org(self, store):
        store.write(sample_changes())
        store.delete_org("d", user="admin")
        assert "d" not in store.load_graph()
        assert "t3" not in {k for _, _, k in store.load_graph().edges(keys=True)}
        assert "d" not in [o.id for o in store.orgs()]
        assert store.get_org("d").name == "渡波地区自治会"  # kept, with a trace
        assert store.audit(entity_id="d")[0].action == "delete"
        store.restore_org("d", user="admin")
        assert "d" in store.load_graph()
        assert store.load_graph().number_of_edges() == 4
        assert [e.action for e in store.audit(entity_id="d")][:2] == ["restore", "delete"]

    def test_missing_records(self, store):
        with pytest.raises(NotFound):
            store.get_org("nope")
        with pytest.raises(NotFound):
            store.get_tie("nope")
        with pytest.raises(NotFound):
            store.end_tie("nope", "2024-01-01")

    # ------------------------------------------------------------ filters
    def test_org_filters(self, store):
        store.write(sample_changes())
        assert [o.id for o in store.orgs(sector="government")] == ["b"]
        assert [o.id for o in store.orgs(district="渡波")] == ["d"]
        assert {o.id for o in store.orgs(city="石巻市")} == {"b", "d"}
        assert [o.id for o in store.orgs(search="れんぷく")] == ["a"]  # alias
        assert [o.id for o in store.orgs(search="renpuku")] == ["a"]  # case-insensitive
        assert [o.id for o in store.orgs(search="日本財団")] == ["c"]

    def test_tie_filters(self, store):
        store.write(sample_changes())
        assert sorted(t.id for t in store.ties(org="b")) == ["t1", "t4"]
        assert [t.id for t in store.ties(type="funding")] == ["t2"]
        assert sorted(t.id for t in store.ties(sector="residents_group")) == ["t3"]
        assert sorted(t.id for t in store.ties(as_of="2014-01-01")) == ["t1", "t3", "t4"]

    # ------------------------------------------------------------ atomicity
    def test_failed_write_leaves_store_unchanged(self, store):
        store.write(sample_changes())
        before = (store.counts(), store.revision())
        cs = ChangeSet(
            orgs=[Org(f"n{i}", f"新団体{i}", "npo") for i in range(1200)],
            ties=[Tie("bad", "a", "missing-org", "collaboration")],
        )
        with pytest.raises(RenkeiError):
            store.write(cs)
        assert (store.counts(), store.revision()) == before
        with pytest.raises(NotFound):
            store.get_org("n0")

    def test_progress_interrupt_rolls_back(self, store):
        calls = []

        def boom(done: int, total: int) -> None:
            calls.append((done, total))
            if done >= 600:
                raise KeyboardInterrupt("stopped mid-way")

        cs = ChangeSet(orgs=[Org(f"n{i}", f"団体{i}", "npo") for i in range(1500)])
        with pytest.raises(KeyboardInterrupt):
            store.write(cs, progress=boom)
        assert calls and calls[-1][1] == 1500
        assert store.counts()["orgs"] == 0 and store.revision() == 0

    # ------------------------------------------------------------ two-mode
    def test_activities_and_participations(self, store):
        store.write(sample_changes())
        acts = [Activity("x", "石巻復興支援連絡会議", kind="会議", start="2013-04-01")]
        parts = [
            Participation("a", "x", role="事務局", date="2013-05-10"),
            Participation("b", "x"),
            Participation("d", "x", role="参加"),
        ]
        r = store.write(ChangeSet(activities=acts, participations=parts))
        assert r.created == 4
        assert [a.name for a in store.activities()] == ["石巻復興支援連絡会議"]
        got = {(p.org, p.activity, p.role, p.date) for p in store.participations()}
        assert got == {("a", "x", "事務局", "2013-05-10"), ("b", "x", "", None), ("d", "x", "参加", None)}
        r2 = store.write(ChangeSet(activities=acts, participations=parts))
        assert (r2.created, r2.unchanged) == (0, 4)

    # ------------------------------------------------------------ custom fields (issue 12)
    def test_custom_fields_round_trip(self, store):
        cs = sample_changes()
        cs.orgs[0].custom = {"担当者": "佐藤 花子", "電話": "022-000-0000", "活動分野": "復興|まちづくり"}
        cs.ties[0].custom = {"窓口": "復興政策課", "note 2": '<b>"引用"</b> \'; --'}
        r = store.write(cs, user="tanaka")
        assert r.created == 8
        assert store.get_org("a").custom == {
            "担当者": "佐藤 花子",
            "電話": "022-000-0000",
            "活動分野": "復興|まちづくり",
        }
        assert store.get_org("b").custom == {}
        assert store.get_tie("t1").custom == {"窓口": "復興政策課", "note 2": '<b>"引用"</b> \'; --'}
        assert store.get_tie("t2").custom == {}
        by_id = {o.id: o for o in store.orgs()}
        assert by_id["a"].custom["担当者"] == "佐藤 花子"
        assert {t.id: t.custom for t in store.ties()}["t1"]["窓口"] == "復興政策課"
        G = store.load_graph()
        assert G.nodes["a"]["custom"]["電話"] == "022-000-0000" and G.nodes["c"]["custom"] == {}
        assert G.edges["b", "a", "t1"]["custom"] == {"窓口": "復興政策課", "note 2": '<b>"引用"</b> \'; --'}
        # the same values again change nothing; a changed or removed field is an audited update
        assert store.write(cs).unchanged == 8
        cs.orgs[0].custom = {"担当者": "鈴木 一郎"}
        cs.ties[0].custom = {}
        r = store.write(cs, user="suzuki")
        assert (r.updated, r.unchanged) == (2, 6)
        assert store.get_org("a").custom == {"担当者": "鈴木 一郎"}
        assert store.get_tie("t1").custom == {}
        entry = store.audit(entity_id="a")[0]
        assert entry.before["custom"]["担当者"] == "佐藤 花子" and entry.after["custom"] == {"担当者": "鈴木 一郎"}
        # ending a tie and deleting an organisation keep the custom fields
        cs.ties[1].custom = {"担当": "助成課"}
        store.write(cs)
        assert store.end_tie("t2", "2024-03-31").custom == {"担当": "助成課"}
        assert store.get_tie("t2").custom == {"担当": "助成課"}
        store.delete_org("a")
        store.restore_org("a")
        assert store.get_org("a").custom == {"担当者": "鈴木 一郎"}

    # ------------------------------------------------------------ fiscal years (issue 10, item 1)
    def test_as_of_fiscal_year_matches_the_hand_filter(self, store):
        from tests.network.fiscal_ties import FY_EXPECTED, fiscal_changes

        store.write(fiscal_changes())
        for as_of, expected in FY_EXPECTED.items():
            got_ties = sorted(t.id for t in store.ties(as_of=as_of))
            got_graph = sorted(k for _, _, k in store.load_graph(as_of).edges(keys=True))
            assert got_ties == expected, as_of
            assert got_graph == expected, as_of

    def test_as_of_fiscal_year_agrees_with_the_analysis_views(self, store):
        from network.analysis.views import filter_graph
        from tests.network.fiscal_ties import FY_EXPECTED, fiscal_changes

        store.write(fiscal_changes())
        G = store.load_graph()
        for as_of in FY_EXPECTED:
            pre = store.load_graph(as_of)
            post = filter_graph(G, as_of=as_of)
            assert sorted(pre.edges(keys=True)) == sorted(post.edges(keys=True)), as_of
            assert pre.graph["as_of"] == post.graph["as_of"], as_of

    def test_as_of_that_is_no_date_nor_fiscal_year_is_refused(self, store):
        store.write(fiscal_changes_minimal())
        for bad in ("2016-13-01", "yesterday", "2016-04"):
            with pytest.raises(ValueError, match="fiscal year"):
                store.ties(as_of=bad)
            with pytest.raises(ValueError, match="fiscal year"):
                store.load_graph(bad)


def fiscal_changes_minimal() -> ChangeSet:
    return ChangeSet(orgs=[Org("p", "甲", "npo"), Org("q", "乙", "npo")], ties=[Tie("x", "p", "q")])


# ------------------------------------------------------------------ accounts
class AccountsContract:
    """Accounts kept in the store itself (network.accounts over ``store.accounts()``).

    Subclasses provide the same ``store`` fixture as for :class:`StoreContract`.
    Passwords are hashed with the cheapest Argon2id parameters to keep the tests fast.
    """

    @pytest.fixture
    def users(self, store):
        from argon2 import PasswordHasher

        from network.accounts import UserStore

        u = UserStore(store, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield u
        u.close()

    def test_accounts_live_in_the_store(self, store, users):
        users.add("aoi", "battery staple 2", "admin", by="setup")
        users.add("sato", "correct horse 1", "editor", by="aoi")
        assert [(a.name, a.role) for a in users.list()] == [("aoi", "admin"), ("sato", "editor")]
        assert users.count() == 2
        # the same accounts through a second handle on the same store
        from network.accounts import UserStore

        with UserStore(store) as again:
            assert [a.name for a in again.list()] == ["aoi", "sato"]
            assert again.get("sato").role == "editor"
        assert users.authenticate("sato", "correct horse 1").role == "editor"
        # account changes are in the store's own history, never with a hash
        entries = [e for e in store.audit() if e.entity == "user"]
        assert [(e.action, e.entity_id, e.user) for e in entries] == [
            ("create", "sato", "aoi"),
            ("create", "aoi", "setup"),
        ]
        assert "argon2" not in repr([(e.before, e.after) for e in entries])

    def test_look_alike_names_are_one_identity(self, users):
        users.add("sato", "correct horse 1", "editor")
        # case, full width (NFKC) and Cyrillic letters that look Latin
        for look_alike in ("Sato", "SATO", "ｓａｔｏ", "s\u0430t\u043e"):
            with pytest.raises(RenkeiError, match="already exists"):
                users.add(look_alike, "other password 9", "admin")
            assert users.authenticate(look_alike, "correct horse 1").name == "sato"
            assert users.get(look_alike).name == "sato"
        assert [a.name for a in users.list()] == ["sato"]

    def test_lockout_by_name_counts_look_alikes_together(self, users):
        from network.accounts import MAX_FAILURES
        from network.errors import AuthError

        users.add("sato", "correct horse 1", "editor")
        spellings = ["sato", "Sato", "ｓａｔｏ", "s\u0430to", "SATO", "sAto"]
        for i in range(MAX_FAILURES):
            with pytest.raises(AuthError, match="wrong"):
                users.authenticate(spellings[i % len(spellings)], "guess", now=1000.0 + i, source=f"10.0.0.{i}")
        with pytest.raises(AuthError, match="too many"):
            users.authenticate("sato", "correct horse 1", now=1000.0 + MAX_FAILURES, source="10.9.9.9")

    def test_lockout_by_source_throttles_a_spray(self, users):
        from network.accounts import MAX_SOURCE_FAILURES, WINDOW_SECONDS
        from network.errors import AuthError

        users.add("sato", "correct horse 1", "editor")
        # one wrong password for each of many names, all from one address: no name reaches its limit
        for i in range(MAX_SOURCE_FAILURES):
            if i == MAX_SOURCE_FAILURES // 2:  # a success from the address does not wipe its count
                assert (
                    users.authenticate("sato", "correct horse 1", now=2000.0 + i - 0.5, source="203.0.113.7").name
                    == "sato"
                )
            with pytest.raises(AuthError, match="wrong"):
                users.authenticate(f"user{i}", "Password1", now=2000.0 + i, source="203.0.113.7")
        # the address is throttled, even with a right password
        with pytest.raises(AuthError, match="too many"):
            users.authenticate("sato", "correct horse 1", now=2000.0 + MAX_SOURCE_FAILURES, source="203.0.113.7")
        # another address is not
        assert (
            users.authenticate("sato", "correct horse 1", now=2001.0 + MAX_SOURCE_FAILURES, source="198.51.100.2").name
            == "sato"
        )
        # after the window the address may try again
        later = 2000.0 + WINDOW_SECONDS + MAX_SOURCE_FAILURES + 1
        assert users.authenticate("sato", "correct horse 1", now=later, source="203.0.113.7").name == "sato"

    def test_last_admin_cannot_be_demoted_or_removed(self, users):
        users.add("boss", "battery staple 2", "admin")
        users.add("sato", "correct horse 1", "editor")
        with pytest.raises(RenkeiError, match="last admin") as demote:
            users.set_role("boss", "viewer")
        assert "最後の管理者" in str(demote.value)
        with pytest.raises(RenkeiError, match="last admin"):
            users.remove("boss")
        assert users.get("boss").role == "admin"
        users.set_role("sato", "admin")  # with a second admin both are allowed
        users.set_role("boss", "editor")
        users.remove("boss")
        assert [(a.name, a.role) for a in users.list()] == [("sato", "admin")]

    def test_password_change_and_remove(self, users):
        users.add("aoi", "battery staple 2", "admin")
        users.add("sato", "correct horse 1", "viewer")
        users.set_password("Sato", "new password 3")
        from network.errors import AuthError

        with pytest.raises(AuthError):
            users.authenticate("sato", "correct horse 1")
        assert users.authenticate("sato", "new password 3").name == "sato"
        users.remove("SATO")
        assert users.get("sato") is None
        with pytest.raises(RenkeiError, match="no user"):
            users.remove("sato")
