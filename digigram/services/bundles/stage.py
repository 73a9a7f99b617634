"""PostgreSQL import: checked records written with COPY while the bundle is verified, all in one transaction.

The bundle is read once. Each record the verifying pass accepts is added, as the row it will become, to
a private staging table (TEMP, gone at commit or rollback) on the import's own write connection; a
helper thread sends each batch with COPY while the pass goes on checking (and recomputing) the next, so
the server parses and stores while Python verifies. People, frameworks and checks are moved into their
tables as soon as the checks' file is read (`land`); a check's answers and area results, nine rows in
ten of a bundle, then go by COPY straight into their own tables, with no staging round trip (a check's
answers as one packed row of `check_answers`, revision 0013: pack.py). Plans and
their steps, which the comparison with the database decides on, are moved by one INSERT … SELECT each
once the bundle is verified and compared. Everything is one transaction: a refused bundle rolls every
row away with it, and the database is untouched.

Concurrency (four coordinators importing at once, the same bundle twice at once) rests on the keys:
people, frameworks, checks, plans and plan steps go in by `ON CONFLICT DO NOTHING` in key order, so a
second import of the same rows waits on the first one's uncommitted keys and then skips them. A check's
answers and area results belong to it: they are inserted only for the checks this import added itself
(the `RETURNING` of the checks' insert), and those no other transaction can have answers for. So they
need no conflict test of their own, which spares the server a speculative insert per answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session

from digigram.core.bundle.format import KINDS
from digigram.core.bundle.records import HUB_FIELDS, KEYS, SCHEMAS
from digigram.core.names import name_key
from digigram.core.rescore import AreaText, in_file_order
from digigram.services.bundles.pack import PACKED, PACKED_COLUMNS, Packer
from digigram.services.bundles.rows import JSON_COLUMNS, TABLES, Record, json_text
from digigram.services.summaries import Summary
from digigram.store.models import CheckSummaryRow

# A COPY is sent at whichever comes first: 20,000 rows, or 4 MB of bundle text (a check's line carries
# its stored result, ~14 KB: 20,000 of them would hold 270 MB). One batch in flight, one gathered.
BATCH = 20_000
BATCH_BYTES = 4 << 20
Row = tuple[Any, ...]
# Checks the import adds itself (RETURNING of their insert): their answers and area rows are this
# import's alone.
_OURS = "digigram_stage_ours"
_HUBS = "digigram_stage_hubs"
_SUMMARIES = "digigram_stage_summaries"
# Written straight into their tables, for the checks this import adds (`land`), rather than staged.
DIRECT = frozenset({"answers", "results"})


# A person's keys of core.names.name_key, made from the record: its name's (revision 0007), its hub's and
# its group's (0009).
PERSON_KEYS = ("sort_name", "sort_hub", "sort_group")

_NO_PRIVILEGE = "42501"  # insufficient_privilege: here, no TEMPORARY right on the database


class NoStaging(Exception):
    """This account may not make temporary tables (an analyst's role): import the way that needs none
    until a write is due (and is then refused plainly)."""


def _stage(kind: str) -> str:
    return f"digigram_stage_{TABLES[kind].name}"


def copy_text(value: str) -> str:
    """Text as a field of PostgreSQL's COPY text format: backslash, tab, newline and carriage return
    escaped (the only characters the format reads specially in a field)."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_NULL = "\\N"  # COPY text's NULL


def _words_json(name: str, value: list[str]) -> str:
    """A list of words as the repository writes it (json_text), without the JSON writer when every word
    is plain ASCII with no quote or backslash, as an area's band and a check's excluded questions are."""
    words = sorted(value) if name == "excluded" else value
    joined = "".join(words)
    if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
        return '["' + '", "'.join(words) + '"]' if words else "[]"
    return json_text(name, value)


def copy_line_maker(kind: str) -> Callable[[Record], str]:
    """A checked record as one line of COPY text (newline included), in the staged row's column order.

    Made here rather than by the driver's row writer, which costs several times more per row: one
    generated function per kind, the fields in schema order, each written as its check says (`copy`):
    numbers by repr(), dates by isoformat() (both as the server reads them back), UUIDs and fixed words
    as they are; any other text is escaped where it holds a backslash, tab, newline or carriage return.
    None is NULL.
    """
    columns = [*SCHEMAS[kind], *(PERSON_KEYS if kind == "people" else [])]
    body = [f"def line_{kind}(r):"]
    for i, name in enumerate(columns):
        check = SCHEMAS[kind].get(name)
        if name in PERSON_KEYS:
            source = {"sort_name": "name", "sort_hub": "hub", "sort_group": "group_tag"}[name]
            body.append(f"    v{i} = _name_key(r[{source!r}])")
            how = "text"
        elif (kind, name) == ("answers", "choice"):  # 1.8 M rows nationally, nearly all an option number
            body.append(f"    v{i} = r[{name!r}]")
            body.append(f"    v{i} = v{i}.__repr__() if type(v{i}) is int else _json({name!r}, v{i})")
            how = "as is"  # null, an option number or a list of them
        elif (kind, name) in JSON_COLUMNS:  # lists of words: an area row's band, a check's excluded
            body.append(f"    v{i} = _words({name!r}, r[{name!r}])")
            how = "text"
        else:
            body.append(f"    v{i} = r[{name!r}]")
            how = "text" if check is None else check.copy
        body.append(f"    if v{i} is None:")
        body.append(f"        v{i} = _NULL")
        if how == "repr":
            body.append("    else:")
            body.append(f"        v{i} = v{i}.__repr__()")
        elif how == "iso":
            body.append("    else:")
            body.append(f"        v{i} = v{i}.isoformat()")
        elif how != "as is":
            body.append(f"    elif '\\\\' in v{i} or '\\t' in v{i} or '\\n' in v{i} or '\\r' in v{i}:")
            body.append(f"        v{i} = _escaped(v{i})")
    fields = "\\t".join(f"{{v{i}}}" for i in range(len(columns)))
    body.append(f'    return f"{fields}\\n"')
    space: dict[str, Any] = {"_NULL": _NULL, "_escaped": copy_text, "_json": json_text, "_words": _words_json,
                             "_name_key": name_key}
    # The source is made here from the schema; no text from a bundle reaches it.
    exec(compile("\n".join(body), f"<bundle copy lines: {kind}>", "exec"), space)
    made: Callable[[Record], str] = space[f"line_{kind}"]
    return made


_FIGURE = str.maketrans("", "", "0123456789.-+e")  # what is left of a finite number's text: nothing
_PLAIN: dict[str, str | None] = {}  # a JSON string's text (or null) as a COPY field, None when unplain
_KEYS: dict[tuple[str, ...], tuple[str, ...] | None] = {}  # each level's key in the probabilities' text


def _plain(quoted: str, limit: int) -> str | None:
    """A JSON-written string (or null) as its COPY field; None for one with an escape in it, or longer
    than the record's check allows (those rows are made the long way, where the check decides)."""
    found = _PLAIN.get(quoted, "")
    if found == "":
        if quoted == "null":
            found = _NULL
        elif quoted[:1] == quoted[-1:] == '"' and len(quoted) > 2 and "\\" not in quoted:
            found = quoted[1:-1]  # JSON escapes every quote, control character and backslash
        else:
            found = None
        if len(_PLAIN) < 10_000:
            _PLAIN[quoted] = found
    if found is not None and found != _NULL and len(found) > limit:
        return None  # the limit is the caller's: the same code may be a band's edge (100) or a level (20)
    return found


def _probability_keys(codes: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each level's key as the probabilities' text has it (json.dumps: non-ASCII escaped), when every
    code is plain printable ASCII; else None (such rows are made the long way)."""
    found = _KEYS.get(codes, ())
    if found == ():
        plain = all(c.isascii() and c.isprintable() and '"' not in c and "\\" not in c for c in codes)
        found = _KEYS[codes] = tuple(f'"{c}": ' for c in codes) if plain else None
    return found


def _within(text: str, low: float, high: float) -> bool:
    """A number's text (or null) within the record check's bounds."""
    return text == "null" or low <= float(text) <= high


class _Bounded:
    """Number texts already found within one pair of bounds. A region's area rows repeat the same
    figures' texts (`core.rescore` writes each value once), so most are found here without parsing them;
    a text is parsed only the first time. Emptied when full."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        self.known: set[str] = {"null"}

    def all(self, texts: tuple[str, ...]) -> bool:
        """Whether every text is null or a number within the bounds (texts of finite numbers only)."""
        known = self.known
        if known.issuperset(texts):
            return True
        if len(known) > 50_000:
            known.clear()
            known.add("null")
        for text in texts:
            if not _within(text, self.low, self.high):
                return False
            known.add(text)
        return True


_FIGURES, _SHARES = _Bounded(-1e12, 1e12), _Bounded(0.0, 1.0)


def area_copy_lines(attempt_id: str, areas: Sequence[AreaText]) -> list[str] | None:
    """A check's area rows, as the recompute gives them, in COPY text: the lines `copy_line_maker`
    makes of the area-result lines an export writes for these figures (`recompute._result_lines`: by
    area id, each with its place among the check's areas). None when a text would need escaping, a
    level code is not plain ASCII (the band's and the probabilities' JSON then escape it), or a figure
    is not a finite number within what the record's check allows: the recompute then vouches for none
    of the check's lines, and the importing pass checks them as any other."""
    if len(areas) > 10_001:  # a row's position, at most 10,000
        return None
    lines = []
    for position, a in in_file_order(areas):
        area, level, low, high = (_plain(a.area, 100), _plain(a.level, 20), _plain(a.band[0], 100),
                                  _plain(a.band[1], 100))
        target, said_level = _plain(a.target, 20), _plain(a.said_level, 20)
        keys = _probability_keys(a.codes)
        if keys is None or None in (area, level, low, high, target, said_level) \
                or _NULL in (low, high, area, level) or not (low.isascii() and high.isascii()):  # type: ignore[union-attr]
            return None
        figures = (a.theta, a.sd, a.p_below_target, a.gap, a.items, a.said_theta, a.said_sd,
                   *a.level_probabilities)
        if "".join(figures).replace("null", "").translate(_FIGURE) or "null" in (a.theta, a.sd, a.items) \
                or "null" in a.level_probabilities:
            return None
        if not (_FIGURES.all((a.theta, a.sd, a.p_below_target, a.said_theta, a.said_sd))
                and _SHARES.all(a.level_probabilities)
                and _within(a.gap, -1000, 1000) and _within(a.items, 0, 100_000)
                and "." not in a.gap + a.items and "e" not in a.gap + a.items):  # integers, as written
            return None
        probabilities = ", ".join([k + p for k, p in zip(keys, a.level_probabilities, strict=True)])
        if len(probabilities) > 9_998:  # the text, braces included, at most 10,000
            return None
        lines.append(
            f'{attempt_id}\t{area}\t{position}\t{a.theta}\t{a.sd}\t{level}\t["{low}", "{high}"]\t{target}\t'
            f'{_number(a.p_below_target)}\t{_number(a.gap)}\t{a.items}\t{{{probabilities}}}\t'
            f'{_number(a.said_theta)}\t{_number(a.said_sd)}\t{said_level}\n')
    return lines


def _number(text: str) -> str:
    return _NULL if text == "null" else text


def _texts(values: list[str | None]) -> str:
    """Text elements as an array literal: each in double quotes (its backslashes and quotes escaped), a
    missing one NULL."""
    if None not in values:
        joined = "".join(values)  # type: ignore[arg-type]
        if "\\" not in joined and '"' not in joined:
            return '{"' + '","'.join(values) + '"}'  # type: ignore[arg-type]
    return "{" + ",".join("NULL" if v is None else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for v in values) + "}"


def copy_line(records: list[Record]) -> str:
    """One check's checked answer records (in answer order) as its packed row: one line of COPY text,
    newline included, columns in PACKED_COLUMNS order."""
    return "\t".join((
        records[0]["attempt_id"],
        "{" + ",".join([r["sequence"].__repr__() for r in records]) + "}",
        copy_text(_texts([r["item_id"] for r in records])),
        copy_text(_texts([json_text("choice", r["choice"]) for r in records])),  # as answer.choice
        '{"' + '","'.join([r["answered_at"].isoformat() for r in records]) + '"}',
        "{" + ",".join(["NULL" if (s := r["seconds"]) is None else s.__repr__() for r in records]) + "}",
        copy_text(_texts([r["language"] for r in records])),
    )) + "\n"


class Taker:
    """What the verifying pass hands each accepted record of one kind to; `flush()` when the kind ends."""

    def __init__(self, stager: Stager, kind: str) -> None:
        self.stager, self.kind = stager, kind
        self.make = copy_line_maker(kind)
        self.rows: list[str] = []  # lines of COPY text
        self.size = 0
        columns = [*SCHEMAS[kind], *(PERSON_KEYS if kind == "people" else [])]
        into = TABLES[kind].name if kind in DIRECT else _stage(kind)
        self.statement = f"COPY {into} ({', '.join(columns)}) FROM STDIN"

    def __call__(self, record: Record, size: int) -> None:
        """One accepted record, `size` the length of its line in the bundle."""
        self.rows.append(self.make(record))
        self.size += size
        if len(self.rows) >= BATCH or self.size >= BATCH_BYTES:
            self.flush()

    def made(self, lines: list[str]) -> None:
        """Rows already in COPY text (the area rows a forked recompute vouched for: derived.py)."""
        self.rows.extend(lines)
        self.size += sum(map(len, lines))
        if len(self.rows) >= BATCH or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            rows, self.rows, self.size = self.rows, [], 0
            self.stager.send(self.statement, self.kind, rows)


class AnswerTaker(Taker):
    """The answers' taker: each check's answers go as one packed row of `check_answers` (revision 0013)."""

    def __init__(self, stager: Stager) -> None:
        super().__init__(stager, "answers")
        self.statement = f"COPY {PACKED.name} ({', '.join(PACKED_COLUMNS)}) FROM STDIN"
        self.counts: list[int] = []  # answers in each gathered row
        self.packer = Packer(copy_line, self._packed, key="attempt_id")

    def __call__(self, record: Record, size: int) -> None:
        self.packer.add(record, size)

    def _packed(self, line: str, size: int, count: int) -> None:
        self.rows.append(line)
        self.counts.append(count)
        self.size += size
        if len(self.rows) >= BATCH or self.size >= BATCH_BYTES:
            self._send()

    def _send(self) -> None:
        if self.rows:
            rows, counts, self.rows, self.counts, self.size = self.rows, self.counts, [], [], 0
            self.stager.send(self.statement, self.kind, rows, counts)

    def flush(self) -> None:
        self.packer.finish()
        self._send()


class Stager:
    """Staging tables on the write session's connection, filled from the verifying pass.

    `taker(kind)` gives what the pass calls with each accepted record; `done()` waits for the last
    batch; `move(...)` then writes everything with one statement per table. Only the helper thread
    uses the connection until `done()` returns.
    """

    def __init__(self, session: Session, sender: ThreadPoolExecutor) -> None:
        self.session = session
        driver = session.connection().connection.driver_connection  # psycopg's own connection
        assert driver is not None
        self.driver: Any = driver
        self.sender = sender
        self.sending: Future[None] | None = None
        self.staged = dict.fromkeys(KINDS, 0)
        self.hub_ids: Future[dict[tuple[str, str | None], str]] | None = None
        # What `land` added: people, frameworks and checks, then (as they stream) answers and area rows.
        self.added = dict.fromkeys(KINDS, 0)
        self.ours: set[str] | None = None  # the checks this import added itself, once landed
        with self.driver.cursor() as cursor:
            # Room for the set-based statements to hash and sort in memory (this transaction only).
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # A check's stored result (~11 KB of JSON) is compressed as it is stored; LZ4, where the
            # server has it (PostgreSQL 14+ built with it, as Debian's is), costs a fraction of the
            # default's CPU (this transaction only; either reads back the same).
            cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                           "AND 'lz4' = ANY(enumvals)")
            if cursor.fetchone() is not None:
                cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
            try:
                cursor.execute(f"CREATE TEMP TABLE {_OURS} (id text PRIMARY KEY) ON COMMIT DROP")
            except Exception as exc:
                if getattr(exc, "sqlstate", None) == _NO_PRIVILEGE:
                    raise NoStaging from exc
                raise
            for kind in KINDS:
                if kind not in DIRECT:
                    cursor.execute(f"CREATE TEMP TABLE {_stage(kind)} (LIKE {TABLES[kind].name} INCLUDING "
                                   "DEFAULTS) ON COMMIT DROP")
            # A check's stored result is compressed as it is staged (the column's usual storage), while the
            # server has little else to do; the move into `attempt` then copies the compressed value as
            # it is, without compressing it again. Staged uncompressed (STORAGE EXTERNAL, as before),
            # a region's 600 MB of results went through the server twice in full, and the move, in the
            # busiest part of the import, took 4.4 s against 2.3 s now.
            # A person's hub travels as (name, region); the region is a column of the hub, not the person.
            cursor.execute(f"ALTER TABLE {_stage('people')} ADD COLUMN hub_region text, "
                           "ADD COLUMN hub_region_at timestamp")
            cursor.execute(f"CREATE TEMP TABLE {_HUBS} (name text, region text, id text) ON COMMIT DROP")

    # --- during the verifying pass -------------------------------------------------------------------

    def taker(self, kind: str) -> Taker:
        return AnswerTaker(self) if kind == "answers" else Taker(self, kind)

    def send(self, statement: str, kind: str, rows: list[str], counts: list[int] | None = None) -> None:
        """Lines of COPY text to send; `counts`, for packed answers, how many answers each line holds."""
        self.wait()
        self.staged[kind] = self.staged.get(kind, 0) + len(rows)
        self.sending = self.sender.submit(self._copy, statement, rows, kind, counts)

    def _copy(self, statement: str, rows: list[str], kind: str | None = None,
              counts: list[int] | None = None) -> None:
        """Lines of COPY text sent in one piece."""
        if kind in DIRECT:
            # Straight into the table: only rows of checks this import added (`land` ran before, on
            # this thread); the others' rows are stored already, or belong to another import. A row's
            # check is its first field, a UUID.
            ours = self.ours
            assert ours is not None, "a check's rows come after the checks are landed"
            if self.added["attempts"] != self.staged["attempts"]:
                kept = [i for i, row in enumerate(rows) if row[:row.index("\t")] in ours]
                rows = [rows[i] for i in kept]
                counts = None if counts is None else [counts[i] for i in kept]
            self.added[kind] += len(rows) if counts is None else sum(counts)
            if not rows:
                return
        with self.driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write("".join(rows))

    def land(self) -> None:
        """People, frameworks and checks into their tables, queued on the connection once the checks'
        file is read, so that answers and area rows can go straight into theirs (`DIRECT`).

        The callers have found every person and framework a check refers to, in the bundle or in the
        database. Each table goes in key order with ON CONFLICT DO NOTHING: an import of the same rows
        running at once waits here for the other to end, then skips them.
        """
        self.wait()
        self.sending = self.sender.submit(self._land)

    def _land(self) -> None:
        hub_ids = {} if self.hub_ids is None else self.hub_ids.result()
        added = self.added
        with self.driver.cursor() as cur:
            with cur.copy(f"COPY {_HUBS} (name, region, id) FROM STDIN") as copy:
                for (name, region), hub_id in hub_ids.items():
                    copy.write_row((name, region, hub_id))
            person = [c for c in SCHEMAS["people"] if c not in HUB_FIELDS]
            added["people"] = _insert(
                cur, "people", into=[*person, *PERSON_KEYS, "hub_id"],
                select=[*(f"s.{c}" for c in [*person, *PERSON_KEYS]), "h.id"],
                where=f"LEFT JOIN {_HUBS} h ON h.name = s.hub AND h.region IS NOT DISTINCT FROM s.hub_region",
            )
            added["frameworks"] = _insert(cur, "frameworks")
            # The checks this import adds, remembered; those already stored (compared in pass 2) or
            # added meanwhile by another import are skipped by their key.
            columns = ", ".join(SCHEMAS["attempts"])
            cur.execute(f"WITH added AS (INSERT INTO {TABLES['attempts'].name} ({columns}) SELECT {columns} "
                        f"FROM {_stage('attempts')} ORDER BY id ON CONFLICT DO NOTHING RETURNING id) "
                        f"INSERT INTO {_OURS} SELECT id FROM added RETURNING id")
            self.ours = {row[0] for row in cur.fetchall()}
            added["attempts"] = len(self.ours)
            # The staged checks are in their table now: their long result texts need not stay twice.
            cur.execute(f"TRUNCATE {_stage('attempts')}")

    def find_hubs(self, resolve: Callable[[Session], dict[tuple[str, str | None], str]]) -> None:
        """People's hubs found or added on the write connection by the helper thread, queued between two
        batches, while the pass goes on (a thousand hubs are a thousand round trips to the server)."""
        self.hub_ids = self.sender.submit(resolve, self.session)

    def wait(self) -> None:
        """Until the batch in flight is staged (its error, if any, raised here)."""
        if self.sending is not None:
            sending, self.sending = self.sending, None
            try:
                sending.result()
            except Exception:
                self._hubs_failed()
                raise

    def _hubs_failed(self) -> None:
        """The hubs' lookup queued before a batch that failed, if it failed itself, raised in the batch's
        stead: its error (a role that may not add a hub) is the cause, and the batch's "transaction is
        aborted" only its consequence."""
        if self.hub_ids is not None and self.hub_ids.done() and self.hub_ids.exception() is not None:
            hub_ids, self.hub_ids = self.hub_ids, None
            hub_ids.result()

    def done(self) -> None:
        """Until everything queued on the connection is done (errors raised here)."""
        self.wait()
        if self.hub_ids is not None:
            self.hub_ids.result()

    def abandon(self) -> None:
        """The import is failing: let the batch in flight end (its own error is a consequence)."""
        for pending in (self.sending, self.hub_ids):
            if pending is not None:
                pending.exception()
        self.sending = None
        self.hub_ids = None

    # --- after the bundle is verified and compared ---------------------------------------------------

    def summaries(self, framework_hash: str, made: Iterable[Summary]) -> set[str]:
        """The summaries on this framework version of the checks this import added, as its recompute
        made them (derived.py), by one COPY and one INSERT … SELECT; returns the checks they are for.
        (One statement per batch of 500, and a look-up of which were summarised, took over a second for
        a region's year.) Summaries of checks another import added meanwhile are that import's."""
        self.wait()
        ours, done = self.ours or set(), set()
        with self.driver.cursor() as cur:
            cur.execute(f"CREATE TEMP TABLE {_SUMMARIES} (attempt_id text, marks bytea, areas text, "
                        "needs_help boolean, gaps bytea) ON COMMIT DROP")
            with cur.copy(f"COPY {_SUMMARIES} (attempt_id, marks, areas, needs_help, gaps) FROM STDIN") \
                    as copy:
                for row in made:
                    if row[0] in ours:
                        copy.write_row(row)
                        done.add(row[0])
            # The same upsert as dashboard.save_summaries, should a summary be there already.
            cur.execute(f"INSERT INTO {CheckSummaryRow.__tablename__} (attempt_id, framework_hash, marks, "
                        f"areas, needs_help, gaps) SELECT attempt_id, %s, marks, areas, needs_help, gaps "
                        f"FROM {_SUMMARIES} ORDER BY attempt_id ON CONFLICT (attempt_id) DO UPDATE SET "
                        "framework_hash = excluded.framework_hash, marks = excluded.marks, "
                        "areas = excluded.areas, needs_help = excluded.needs_help, gaps = excluded.gaps",
                        (framework_hash,))
        return done

    def move(self, *, skip_plans: set[str], replace_plans: Iterable[str],
             moved: Callable[[str, int], None] | None = None) -> dict[str, int]:
        """Every row that is new in every table (`land` and the answers' COPY did most); returns how many
        were added per kind.

        Moves the plans and their steps, by one INSERT … SELECT each: `skip_plans` are plans whose
        database copy stays, steps and all; `replace_plans` those the bundle's later copy replaces.
        `moved(kind, added)` hears each table once it is
        done: a sync asks there whether it was cancelled, and raising stops the move inside the
        transaction, which then rolls back.
        """
        self.wait()
        added = dict(self.added)

        def done(kind: str, count: int) -> None:
            added[kind] = count
            if moved is not None:
                moved(kind, count)

        for kind in ("people", "frameworks", "attempts", "answers", "results"):
            done(kind, added[kind])
        with self.driver.cursor() as cur:
            replaced = sorted(replace_plans)
            if replaced:
                cur.execute(f"DELETE FROM {TABLES['plan_steps'].name} WHERE plan_id = ANY(%s)", (replaced,))
                cur.execute(f"UPDATE {TABLES['plans'].name} p SET attempt_id = s.attempt_id, "
                            f"updated_at = s.updated_at FROM {_stage('plans')} s "
                            "WHERE p.id = s.id AND p.id = ANY(%s)", (replaced,))
            done("plans", _insert(cur, "plans"))
            done("plan_steps", _insert(cur, "plan_steps", where="WHERE NOT (s.plan_id = ANY(%s))",
                                       params=(sorted(skip_plans),)))
        return added


def _insert(cursor: Any, kind: str, *, into: Sequence[str] = (), select: Sequence[str] = (), where: str = "",
            params: tuple[Any, ...] = (), conflict: bool = True) -> int:
    """The staged rows of a kind that are new, by one statement; returns how many went in."""
    columns = [c for c in SCHEMAS[kind] if c not in HUB_FIELDS]
    names = ", ".join(into or columns)
    chosen = ", ".join(select or [f"s.{c}" for c in columns])
    # Key order, so that two imports of the same rows take their row locks in one order.
    tail = f" ORDER BY {', '.join('s.' + k for k in KEYS[kind])} ON CONFLICT DO NOTHING" if conflict else ""
    cursor.execute(f"INSERT INTO {TABLES[kind].name} ({names}) SELECT {chosen} FROM {_stage(kind)} s "
                   f"{where}{tail}", params)
    return max(int(cursor.rowcount), 0)
