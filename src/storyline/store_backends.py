"""The two databases a Store can sit on: one SQLite file (default) or a PostgreSQL server.

:class:`storyline.store.Store` writes its queries once, with ``?`` placeholders and the SQL both
engines share; a :class:`Database` runs them and owns what differs: connecting (read-only or
not), migrations, placeholders, "insert or replace", JSON array lengths, full-text search and
how a reader notices that the data changed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from storyline.store_schema import MIGRATIONS

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
MAX_QUERY_TERMS = 12
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
SNIPPET_WORDS = 24
_QUERY_TERM = re.compile(r"\w+")
_PLACEHOLDER_OR_PERCENT = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%")


class StoreError(Exception):
    """The database cannot be used as a Storyline store."""


class Row(Protocol):
    """One result row: ``row["column"]`` and the column names."""

    def __getitem__(self, key: str) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class Cursor(Protocol):
    """The result of :meth:`Database.execute`."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """One open connection to a store's database, in its engine's dialect."""

    display: str
    conn: Any

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with ``?`` placeholders."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a query read a batch at a time (large tables, exports)."""

    def transaction(self) -> AbstractContextManager[None]:
        """A transaction: committed when the block ends, rolled back on an exception."""

    def upsert_sql(self, table: str, columns: Sequence[str], key: str) -> str:
        """An INSERT that replaces the row with the same ``key``."""

    def json_length(self, column: str) -> str:
        """An SQL expression: the length of the JSON array stored as text in ``column``."""

    def search(self, query: str, limit: int) -> list[Row]:
        """Best full-text matches (kind, ref, article_id, start_offset, end_offset, title, snip)."""

    def close(self) -> None:
        """Close the connection."""


def is_postgres_location(location: str | Path) -> bool:
    """Whether a store location is a PostgreSQL URL rather than a SQLite file path."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def display_location(location: str | Path) -> str:
    """The location as it may be printed: a URL's password replaced by ``***``."""
    if not is_postgres_location(location):
        return str(location)
    parts = urlsplit(str(location))
    netloc = parts.netloc
    if "@" in netloc:
        user_info, host = netloc.rsplit("@", 1)
        if ":" in user_info:
            netloc = f"{user_info.split(':', 1)[0]}:***@{host}"
    query = urlencode([(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query)])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def open_database(location: str | Path, read_only: bool = False) -> Database:
    """Connect to the store at ``location`` (a PostgreSQL URL or a SQLite path), migrating unless read-only."""
    if is_postgres_location(location):
        return PostgresDatabase(str(location), read_only)
    return SQLiteDatabase(Path(location), read_only)


def change_key(location: str | Path) -> Hashable:
    """A value that changes whenever the store's data changes (cheap enough to check per request)."""
    if is_postgres_location(location):
        database = PostgresDatabase(str(location), read_only=True)
        try:
            return ("postgres", database.generation())
        finally:
            database.close()
    path = Path(location)
    return (_file_state(path), _file_state(path.with_name(path.name + "-wal")))


def _file_state(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def query_terms(query: str) -> list[str]:
    """The words of a free-text query (at most :data:`MAX_QUERY_TERMS`); never any operator."""
    return _QUERY_TERM.findall(query)[:MAX_QUERY_TERMS]


def match_expression(query: str) -> str:
    """A safe FTS5 expression for free text: every word must occur, the last one as a prefix."""
    terms = query_terms(query)
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def tsquery_text(query: str) -> str:
    """A safe ``to_tsquery`` input for free text: every word must occur, the last one as a prefix."""
    terms = query_terms(query)
    if not terms:
        return ""
    return " & ".join(terms[:-1] + [f"{terms[-1]}:*"])


class SQLiteDatabase:
    """A store in one SQLite file (WAL mode; ``mode=ro`` URI when read-only)."""

    def __init__(self, path: Path, read_only: bool) -> None:
        self.path = path
        self.display = str(path)
        try:
            self.conn = self._connect(read_only)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path} is not a usable SQLite database: {error}") from error

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        if read_only:
            if not self.path.exists():
                raise StoreError(f"no Storyline database at {self.path}; run `storyline build` first")
            conn = sqlite3.connect(f"file:{self.path.resolve()}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(self.path)
            conn.execute("PRAGMA journal_mode=WAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if not read_only:
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                with conn:
                    conn.executescript(f"BEGIN; {script}; PRAGMA user_version={number}; COMMIT;")
        elif version != len(MIGRATIONS):
            conn.close()
            raise StoreError(f"{self.path} is not a Storyline database of this version")
        return conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with ``?`` placeholders."""
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""
        self.conn.executemany(sql, rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a query, stepped one at a time by SQLite."""
        yield from self.conn.execute(sql, params)

    def transaction(self) -> AbstractContextManager[None]:
        """A transaction: committed when the block ends, rolled back on an exception."""
        return _sqlite_transaction(self.conn)

    def upsert_sql(self, table: str, columns: Sequence[str], key: str) -> str:
        """``INSERT OR REPLACE``."""
        return f"INSERT OR REPLACE INTO {table}({_names(columns)}) VALUES ({_marks(columns)})"

    def json_length(self, column: str) -> str:
        """``json_array_length`` over the JSON text."""
        return f"json_array_length({column})"

    def search(self, query: str, limit: int) -> list[Row]:
        """FTS5 matches ranked by bm25, with a marked snippet of the body."""
        expression = match_expression(query)
        if not expression:
            return []
        sql = (
            "SELECT kind, ref, article_id, start_offset, end_offset, title,"
            f" snippet(search_index, 6, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', {SNIPPET_WORDS}) AS snip"
            " FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ?"
        )
        return list(self.conn.execute(sql, (expression, limit)).fetchall())

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


@contextmanager
def _sqlite_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    with conn:
        yield


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _marks(columns: Sequence[str]) -> str:
    return ", ".join("?" for _ in columns)


@lru_cache(maxsize=256)
def to_format_placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` and literal ``%`` doubled; quoted text is left alone."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _PLACEHOLDER_OR_PERCENT.sub(replace, sql)



class PostgresDatabase:
    """A store in a PostgreSQL database (psycopg 3, autocommit outside explicit transactions).

    Read-only connections set ``read_only`` and the session's default transaction mode, so every
    statement on them refuses writes. Write transactions bump a generation counter that readers
    use to notice changes (:func:`change_key`).
    """

    def __init__(self, url: str, read_only: bool) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.display = display_location(url)
        self.read_only = read_only
        try:
            self.conn: Any = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to {self.display}: {_first_line(error)}") from error
        try:
            self._prepare(read_only)
        except BaseException:
            self.conn.close()
            raise

    def _prepare(self, read_only: bool) -> None:
        import psycopg

        from storyline.store_schema_postgres import migrate, schema_version

        try:
            if read_only:
                self.conn.read_only = True
                self.conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                version = schema_version(self.conn)
            else:
                version = migrate(self.conn)
        except psycopg.Error as error:
            raise StoreError(f"{self.display} cannot be used as a Storyline store: {_first_line(error)}") from error
        _check_version(self.display, version)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with ``?`` placeholders."""
        cursor: Cursor = self.conn.execute(to_format_placeholders(sql), tuple(params))
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row (pipelined by psycopg)."""
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(to_format_placeholders(sql), rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows through a server-side cursor, fetched a batch at a time."""
        with self.conn.cursor(name=f"storyline_{id(self)}_{next(_CURSOR_NUMBERS)}", withhold=True) as cursor:
            cursor.itersize = 8  # small: streamed rows can hold whole article texts (exports)
            cursor.execute(to_format_placeholders(sql), tuple(params))
            yield from cursor

    def transaction(self) -> AbstractContextManager[None]:
        """A transaction that also bumps the store's generation (see :func:`change_key`)."""
        return _postgres_transaction(self.conn)

    def upsert_sql(self, table: str, columns: Sequence[str], key: str) -> str:
        """``INSERT ... ON CONFLICT (key) DO UPDATE`` of every other column."""
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c != key) or f'"{key}" = EXCLUDED."{key}"'
        return (
            f"INSERT INTO {table}({_names(columns)}) VALUES ({_marks(columns)})"
            f' ON CONFLICT ("{key}") DO UPDATE SET {updates}'
        )

    def json_length(self, column: str) -> str:
        """``json_array_length`` over the JSON text cast to ``json``."""
        return f"json_array_length({column}::json)"

    def search(self, query: str, limit: int) -> list[Row]:
        """tsvector matches ranked by ``ts_rank_cd``, with a ``ts_headline`` snippet of the body."""
        text = tsquery_text(query)
        if not text:
            return []
        options = (
            f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=8,"
            " ShortWord=2"
        )
        sql = (
            "SELECT kind, ref, article_id, start_offset, end_offset, title,"
            " ts_headline('english', body, q, ?) AS snip"
            " FROM (SELECT s.*, q, ts_rank_cd(s.document, q) AS rank"
            "       FROM search_index s, to_tsquery('english', ?) AS q"
            "       WHERE s.document @@ q ORDER BY rank DESC, s.rowid LIMIT ?) AS best"
            " ORDER BY rank DESC, rowid"
        )
        return list(self.execute(sql, (options, text, limit)).fetchall())

    def generation(self) -> int:
        """How many write transactions the store has committed."""
        row = self.conn.execute("SELECT generation FROM storyline_version").fetchone()
        return int(row["generation"]) if row else 0

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


_CURSOR_NUMBERS = iter(range(1, 1 << 62))


@contextmanager
def _postgres_transaction(conn: Any) -> Iterator[None]:
    with conn.transaction():
        yield
        conn.execute("UPDATE storyline_version SET generation = generation + 1")


def _check_version(display: str, version: int | None) -> None:
    from storyline.store_schema_postgres import MIGRATIONS as POSTGRES_MIGRATIONS

    if version is None:
        raise StoreError(f"no Storyline database at {display}; run `storyline build` first")
    if version != len(POSTGRES_MIGRATIONS):
        raise StoreError(f"{display} is not a Storyline database of this version")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
