"""Survey rounds: create, list, close, issue links, track progress, and the link's own session.

Links are issued by :func:`issue_links` (the CLI's ``survey links`` and ``survey
letters``, the app's links download): each call makes **new** tokens for the
organisations asked for, so the links of an earlier call stop working.  This is
the one place a token exists in clear; the store keeps its SHA-256 hash.

A token opens a :class:`LinkSession` (:func:`open_link`) bound to one round and
one organisation: everything it reads or writes is that organisation's own
answers, plus the names on the round's list.  A wrong token, a token of a closed
round, or one past the close date opens nothing.

>>> from network.model import Org
>>> from network.store.sqlite import SQLiteStore
>>> from network.store.base import ChangeSet
>>> store = SQLiteStore(":memory:")
>>> _ = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary"), Org("b", "石巻市", "government")]))
>>> _ = create_round(store, "R6", 2024, close_date="2099-03-31")
>>> links = issue_links(store, "R6", base_url="http://x")
>>> s = open_link(store, links[0]["url"].split("token=")[1])
>>> s.org, [name for _, name in s.partners()]
('a', ['石巻市'])
>>> open_link(store, "not-a-valid-token-at-all-xxxxx") is None
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

from network.errors import NotFound, ValidationError
from network.survey.model import Answer, Response, Round, check_answer, check_response, check_round_name
from network.survey.tokens import looks_like_token, matches, new_token, token_hash

__all__ = [
    "create_round",
    "close_round",
    "list_rounds",
    "issue_links",
    "status",
    "open_link",
    "LinkSession",
    "DEFAULT_BASE_URL",
    "round_names",
]

DEFAULT_BASE_URL = "http://127.0.0.1:8501"
log = logging.getLogger("renkei.survey")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _today() -> str:
    return date.today().isoformat()


def _iso_date(text: str | None, what: str) -> str | None:
    if text in (None, ""):
        return None
    from ingest.normalise import parse_date

    try:
        d = parse_date(text)
    except ValueError:
        d = None
    if not d:
        raise ValidationError(f"{what}: {text!r} is not a date (YYYY-MM-DD) / 日付ではありません")
    return d


def create_round(
    store: object,
    name: str,
    fiscal_year: int | str,
    *,
    orgs: list[str] | None = None,
    close_date: str | None = None,
    user: str = "system",
) -> Round:
    """Create a round over ``orgs`` (ids; ``None``: every organisation in the store); audited as ``user``."""
    from network.model import parse_fiscal_year

    name = check_round_name(name)
    try:
        fy = parse_fiscal_year(str(fiscal_year))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    known = {o.id for o in store.orgs()}  # type: ignore[attr-defined]
    ids = sorted(known) if orgs is None else list(dict.fromkeys(orgs))
    unknown = [o for o in ids if o not in known]
    if unknown:
        raise ValidationError(f"not in the store: {', '.join(unknown[:5])} / 登録されていない団体です")
    if len(ids) < 2:
        raise ValidationError("a round needs at least two organisations / 2団体以上が必要です")
    rnd = Round(name, fy, ids, _iso_date(close_date, "close date / 締切"), False, _now())
    return store.survey().create_round(rnd, by=user)  # type: ignore[attr-defined]


def close_round(store: object, name: str, *, user: str = "system") -> Round:
    """Close a round: its links stop working at once; answers are kept (audited as ``user``)."""
    return store.survey().close_round(name, by=user)  # type: ignore[attr-defined]


def list_rounds(store: object) -> list[Round]:
    return store.survey().rounds()  # type: ignore[attr-defined]


def round_names(store: object, rnd: Round) -> dict[str, str]:
    """Names of the organisations on the round's list (id → name), in list order."""
    names = {o.id: o.name for o in store.orgs()}  # type: ignore[attr-defined]
    return {o: names.get(o, o) for o in rnd.orgs}


def link_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + "/survey?token=" + quote(token, safe="")


def issue_links(
    store: object, name: str, *, orgs: list[str] | None = None, base_url: str = DEFAULT_BASE_URL, user: str = "system"
) -> list[dict]:
    """New links for ``orgs`` of round ``name`` (default: all on its list): ``[{org, name, url}]``.

    Earlier links of those organisations stop working; their answers are kept.  The audit log
    records who issued links for which organisations (never the tokens or their hashes).
    """
    s = store.survey()  # type: ignore[attr-defined]
    rnd = s.get_round(name)
    if not rnd.open_on(_today()):
        raise ValidationError(f"round {name!r} is closed / 調査「{name}」は締め切られています")
    wanted = rnd.orgs if orgs is None else [o for o in rnd.orgs if o in set(orgs)]
    tokens = {o: new_token() for o in wanted}
    s.set_token_hashes(name, {o: token_hash(t) for o, t in tokens.items()}, now=_now(), by=user)
    names = round_names(store, rnd)
    log.info("issued %d survey links for round %s", len(tokens), name)  # never the tokens
    return [{"org": o, "name": names[o], "url": link_url(base_url, t)} for o, t in tokens.items()]


def status(store: object, name: str) -> dict:
    """Progress of a round: ``invited``, ``answered`` (submitted), ``rate``, ``started``, ``missing``."""
    s = store.survey()  # type: ignore[attr-defined]
    rnd = s.get_round(name)
    names = round_names(store, rnd)
    invites = s.invites(name)
    answered = [i for i in invites if i.submitted_at]
    missing = [
        {"org": i.org, "name": names[i.org], "started": i.answers > 0, "has_link": i.has_token}
        for i in invites
        if not i.submitted_at
    ]
    n = len(invites)
    return {
        "round": rnd.name,
        "fiscal_year": rnd.fiscal_year,
        "close_date": rnd.close_date,
        "closed": rnd.closed,
        "invited": n,
        "answered": len(answered),
        "rate": round(len(answered) / n, 4) if n else None,
        "started": sum(1 for m in missing if m["started"]),
        "missing": missing,
    }


@dataclass
class LinkSession:
    """What one link may see and do: its own organisation's answers in one open round."""

    store: object
    round: str
    org: str
    org_name: str
    close_date: str | None
    _names: dict[str, str]

    def _survey(self):  # noqa: ANN202
        return self.store.survey()  # type: ignore[attr-defined]

    def _check_open(self) -> None:
        if not self._survey().get_round(self.round).open_on(_today()):
            raise ValidationError("this survey is closed / この調査は締め切られました")

    def partners(self) -> list[tuple[str, str]]:
        """The round's list without the respondent: ``[(id, name)]``."""
        return [(o, n) for o, n in self._names.items() if o != self.org]

    def answers(self) -> list[Answer]:
        return self._survey().answers(self.round, respondent=self.org)

    def save(self, answer: Answer) -> Answer:
        """Create or replace one answer of this organisation (round and respondent are forced)."""
        self._check_open()
        answer.round, answer.respondent, answer.source = self.round, self.org, "web"
        if answer.partner and answer.partner not in self._names:
            raise ValidationError("that organisation is not on this survey's list / 一覧にない団体です")
        if answer.partner:
            answer.partner_name = ""
        answer = check_answer(answer)
        answer.date = _today()
        self._survey().save_answer(answer, now=_now())
        return answer

    def remove(self, partner_key: str) -> bool:
        self._check_open()
        return self._survey().delete_answer(self.round, self.org, str(partner_key))

    def response(self) -> Response:
        return self._survey().response(self.round, self.org) or Response(self.round, self.org)

    def save_response(self, contributions: list[str], comment: str, *, submit: bool | None = None) -> Response:
        self._check_open()
        r = check_response(Response(self.round, self.org, list(contributions), comment))
        self._survey().save_response(r, now=_now(), submit=submit)
        return self.response()


def open_link(store: object, token: object, *, today: str | None = None) -> LinkSession | None:
    """The session a token opens, or ``None`` (wrong token, closed round, past the close date)."""
    if not looks_like_token(token):
        return None
    s = store.survey()  # type: ignore[attr-defined]
    found = s.find_hash(token_hash(token))  # type: ignore[arg-type]
    if found is None or not matches(token, found[2]):  # type: ignore[arg-type]
        return None
    round_name, org, _ = found
    try:
        rnd = s.get_round(round_name)
    except NotFound:
        return None
    if not rnd.open_on(today or _today()):
        return None
    names = round_names(store, rnd)
    return LinkSession(store, rnd.name, org, names.get(org, org), rnd.close_date, names)
