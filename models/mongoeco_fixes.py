"""Corrections of mongoeco 4.11.0's SQLite engine, applied by the embedded database process
(models/embedded.py) before it builds the engine; docs/mongoeco-sqlite.md is the write-up, fit for
an upstream report. As released, the engine's cost per request grows with the collection:

- writes: each insert looks for an equal _id by decoding the whole collection; a unique index on a
  number or on several fields is checked by decoding it again, after a SQL scan for arrays in each
  of its fields; a batch insert decodes the collection once per batch; the wire's insert command
  runs one transaction per document; every SQLite expression index covers every collection's rows;
- reads: filters are translated to JSON functions evaluated on every row of the collection, never
  to the expression indexes mongoeco keeps (nor sorts to their order), after scans for arrays and
  tagged values that every write invalidates; count_documents decodes each match; $lookup decodes
  the whole joined collection;
- and each write records its change in an outbox and hands it to a change-stream hub, neither of
  which the wire server ever serves;
- a document written is checked once per level of nesting (each dict and list checks its whole
  subtree again, a number by building a wrapper object), and $addToSet compares the new value with
  each element through the full BSON comparison: a rollup with a few hundred customer ids took ~8 ms
  to update; every value of an answer goes through some twenty isinstance checks on its way to the
  wire, and every stored document holding a date asks inspect.signature how to decode it; a find with a
  projection deep-copies each kept value of a document just decoded, then walks the result to
  estimate its size (a sealed day of the Boss radar: ~1 ms a document); and every find of more than
  one document opens a SQLite connection of its own (setting WAL mode, parsing the schema with its
  hundreds of expression indexes, loading the index catalogue) and closes it after;
- listing the collections (which every createIndexes does) reads every document's row;
- an update's before and after images are deep-copied four more times after the engine copied them;
- each command draws two operation ids from os.urandom (uuid4);
- each value of an answer is made public by a call of its own (one per container will do), and then
  walked again on its way to the wire;
- every start rebuilds the scalar index entries of every indexed collection from its documents
  (decoding all of them: a restart took 24 s at a million access logs), though every write keeps them;
- and every call into SQLite is handed to a pool of worker threads that then take turns on the
  engine's one lock: a thread hop (and the GIL handed over and back) per call, a fifth of a command.

Here the same questions are asked of the indexes: the `documents` table's primary key (storage
keys) for _id, the expression indexes for unique keys and for filters of equalities on an index's
leading fields (a range on the next, a sort on the following ones). A few index seeks first prove
that no value there is stored in a form the index would misplace (arrays, tagged numbers, mixed
sort types); otherwise, and for anything else, the engine's own code runs unchanged. Equality is
decided as the engine decides it; the indexes only narrow and order the candidates.
"""

import contextvars
import copy
import datetime
import decimal
import importlib.metadata
import itertools
import json
import math
import os
import sqlite3
import sys
import threading
from contextlib import closing
from types import SimpleNamespace

import orjson
from bson import Decimal128, Int64
from mongoeco._types._bson_objectid import OBJECT_ID_TYPES
from mongoeco._types.concerns import CodecOptions
from mongoeco._types.indexes import is_ordered_index_spec
from mongoeco.api._async import _database_admin_write_commands as write_commands
from mongoeco.api._async import collection as collection_module
from mongoeco.api._async.aggregation_cursor import AsyncAggregationCursor
from mongoeco.api._async.collection import AsyncCollection
from mongoeco.api.operations import compile_find_operation
from mongoeco.compat import MONGODB_DIALECT_70
from mongoeco.core import operation_context as operation_context_module
from mongoeco.core import operators, update_array_operators, update_scalar_operators, upserts
from mongoeco.core.aggregation.planning import split_pushdown_pipeline
from mongoeco.core.bson_ordering import bson_equality_key
from mongoeco.core.bson_scalars import (
    INT64_MAX,
    INT64_MIN,
    BsonDecimal128,
    BsonDouble,
    BsonInt32,
    BsonInt64,
    BsonScalarOverflowError,
    is_bson_numeric,
    validate_bson_value,
)
from mongoeco.core.codec import DocumentCodec
from mongoeco.core.filtering import QueryEngine
from mongoeco.core.identity import canonical_document_id
from mongoeco.core.operation_context import ChangePublicationPolicy
from mongoeco.core.paths import get_document_value
from mongoeco.core.query_plan import (
    AndCondition,
    EqualsCondition,
    GreaterThanCondition,
    GreaterThanOrEqualCondition,
    InCondition,
    LessThanCondition,
    LessThanOrEqualCondition,
    NotEqualsCondition,
)
from mongoeco.engines import (
    SQLiteEngine,
    _active_operations,
    _sqlite_admin_runtime,
    _sqlite_modify_ops,
    _sqlite_write_ops,
    results,
)
from mongoeco.engines import sqlite as sqlite_engine
from mongoeco.engines._sqlite_connection import SQLiteConnection, sqlite_read_scope
from mongoeco.engines._sqlite_reader import SQLiteScanReader, _serialized_document_size_estimate
from mongoeco.engines.adapter import EngineSpiAdapter
from mongoeco.engines.semantic_core import compile_find_semantics
from mongoeco.engines.sqlite_planner import SQLiteReadExecutionPlan
from mongoeco.engines.sqlite_query import (
    index_expressions_sql,
    json_path_for_field,
    translate_query_plan,
    translate_sort_spec,
)
from mongoeco.engines.virtual_indexes import document_in_virtual_index
from mongoeco.errors import BulkWriteError
from mongoeco.types import WriteCommandResult, WriteErrorEntry
from mongoeco.wire import bson_bridge, protocol

MONGOECO_VERSION = "4.11.0"
# How the expression indexes store numbers: untagged, or tagged with one of these types, the value is
# a JSON number (SQLite compares 1 and 1.0 as equal). Decimal128 is stored as text, with many
# spellings of one number: every Decimal128 key of the field is a candidate.
NUMBER_TAGS = ("", "int32", "int64", "double")
DECIMAL_TAGS = ("decimal128", "decimal128_public")
# Types an _id may be stored as with many spellings of one number: their storage keys are ranged over.
DECIMAL_KINDS = (Decimal128("0"), BsonDecimal128(decimal.Decimal(0)), decimal.Decimal(0))
# An array's JSON text starts with "[": the index's value column holds it between "[" and "\\".
ARRAY_TEXT = ("[", "\\")
# A narrowed expression index holds the rows of which this is the collection's name ("/" is not allowed
# in database names). Written as an expression, never as db_name = ?, so that only a query naming the
# collection in this very form can use the index: the engine's own queries bind the namespace as
# parameters, and SQLite 3.40 then sometimes chose another collection's narrowed index.
NAMESPACE_TERM = "(db_name || '/' || coll_name)"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def namespace_sql(db_name: str, coll_name: str) -> str:
    """The WHERE terms of one collection's rows: as columns, for the primary key and the indexes' leading
    columns, and as the term each narrowed expression index is made with (see narrow_indexes)."""
    return (f"db_name = {_literal(db_name)} AND coll_name = {_literal(coll_name)}"
            f" AND {NAMESPACE_TERM} = {_literal(f'{db_name}/{coll_name}')}")


def storage_key(value) -> str:
    """SQLiteEngine._storage_key, without an engine at hand."""
    return repr(canonical_document_id(value))


# ----- _id ----------------------------------------------------------------------------------------
def _id_forms(value, held: frozenset | None = None) -> list | None:
    """Every form in which the engine may have stored an _id equal to value (one storage key each;
    Decimal128 aside), or None when they cannot be listed. held: the number types the collection's
    _ids are stored as (number_kinds_held), when known: the forms of the others are left out."""
    if type(value) is str:
        return [value]
    if isinstance(value, OBJECT_ID_TYPES):
        return [kind(str(value)) for kind in OBJECT_ID_TYPES]
    if type(value) is int and -2**63 <= value < 2**63:  # the usual case, without Decimal arithmetic
        exact = int(float(value)) == value
        makers = ((int, lambda: [value]), (Int64, lambda: [Int64(value)]), (BsonInt64, lambda: [BsonInt64(value)]),
                  (BsonInt32, lambda: [BsonInt32(value)] if -2**31 <= value < 2**31 else []),
                  (float, lambda: [float(value), *([-0.0] if value == 0 else [])] if exact else []),
                  (BsonDouble, lambda: [BsonDouble(float(value)), *([BsonDouble(-0.0)] if value == 0 else [])]
                   if exact else []))
        return [form for kind, make in makers if held is None or kind in held for form in make()]
    if isinstance(value, bool) or not is_bson_numeric(value):
        return None
    key = bson_equality_key(value)
    number = key[1]
    forms = [value]
    if isinstance(number, str):  # nan, +inf, -inf
        forms += [float(number), BsonDouble(float(number))]
    else:
        if number == number.to_integral_value():
            integer = int(number)
            forms += [integer, Int64(integer)]
            for kind in (BsonInt32, BsonInt64):
                try:
                    forms.append(kind(integer))
                except OverflowError:
                    pass
        floating = float(number)
        forms += [floating, BsonDouble(floating), -floating, BsonDouble(-floating)]
    return [form for form in forms if bson_equality_key(form) == key
            and (held is None or type(form) not in NUMBER_KINDS or type(form) in held)]


def _key_range(kind: type) -> tuple[str, str]:
    """The storage keys of the _ids of this type lie in [prefix, bound) (a key is repr((type, value)))."""
    prefix = f"({kind!r}, "
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


# The number types an _id may be stored as (the forms _id_forms lists), with the range of their keys.
NUMBER_KINDS = {kind: _key_range(kind) for kind in (int, Int64, BsonInt64, BsonInt32, float, BsonDouble)}


def _holds_keys(conn, db_name: str, coll_name: str, low: str, high: str) -> bool:
    """Whether the collection stores a document under a key in [low, high): one seek of the primary key."""
    return conn.execute("SELECT 1 FROM documents WHERE db_name = ? AND coll_name = ? AND storage_key >= ?"
                        " AND storage_key < ? LIMIT 1", (db_name, coll_name, low, high)).fetchone() is not None


def number_kinds_held(conn, db_name: str, coll_name: str) -> frozenset:
    """The number types among the collection's _ids, an index seek each: a collection of int _ids
    is asked for 500 customers by 500 keys, not by the 3,000 of every form each could take."""
    return frozenset(kind for kind, (low, high) in NUMBER_KINDS.items()
                     if _holds_keys(conn, db_name, coll_name, low, high))


def _id_keys(conn, db_name: str, coll_name: str, values) -> list[str] | None:
    """The storage keys of every form in which an _id equal to one of values may be stored (of the
    number types the collection holds), sorted; None when a value's forms cannot be listed."""
    held = number_kinds_held(conn, db_name, coll_name) if any(is_bson_numeric(value) for value in values) else None
    keys = set()
    for value in values:
        forms = _id_forms(value, held)
        if forms is None:
            return None
        keys.update(storage_key(form) for form in forms)
    return sorted(keys)


def _decimal_ranges() -> list[tuple[str, str]]:
    """The storage keys of each Decimal128 kind lie in [prefix, bound)."""
    ranges = []
    for kind in DECIMAL_KINDS:
        prefix = storage_key(kind).split(", ", 1)[0] + ", "
        ranges.append((prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))
    return ranges


DECIMAL_RANGES = _decimal_ranges()


def _stored_ids(conn, deserialize, db_name: str, coll_name: str, values: list) -> list[tuple[str, dict]] | None:
    """(storage key, document) of the documents whose _id may equal one of values: by the storage keys
    of their forms, and any Decimal128 _id; None when a value's forms cannot be listed."""
    keys = _id_keys(conn, db_name, coll_name, values)
    if keys is None:
        return None
    found = []
    for first in range(0, len(keys), 900):
        chunk = keys[first:first + 900]
        found += conn.execute(f"SELECT storage_key, document FROM documents WHERE db_name = ? AND coll_name = ?"
                              f" AND storage_key IN ({', '.join('?' * len(chunk))})",
                              (db_name, coll_name, *chunk)).fetchall()
    if any(is_bson_numeric(value) for value in values):
        for low, high in DECIMAL_RANGES:
            found += conn.execute("SELECT storage_key, document FROM documents WHERE db_name = ? AND coll_name = ?"
                                  " AND storage_key >= ? AND storage_key < ?",
                                  (db_name, coll_name, low, high)).fetchall()
    return [(key, deserialize(payload)) for key, payload in found]


def id_taken(conn, deserialize, db_name: str, coll_name: str, value, exclude: str | None) -> bool | None:
    """Whether a document other than the one stored under `exclude` has an _id equal to value (BSON
    equality, as the engine's scan checks it); None when that takes the engine's scan."""
    stored = _stored_ids(conn, deserialize, db_name, coll_name, [value])
    if stored is None:
        return None
    wanted = bson_equality_key(value)
    return any(key != exclude and "_id" in document and bson_equality_key(document["_id"]) == wanted
               for key, document in stored)


class TakenIds:
    """What the engine's batch insert asks of `_batch_id_equality_keys`: is this _id (its equality
    key) taken, by the collection or by the batch so far? The batch's numeric _ids are looked up by
    storage key, together, instead of a set built by decoding the whole collection."""

    def __init__(self, conn, db_name: str, coll_name: str, documents: list, deserialize):
        self.conn, self.db_name, self.coll_name, self.deserialize = conn, db_name, coll_name, deserialize
        self.documents = documents
        self.added: set = set()
        self.scanned: set | None = None
        numbers = [document["_id"] for document in documents if is_bson_numeric(document.get("_id"))]
        stored = _stored_ids(conn, deserialize, db_name, coll_name, numbers)
        self.numbers = None if stored is None else {bson_equality_key(document["_id"]) for _, document in stored
                                                    if "_id" in document}

    def __contains__(self, key) -> bool:
        if key in self.added:
            return True
        if key[0] == "number" and self.numbers is not None:
            return key in self.numbers
        if self.scanned is None:  # not a number: the engine's own set
            self.scanned = AS_RELEASED["batch_ids"](self.conn, self.db_name, self.coll_name, self.documents,
                                                    self.deserialize) or set()
        return key in self.scanned

    def add(self, key) -> None:
        self.added.add(key)


def batch_ids(conn, db_name, coll_name, documents, deserialize):
    released = AS_RELEASED["batch_ids"]
    if not any(is_bson_numeric(document.get("_id")) for document in documents):
        return released(conn, db_name, coll_name, documents, deserialize)
    return TakenIds(conn, db_name, coll_name, documents, deserialize)


# ----- unique indexes -----------------------------------------------------------------------------
def _plain(value) -> bool:
    """A key value the expression index stores in one form."""
    return value is None or type(value) in (bool, str)


def _number(value) -> bool:
    return (type(value) in (int, float, Int64, BsonInt32, BsonInt64, BsonDouble)
            and bson_equality_key(value)[1] not in ("nan", "+inf", "-inf"))


def served(index, document) -> bool:
    """Whether index_key_taken answers for this unique index and document."""
    if not index.get("physical_name") or not is_ordered_index_spec(index["key"]) or index.get("collation"):
        return False
    for field in index["fields"]:
        found, value = get_document_value(document, field)
        if "." in field or (found and not (_plain(value) or _number(value))):
            return False
    return True


def _arms(conn, field: str, document: dict, serialized: str) -> list[tuple[str, list]]:
    """The SQL alternatives under which a document holding an equal key may sit in the index's columns
    of field: the equal value's stored forms, any Decimal128 (numbers), any array."""
    type_sql, value_sql = index_expressions_sql(field)
    found, value = get_document_value(document, field)
    arms = [(f"{type_sql} = '' AND {value_sql} >= ? AND {value_sql} < ?", list(ARRAY_TEXT))]
    if found and _number(value):
        number = value.value if isinstance(value, BsonInt32 | BsonInt64 | BsonDouble) else value
        arms += [(f"{type_sql} IN ({', '.join('?' * len(NUMBER_TAGS))}) AND {value_sql} = ?",
                  [*NUMBER_TAGS, float(number) if isinstance(number, float) else int(number)]),
                 (f"{type_sql} IN ({', '.join('?' * len(DECIMAL_TAGS))})", list(DECIMAL_TAGS))]
    else:  # stored in one form: SQLite computes it from the document itself
        stored = conn.execute(f"SELECT {type_sql}, {value_sql} FROM (SELECT ? AS document)", (serialized,)).fetchone()
        arms.append((f"{type_sql} = ? AND {value_sql} IS ?", list(stored)))
    return arms


def _conflict(engine, document: dict, existing: dict, index) -> bool:
    """The engine's two ways of comparing keys: whole keys by BSON equality (its scan of scalar keys),
    and element by element (its scan of array keys)."""
    if not document_in_virtual_index(existing, index):
        return False
    fields = index["fields"]
    if tuple(engine._index_value(existing, f) for f in fields) == tuple(engine._index_value(document, f)
                                                                       for f in fields):
        return True
    return engine._unique_index_conflict(document, existing, index) is not None


def index_key_taken(engine, conn, collection_id, index, document, exclude: str | None) -> bool:
    """Whether another document holds document's key of a unique index (served() said yes), found
    through the index's SQLite expression index: one query, each field's alternatives combined."""
    names = conn.execute("SELECT db_name, coll_name FROM collections WHERE collection_id = ?",
                         (collection_id,)).fetchone()
    if names is None:
        return False
    serialized = engine._serialize_document(document)
    physical = engine._quote_identifier(index["physical_name"])
    selects, params = [], []
    for choice in itertools.product(*(_arms(conn, field, document, serialized) for field in index["fields"])):
        selects.append(f"SELECT storage_key, document FROM documents INDEXED BY {physical}"
                       f" WHERE {namespace_sql(*names)} AND {' AND '.join(sql for sql, _ in choice)}")
        params += [param for _, values in choice for param in values]
    try:
        rows = conn.execute(" UNION ALL ".join(selects), params).fetchall()
    except sqlite3.OperationalError:  # SQLite cannot use the expression index here: read them all
        rows = conn.execute("SELECT storage_key, document FROM documents WHERE db_name = ? AND coll_name = ?",
                            names).fetchall()
    return any(key != exclude and _conflict(engine, document, engine._deserialize_document(payload), index)
               for key, payload in rows)


# ----- reads: equality prefixes served by the expression indexes --------------------------------
RANGES = {GreaterThanCondition: ">", GreaterThanOrEqualCondition: ">=", LessThanCondition: "<",
          LessThanOrEqualCondition: "<="}


def _keyable(value) -> bool:
    """An equality value with one stored form (numbers: untagged JSON numbers)."""
    return value is None or type(value) in (bool, str, datetime.datetime) or (
        type(value) in (int, float) and math.isfinite(value) and -2**63 <= value < 2**63)


def _conditions(plan) -> list[tuple[str, str, object]] | None:
    """The filter as (field, operator, value) on top-level fields: "=", "in" (of numbers or of strings), a
    range operator or "<>" (not null), or None."""
    clauses = plan.clauses if isinstance(plan, AndCondition) else (plan,)
    found = []
    for clause in clauses:
        if isinstance(clause, AndCondition):
            nested = _conditions(clause)
            if nested is None:
                return None
            found += nested
            continue
        field = getattr(clause, "field", None)
        if not isinstance(field, str) or "." in field or "$" in field or field == "_id":
            return None
        if type(clause) is EqualsCondition and not clause.null_matches_undefined and _keyable(clause.value):
            found.append((field, "=", clause.value))
        elif type(clause) is NotEqualsCondition and clause.value is None:
            found.append((field, "<>", None))
        elif type(clause) is InCondition and not clause.null_matches_undefined and clause.values and (
                all(type(value) is str for value in clause.values)
                or all(type(value) in (int, float) and _keyable(value) for value in clause.values)):
            found.append((field, "in", tuple(clause.values)))
        elif type(clause) in RANGES and clause.value is not None and type(clause.value) is not bool \
                and _keyable(clause.value):
            found.append((field, RANGES[type(clause)], clause.value))
        else:
            return None
    return found


def _answered_by_index(condition) -> bool:
    """Whether the index's columns alone decide the condition (so SQLite need not read the documents):
    equal to a date, to null, to a number other than 0 and 1 (a JSON boolean is stored as 1 or 0) or to a
    string that no array or object's JSON text can equal; a range of dates. Arrays and tagged numbers were
    ruled out by the seeks."""
    _field, op, value = condition
    if type(value) is datetime.datetime:
        return op != "<>"
    if op not in ("=", "in"):
        return False
    return all(item is None or (type(item) in (int, float) and item not in (0, 1))
               or (type(item) is str and item[:1] not in ("[", "{")) for item in (value if op == "in" else [value]))


class IndexPlanner:
    """An exact SQL plan for a filter of equalities on the leading fields of an ordered index (its
    SQLite expression index), at most one range on the next field, a sort on the fields after them
    (a trailing _id breaks ties) and a window: the index narrows and orders, the engine's own SQL
    translation of the whole filter still decides each row. Before trusting the index, a few seeks
    within the equality prefix make sure no value there is stored in another form (tagged numbers,
    arrays) and that the sort fields' values sort in the index as they sort in MongoDB."""

    def __init__(self, engine, conn, db_name: str, coll_name: str, semantics):
        self.engine, self.conn = engine, conn
        self.db_name, self.coll_name, self.semantics = db_name, coll_name, semantics

    def stored(self, field: str, value) -> tuple:
        """(type, value) the index holds for a document whose field is value."""
        type_sql, value_sql = index_expressions_sql(field)
        serialized = self.engine._serialize_document({field: value})
        return self.conn.execute(f"SELECT {type_sql}, {value_sql} FROM (SELECT ? AS document)",
                                 (serialized,)).fetchone()

    def rows_under(self, where: str, params: list, bound: int = 1000) -> int:
        sql = (f"SELECT COUNT(*) FROM (SELECT 1 FROM documents INDEXED BY {self.physical}"
               f" WHERE {namespace_sql(self.db_name, self.coll_name)} AND {where} LIMIT {bound})")
        return self.conn.execute(sql, params).fetchone()[0]

    def exists(self, where: str, params: list) -> bool:
        sql = (f"SELECT 1 FROM documents INDEXED BY {self.physical}"
               f" WHERE {namespace_sql(self.db_name, self.coll_name)} AND {where} LIMIT 1")
        return self.conn.execute(sql, params).fetchone() is not None

    def plan(self, select_clause: str):
        semantics = self.semantics
        if (semantics.collation is not None or semantics.hint is not None or semantics.text_query is not None
                or self.engine._dialect_requires_python_fallback(semantics.dialect)):
            return None
        by_id = self.by_id(select_clause)
        if by_id is not None:
            return by_id
        conditions = _conditions(semantics.query_plan)
        if not conditions:
            return None
        sort = list(semantics.sort or ())
        tie = sort[-1] if sort and sort[-1][0] == "_id" else None
        if tie:
            sort = sort[:-1]
        options, candidates = self.choose(conditions, sort), []
        for index, equal, ranged, others in options:
            self.physical = self.engine._quote_identifier(index["physical_name"])
            where, params = self.prefix(equal)
            if where is not None:
                candidates.append((self.rows_under(where, params) if len(options) > 1 else 0, index, where, params,
                                   ranged, others))
        if not candidates:
            return None
        # Indexes as good on paper: the one whose prefix holds the fewest rows (counted up to a bound).
        _rows, index, where, params, ranged, others = min(candidates, key=lambda c: c[0])
        self.physical = self.engine._quote_identifier(index["physical_name"])
        if ranged:
            clause = self.range(ranged, where, params)
            if clause is None:
                return None
            where, params = f"{where} AND {clause[0]}", [*params, *clause[1]]
        if not all(self.sorts_like_mongodb(field, where, params) for field, _direction in sort):
            return None
        # Equalities the index does not hold are the engine's translation's to decide: on plain values
        # only, which these rows are made sure to hold.
        if any(self.exists(f"{where} AND json_type(document, {_literal(json_path_for_field(field))})"
                           " IN ('array', 'object')", params) for field in others):
            return None
        exact_sql, exact_params = ("1 = 1", []) if not others and all(map(_answered_by_index, conditions)) else \
            translate_query_plan(semantics.query_plan)
        order = []
        for field, direction in sort:
            type_sql, value_sql = index_expressions_sql(field)
            word = "ASC" if direction == 1 else "DESC"
            order += [f"{type_sql} {word}", f"{value_sql} {word}"]
        if tie:
            order.append(translate_sort_spec([tie]).removeprefix(" ORDER BY "))
        sql = (f"SELECT {select_clause} FROM documents INDEXED BY {self.physical}"
               f" WHERE {namespace_sql(self.db_name, self.coll_name)} AND {where} AND ({exact_sql})")
        params = [*params, *exact_params]
        if order:
            sql += " ORDER BY " + ", ".join(order)
        if semantics.limit is not None:
            sql += " LIMIT ?"
            params.append(semantics.limit)
        elif semantics.skip:
            sql += " LIMIT -1"
        if semantics.skip:
            sql += " OFFSET ?"
            params.append(semantics.skip)
        return SQLiteReadExecutionPlan(semantics=semantics, strategy="sql", execution_lineage=(), physical_plan=(),
                                       use_sql=True, sql=sql, params=tuple(params))

    def by_id(self, select_clause: str):
        """Documents by _id alone (an equality or $in, unsorted): read by storage key, each equal _id's
        stored forms (a Decimal128 _id has many: when the collection holds one, the engine decides)."""
        plan = self.semantics.query_plan
        if getattr(plan, "field", None) != "_id" or type(plan) not in (EqualsCondition, InCondition) \
                or self.semantics.sort:
            return None
        values = (plan.value,) if type(plan) is EqualsCondition else plan.values
        if any(is_bson_numeric(value) for value in values) and any(
                _holds_keys(self.conn, self.db_name, self.coll_name, low, high) for low, high in DECIMAL_RANGES):
            return None
        keys = _id_keys(self.conn, self.db_name, self.coll_name, values) if values else None
        if keys is None:
            return None
        sql = (f"SELECT {select_clause} FROM documents WHERE db_name = ? AND coll_name = ?"
               f" AND storage_key IN ({', '.join('?' * len(keys))})")
        params = [self.db_name, self.coll_name, *keys]
        if self.semantics.limit is not None:
            sql += " LIMIT ?"
            params.append(self.semantics.limit)
        elif self.semantics.skip:
            sql += " LIMIT -1"
        if self.semantics.skip:
            sql += " OFFSET ?"
            params.append(self.semantics.skip)
        return SQLiteReadExecutionPlan(semantics=self.semantics, strategy="sql", execution_lineage=(),
                                       physical_plan=(), use_sql=True, sql=sql, params=tuple(params))

    def choose(self, conditions, sort):
        """[(index, its leading equalities in index order, the range, the other equalities)] of the indexes
        whose leading fields hold the most equality fields, followed by the range's field and then the
        sort fields, directions all as the index's or all reversed (shortest first)."""
        equal = {field: (op, value) for field, op, value in conditions if op in ("=", "in")}
        ranges = [(field, op, value) for field, op, value in conditions if op not in ("=", "in")]
        if len(equal) != sum(op in ("=", "in") for _, op, _ in conditions) or len({f for f, _, _ in ranges}) > 1:
            return []
        usable = []
        for index in self.engine._load_indexes(self.db_name, self.coll_name):
            if not index.get("physical_name") or not is_ordered_index_spec(index["key"]) or index.get("collation"):
                continue
            keys = list(index["key"])
            fields = [field for field, _ in keys]
            leading = next((n for n, field in enumerate(fields) if field not in equal), len(fields))
            rest = keys[leading:]
            if not leading or (ranges and (not rest or rest[0][0] != ranges[0][0])):
                continue
            if sort:
                if [field for field, _ in rest[:len(sort)]] != [field for field, _ in sort]:
                    continue
                turns = {direction * index_direction for (_, direction), (_, index_direction)
                         in zip(sort, rest, strict=False)}
                if len(turns) != 1:
                    continue
            usable.append((leading, -len(fields), index))
        if not usable:
            return []
        most = max(leading for leading, _, _ in usable)
        chosen = []
        for leading, _, index in sorted((u for u in usable if u[0] == most), key=lambda u: -u[1]):
            order = [field for field, _ in index["key"]][:leading]
            chosen.append((index, [(field, equal[field]) for field in order], ranges,
                           [f for f in equal if f not in order]))
        return chosen

    def prefix(self, equal) -> tuple[str | None, list]:
        """The index's equality prefix, field by field, after seeks proving every equal value there is
        stored in that one form: no array and (for numbers) no tagged value under the prefix so far. A
        field's $in is several points of the index (then rows come out of index order: SQLite sorts)."""
        where, params = "1 = 1", []
        for field, (op, value) in equal:
            values = value if op == "in" else (value,)
            type_sql, value_sql = index_expressions_sql(field)
            if self.exists(f"{where} AND {type_sql} = '' AND {value_sql} >= ? AND {value_sql} < ?",
                           [*params, *ARRAY_TEXT]):
                return None, []
            if any(type(item) in (int, float) for item in values) and self.exists(f"{where} AND {type_sql} > ''",
                                                                                    params):
                return None, []  # a tagged number (Int64, Decimal128...) may equal value
            stored = [self.stored(field, item) for item in values]
            if op == "in":
                if any(stored_type != "" for stored_type, _ in stored):
                    return None, []
                where = f"{where} AND {type_sql} = '' AND {value_sql} IN ({', '.join('?' * len(stored))})"
                params = [*params, *(stored_value for _, stored_value in stored)]
            else:
                where = f"{where} AND {type_sql} = ? AND {value_sql} IS ?"
                params = [*params, *stored[0]]
        return where, params

    def range(self, ranged, where: str, params: list) -> tuple[str, list] | None:
        """The range conditions on the field after the prefix (or its $ne: null, which the index's value
        column answers: missing and null are its only NULLs)."""
        field = ranged[0][0]
        type_sql, value_sql = index_expressions_sql(field)
        if self.exists(f"{where} AND {type_sql} = '' AND {value_sql} >= ? AND {value_sql} < ?", [*params, *ARRAY_TEXT]):
            return None
        if [op for _, op, _ in ranged] == ["<>"]:
            return f"{value_sql} IS NOT NULL", []
        if any(op == "<>" for _, op, _ in ranged):
            return None
        stored = [(op, self.stored(field, value)) for _, op, value in ranged]
        kinds = {stored_type for _, (stored_type, _) in stored}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        if kind == "" and any(type(value) in (int, float) for _, _, value in ranged) and self.exists(
                f"{where} AND {type_sql} > ''", params):
            return None
        clause, values = f"{type_sql} = ?", [kind]
        for op, (_, stored_value) in stored:
            clause += f" AND {value_sql} {op} ?"
            values.append(stored_value)
        return clause, values

    def sorts_like_mongodb(self, field: str, where: str, params: list) -> bool:
        """Whether the index orders field's values under the prefix as MongoDB orders them: one tagged
        type (dates) besides nulls, or untagged nulls, numbers and strings (no booleans, arrays or
        objects, which the index stores as numbers and JSON text)."""
        type_sql, value_sql = index_expressions_sql(field)
        path = _literal(json_path_for_field(field))
        if (self.exists(f"{where} AND {type_sql} > '' AND {type_sql} < 'datetime'", params)
                or self.exists(f"{where} AND {type_sql} > 'datetime'", params)):
            return False
        if self.exists(f"{where} AND {type_sql} = 'datetime'", params):
            return not self.exists(f"{where} AND {type_sql} = '' AND {value_sql} IS NOT NULL", params)
        return not (
            self.exists(f"{where} AND {type_sql} = '' AND {value_sql} IN (0, 1)"
                        f" AND json_type(document, {path}) IN ('true', 'false')", params)
            or self.exists(f"{where} AND {type_sql} = '' AND (({value_sql} >= '[' AND {value_sql} < '\\')"
                           f" OR ({value_sql} >= '{{' AND {value_sql} < '|'))", params))


def index_plan(engine, conn, db_name, coll_name, semantics, select_clause: str = "document"):
    """The expression index's exact plan for these semantics, or None (the engine plans as released)."""
    try:
        return IndexPlanner(engine, conn, db_name, coll_name, semantics).plan(select_clause)
    except (NotImplementedError, TypeError):  # the engine's SQL translation declines the filter
        return None


# ----- aggregations: counts and joins on _id ------------------------------------------------------
def counted_group(pipeline) -> tuple | None:
    """(filter, skip, limit, group _id, counter name) of a pipeline counting the documents of a filter
    ([$match], [$skip], [$limit], {$group: {_id: ..., <name>: {$sum: 1}}}: count_documents' own, with a
    constant _id) or counting them per value of top-level fields (_id "$field" or {key: "$field", ...},
    a key may also be a $switch of ranges of a number: _switch), after a $match alone, or None."""
    if not pipeline or list(pipeline[-1]) != ["$group"]:
        return None
    group = pipeline[-1]["$group"]
    if not isinstance(group, dict) or len(group) != 2 or "_id" not in group:
        return None
    name = next(key for key in group if key != "_id")
    key = group["_id"]
    if group[name] != {"$sum": 1} or isinstance(key, list):
        return None
    fields = _group_fields(key)
    if fields is None and (isinstance(key, dict) or (isinstance(key, str) and key.startswith("$"))):
        return None
    query, skip, limit = {}, 0, None
    for stage in pipeline[:-1]:
        (operator, spec), = stage.items()
        if operator == "$match" and not query and skip == 0 and limit is None and isinstance(spec, dict):
            query = spec
        elif operator == "$skip" and limit is None and type(spec) is int and fields is None:
            skip += spec
        elif operator == "$limit" and type(spec) is int and fields is None:
            limit = spec if limit is None else min(limit, spec)
        else:
            return None
    return query, skip, limit, key, name


SQL_COMPARISONS = {"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}


def _switch(spec) -> tuple[str, list[tuple[list, object]], object] | None:
    """(field, [(comparisons, then)], default) of a {$switch} whose cases compare one top-level field to
    numbers ({$and: [{$gte: ["$field", 10]}, ...]} or one such comparison), then and default constants."""
    if not isinstance(spec, dict) or set(spec) != {"branches", "default"} or not isinstance(spec["branches"], list):
        return None
    field, branches = None, []
    for branch in spec["branches"]:
        if not isinstance(branch, dict) or set(branch) != {"case", "then"}:
            return None
        case = branch["case"]
        tests = case.get("$and") if isinstance(case, dict) and list(case) == ["$and"] else [case]
        comparisons = []
        for test in tests if isinstance(tests, list) and tests else [None]:
            if not isinstance(test, dict) or len(test) != 1:
                return None
            (operator, operands), = test.items()
            if operator not in SQL_COMPARISONS or not isinstance(operands, list) or len(operands) != 2:
                return None
            name, bound = operands
            if not (isinstance(name, str) and name.startswith("$") and name[1:].isidentifier()) or not (
                    type(bound) in (int, float) and math.isfinite(bound)) or field not in (None, name[1:]):
                return None
            field = name[1:]
            comparisons.append((SQL_COMPARISONS[operator], bound))
        branches.append((comparisons, branch["then"]))
    constants = [then for _, then in branches] + [spec["default"]]
    if field is None or not all(value is None or type(value) is int or (type(value) is str and value[:1] != "$")
                                for value in constants):
        return None
    return field, branches, spec["default"]


def _group_fields(key) -> dict | None:
    """{output key: field, or a numeric $switch on one (_switch)} of a group _id naming top-level fields
    ("$field", or {key: "$field" or {$switch}, ...})."""
    named = {None: key} if isinstance(key, str) else key if isinstance(key, dict) and key else {}
    fields = {}
    for output, value in named.items():
        if isinstance(output, str) and (output.startswith("$") or "." in output):
            return None
        if isinstance(value, dict) and list(value) == ["$switch"] and output is not None:
            fields[output] = _switch(value["$switch"])
            if fields[output] is None:
                return None
        elif isinstance(value, str) and value.startswith("$") and value[1:].isidentifier():
            fields[output] = value[1:]
        else:
            return None
    return fields or None


def grouped_counts(engine, db_name: str, coll_name: str, semantics, fields: dict) -> list[dict] | None:
    """The documents of a filter counted per value of fields, in SQL over the index plan's rows (each
    key an integer, a string or null, which JSON and SQLite group as MongoDB does; a $switch's field a
    number, which SQLite compares as MongoDB does), or None."""
    with engine._lock:
        conn = engine._require_connection()
        with engine._bind_connection(conn), sqlite_read_scope(conn):
            plan = index_plan(engine, conn, db_name, coll_name, semantics)
            if plan is None:
                return None
            odd, keys, params = [], [], []
            for spec in fields.values():
                if isinstance(spec, str):
                    path = _literal(json_path_for_field(spec))
                    odd.append(f"json_type(document, {path}) NOT IN ('integer', 'text', 'null')")
                    keys.append(f"json_extract(document, {path})")
                    continue
                field, branches, default = spec
                path = _literal(json_path_for_field(field))
                odd.append(f"json_type(document, {path}) IS NOT 'integer'"
                           f" AND json_type(document, {path}) IS NOT 'real'")
                value = f"json_extract(document, {path})"
                cases = "".join(f" WHEN {' AND '.join(f'{value} {op} ?' for op, _ in comparisons)} THEN ?"
                                for comparisons, _ in branches)
                keys.append(f"CASE{cases} ELSE ? END")
                params += [*(item for comparisons, then in branches for item in (*(b for _, b in comparisons), then)),
                           default]
            # One pass: each group also says whether a key of another type was in it (then as released).
            columns = ", ".join(f"{key} AS k{n}" for n, key in enumerate(keys))
            grouping = ", ".join(f"k{n}" for n in range(len(keys)))
            rows = conn.execute(f"SELECT {columns}, COUNT(*), MAX({' OR '.join(odd)}) FROM ({plan.sql})"
                                f" GROUP BY {grouping}", [*params, *plan.params]).fetchall()
    if any(row[-1] for row in rows):
        return None
    return [{"_id": row[0] if None in fields else dict(zip(fields, row[:-2], strict=False)), "n": row[-2]}
            for row in rows]


async def open_batch_stream(self):
    """AsyncAggregationCursor._open_batch_stream: a count (count_documents' pipeline) or a count per
    value of fields, done by the engine in SQL instead of each matching document decoded and grouped."""
    shape = counted_group(self._effective_pipeline())
    engine = self._collection._engine
    if (shape is None or not isinstance(engine, SQLiteEngine) or self._hint is not None
            or getattr(self._let, "bindings", self._let) or self._collation is not None
            or getattr(self._session, "in_transaction", False)):
        return await AS_RELEASED["open_batch_stream"](self)
    query, skip, limit, key, name = shape
    fields = _group_fields(key)
    if fields is None:
        count = await self._collection.count_documents(query, skip=skip, limit=limit, session=self._session,
                                                       max_time_ms=self._max_time_ms)
        return self._stream_materialized_documents([{"_id": key, name: count}] if count else [])
    semantics = compile_find_semantics(query, dialect=getattr(self._collection, "mongodb_dialect", MONGODB_DIALECT_70))
    groups = await engine._run_blocking(grouped_counts, engine, self._collection._db_name,
                                        self._collection._collection_name, semantics, fields)
    if groups is None:
        return await AS_RELEASED["open_batch_stream"](self)
    return self._stream_materialized_documents([{"_id": group["_id"], name: group["n"]} for group in groups])


def joined_ids(pipeline, documents) -> dict[str, list]:
    """For a pipeline left with only $lookup stages on _id right after its leading find: the _ids each
    joined collection needs (the values of the local fields). A collection joined otherwise is absent."""
    remaining = split_pushdown_pipeline(pipeline).remaining_pipeline
    wanted: dict[str, list] = {}
    added: set[str] = set()
    for stage in remaining:
        spec = stage.get("$lookup") if isinstance(stage, dict) and len(stage) == 1 else None
        if (not isinstance(spec, dict) or set(spec) != {"from", "localField", "foreignField", "as"}
                or spec["foreignField"] != "_id" or not isinstance(spec["localField"], str)
                or "." in spec["localField"] or spec["localField"] in added or not isinstance(spec["from"], str)):
            return {}
        added.add(spec["as"])
        values = wanted.setdefault(spec["from"], [])
        for document in documents:
            found, value = get_document_value(document, spec["localField"])
            for item in (value if isinstance(value, list) else [value]) if found else [None]:
                if _id_forms(item) is None:
                    return {}
                values.append(item)
    return wanted


async def load_pushdown_source_documents(self, pipeline, *, dialect):
    """AsyncAggregationCursor._load_pushdown_source_documents, noting which foreign _ids its joins need."""
    documents = await AS_RELEASED["load_source"](self, pipeline, dialect=dialect)
    if isinstance(self._collection._engine, SQLiteEngine):
        self._joined_ids = joined_ids(self._effective_pipeline(), documents)
    return documents


async def load_collection_documents(self, collection_name):
    """AsyncAggregationCursor._load_collection_documents: a collection joined on _id loads the documents
    the join can match (by _id, in one query) instead of all of them."""
    wanted = getattr(self, "_joined_ids", {}).get(collection_name)
    if wanted is None:
        return await AS_RELEASED["load_collection"](self, collection_name)
    if not wanted:
        return []
    operation = compile_find_operation({"_id": {"$in": wanted}}, comment=self._comment, max_time_ms=self._max_time_ms,
                                       dialect=getattr(self._collection, "mongodb_dialect", MONGODB_DIALECT_70))
    return [document async for document in self._scan_collection_with_operation(collection_name, operation)]


# ----- one namespace per expression index ---------------------------------------------------------
def narrow_indexes(conn, db_name: str | None = None, coll_name: str | None = None) -> None:
    """Rebuild each ordered index's SQLite expression index over its own collection's rows (a partial
    index) instead of every row of every collection: the documents table is shared, so as released
    every insert anywhere updates (and stores) every collection's indexes."""
    sql = "SELECT db_name, coll_name, physical_name FROM indexes WHERE physical_name IS NOT NULL"
    rows = conn.execute(sql + (" AND db_name = ? AND coll_name = ?" if db_name else ""),
                        (db_name, coll_name) if db_name else ()).fetchall()
    for db, coll, physical in rows:
        found = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (physical,)).fetchone()
        if found is None or " WHERE " in found[0]:
            continue
        with conn:
            conn.execute(f'DROP INDEX "{physical}"')
            conn.execute(f"{found[0]} WHERE {NAMESPACE_TERM} = {_literal(f'{db}/{coll}')}")


# ----- the engine's methods, corrected -----------------------------------------------------------
AS_RELEASED = {}


def validate_unique(self, db_name, coll_name, document, *, exclude_storage_key=None, skip_id_check=False,
                    scan_payload_id=False):
    """_validate_document_against_unique_indexes: an update in place checks only the indexes whose
    fields it changed (changed_indexes_valid); otherwise the _id by storage keys, then the rest as
    released (whose unique indexes ask index_key_taken through the two methods below)."""
    original = getattr(_updating, "original", None)
    if (original is not None and original[0] == exclude_storage_key and not scan_payload_id
            and _same(document.get("_id", _MISSING), original[1].get("_id", _MISSING))
            and changed_indexes_valid(self, db_name, coll_name, original[1], document, exclude_storage_key)):
        return None
    if "_id" in document and not skip_id_check:
        own = storage_key(document["_id"])
        # As released: no look for an equal _id when updating a document in place, unless asked to.
        if scan_payload_id or own != exclude_storage_key:
            taken = id_taken(self._require_connection(), self._deserialize_document, db_name, coll_name,
                             document["_id"], exclude_storage_key)
            if taken is None:
                return AS_RELEASED["validate"](self, db_name, coll_name, document,
                                               exclude_storage_key=exclude_storage_key,
                                               scan_payload_id=scan_payload_id)
            if taken:
                raise self._unique_key_error(f"Duplicate key: _id={document['_id']}", f"{db_name}.{coll_name}",
                                             document)
    return AS_RELEASED["validate"](self, db_name, coll_name, document, exclude_storage_key=exclude_storage_key,
                                   skip_id_check=True)


_MISSING = object()  # a field the document does not have, before or after an update


def _same(a, b) -> bool:
    """Equal as an index key is: of the same types all through, fields in the same order (Python's ==
    takes 1, 1.0 and True for one value, and {a, b} for {b, a})."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return len(a) == len(b) and all(ka == kb and _same(va, vb)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True))
    if type(a) is list:
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _filter_roots(expression) -> set[str] | None:
    """The top-level fields a partial filter names; None for one this cannot read."""
    roots = set()
    for key, value in expression.items():
        if key in ("$and", "$or", "$nor") and isinstance(value, list):
            for part in value:
                found = _filter_roots(part) if isinstance(part, dict) else None
                if found is None:
                    return None
                roots |= found
        elif key.startswith("$"):
            return None
        else:
            roots.add(key.split(".", 1)[0])
    return roots


def _index_kept(index, original: dict, document: dict) -> bool:
    """Whether every top-level field an index reads (its key's and its partial filter's) holds the same
    value after the update as before: the document's entry, and whether it has one, are then unchanged.
    (Text and other special indexes read fields their key does not name: never kept.)"""
    if not is_ordered_index_spec(index["key"]) or index.get("weights"):
        return False
    roots = {field.split(".", 1)[0] for field in index["fields"]}
    if index.get("partial_filter_expression"):
        named = _filter_roots(index["partial_filter_expression"])
        if named is None:
            return False
        roots |= named
    return all(_same(original.get(root, _MISSING), document.get(root, _MISSING)) for root in roots)


def changed_indexes_valid(self, db_name, coll_name, original, document, exclude_storage_key) -> bool:
    """The released checks (parallel arrays, then a unique key taken by another document) of the indexes
    whose fields the update changed, the others skipped: the document passed them as it was, and their
    entries stay as they were. A relation's update changes one or two of its 19 indexes and its one
    unique key never. False (nothing concluded) when a changed unique index is not index_key_taken's."""
    changed = [index for index in self._load_indexes(db_name, coll_name) if not _index_kept(index, original, document)]
    for index in changed:
        if document_in_virtual_index(document, index):
            self._validate_compound_multikey_shape(document, index)
    conn = None
    for index in changed:
        if not index["unique"] or not document_in_virtual_index(document, index):
            continue
        if index.get("collation") is not None or not served(index, document):
            return False
        if conn is None:
            conn = self._require_connection()
            collection_id = self._lookup_collection_id(conn, db_name, coll_name)
        if index_key_taken(self, conn, collection_id, index, document, exclude_storage_key):
            key = tuple(self._index_value(document, field) for field in index["fields"])
            raise self._unique_key_error(f"Duplicate key for unique index '{index['name']}': {index['fields']}={key!r}",
                                         f"{db_name}.{coll_name}", document, index=index, conflict=None)
    return True


def uses_multikey_values(self, db_name, coll_name, document, index) -> bool:
    """_unique_index_uses_multikey_values: a served document has no array in the key, and
    index_key_taken finds the collection's arrays itself (instead of a scan for one at every write)."""
    if served(index, document):
        return False
    return AS_RELEASED["multikey"](self, db_name, coll_name, document, index)


def unique_conflict(self, conn, collection_id, index, document, *, exclude_storage_key):
    """_unique_index_conflict_via_scalar_entries: True/False from index_key_taken for a served index."""
    if collection_id is not None and served(index, document):
        return index_key_taken(self, conn, collection_id, index, document, exclude_storage_key)
    return AS_RELEASED["scalar"](self, conn, collection_id, index, document, exclude_storage_key=exclude_storage_key)


def compile_read_plan(self, db_name, coll_name, semantics, *, select_clause="document", hint=None):
    """_compile_read_execution_plan (finds, counts, aggregations' leading stages, selections)."""
    if hint is None:
        plan = index_plan(self, self._require_connection(), db_name, coll_name, semantics, select_clause)
        if plan is not None:
            return plan
    return AS_RELEASED["compile"](self, db_name, coll_name, semantics, select_clause=select_clause, hint=hint)


def plan_find(self, db_name, coll_name, semantics):
    """_plan_find_semantics_sync: ahead of its single-field paths, which scan for arrays first."""
    plan = index_plan(self, self._require_connection(), db_name, coll_name, semantics)
    return plan if plan is not None else AS_RELEASED["plan_find"](self, db_name, coll_name, semantics)


def select_first(self, db_name, coll_name, plan, *, hint=None, context=None):
    """_select_first_document_for_plan (the document an update or delete of one acts on); an update's
    is kept for validate_unique (the update works on a copy of it)."""
    selected = _select_first(self, db_name, coll_name, plan, hint, context)
    if getattr(_updating, "images_copied", False):
        _updating.original = selected
    return selected


def _select_first(self, db_name, coll_name, plan, hint, context):
    if hint is None and not (type(plan) is EqualsCondition and plan.field == "_id"):
        conn = self._require_connection(context)
        with self._bind_connection(conn), sqlite_read_scope(conn):
            execution = index_plan(self, conn, db_name, coll_name, compile_find_semantics({}, plan=plan, limit=1),
                                   "storage_key, document")
            if execution is not None:
                row = conn.execute(execution.sql, execution.params).fetchone()
                return None if row is None else (row[0], self._deserialize_document(row[1]))
    return AS_RELEASED["select_first"](self, db_name, coll_name, plan, hint=hint, context=context)


def create_index(self, db_name, coll_name, *args, **kwargs):
    """_create_index_sync, its expression index then narrowed to the collection."""
    name = AS_RELEASED["create_index"](self, db_name, coll_name, *args, **kwargs)
    with self._lock:
        narrow_indexes(self._require_connection(), db_name, coll_name)
    return name


def connect(self):
    """_connect_sync, then the expression indexes of a file made as released are narrowed (once)."""
    AS_RELEASED["connect"](self)
    with self._lock:
        narrow_indexes(self._require_connection())


# ----- the engine's thread ----------------------------------------------------------------------------
async def run_here(self, func, /, *args, **kwargs):
    """SQLiteEngine._run_blocking: the engine's SQLite work runs on the server's own thread, in a copy of
    the command's context as released. As released each call is submitted to a pool of (cores + 4)
    worker threads that take turns on the engine's one lock anyway, and its answer comes back through
    the loop's self-pipe: per call a thread wake-up, the GIL handed over and back and two system calls,
    about a fifth of a command's CPU. The embedded database is a process of its own that serves nothing
    else meanwhile; nearly all of its SQLite calls take milliseconds, and none waits on the loop. (A long
    one, a delete_many of 100,000 documents, holds the driver's heartbeat too: models/embedded.client_uri
    gives it the patience.)"""
    return contextvars.copy_context().run(func, *args, **kwargs)


# ----- the images of an update ---------------------------------------------------------------------
# .images_copied: this thread runs the engine's update, whose images are its own; .original: the
# (storage key, document) that update selected, as stored.
_updating = threading.local()


def update_with_operation(self, *args, **kwargs):
    """SQLiteEngine._update_with_operation_sync: the before and after images it hands its MutationOutcome
    are copies it has just made (of the document it decoded, and of that one updated), so the outcome
    keeps them as they are. As released __post_init__ deep-copies both again, and again when the outcome
    is replaced to carry its commit sequence: four copies of a rollup's sets of customer ids per update."""
    before = getattr(_updating, "images_copied", False)
    _updating.images_copied = True
    _updating.original = None
    try:
        return AS_RELEASED["update"](self, *args, **kwargs)
    finally:
        _updating.images_copied = before
        _updating.original = None


# The update operators SQLite's JSON functions apply in place (sqlite_query.translate_compiled_update_plan).
SQL_UPDATE_OPERATORS = frozenset(("$set", "$unset"))


def translate_update_plan(plan, current_document=None):
    """sqlite_query.translate_compiled_update_plan: an update with an operator it does not translate
    ($inc, $addToSet, $setOnInsert: nearly all of ours) is sent to the Python update at once. As
    released that happens only after a walk of the whole stored document for non-finite numbers, a
    seventh of the update of a day's rollup holding 858 customer ids."""
    if any(operator.operator not in SQL_UPDATE_OPERATORS for operator in plan.compiled_operators):
        raise NotImplementedError("Unsupported update operator for SQL translation")
    return AS_RELEASED["translate_update"](plan, current_document=current_document)


def outcome_copy(value, memo=None):
    """mongoeco.engines.results.deepcopy: none of an image the engine's update has just copied."""
    return value if getattr(_updating, "images_copied", False) else document_copy(value, memo)


# The modules whose deepcopy is document_copy: the engine's writes, updates and upserts.
COPYING_DOCUMENTS = (sqlite_engine, _sqlite_modify_ops, operators, update_array_operators, update_scalar_operators,
                     upserts)
# Values copy.deepcopy hands back as they are, or (datetime) as an equal value of an immutable type.
IMMUTABLE = frozenset((str, int, float, bool, type(None), bytes, datetime.datetime))


def document_copy(value, memo=None):
    """copy.deepcopy where the engine copies documents on its write path (the update's working copy and
    its images, the upsert's seed, the change's image...): dicts and lists are made anew and immutable
    values kept, in one call per container; anything else (tuples, wrappers, subclasses) goes to
    copy.deepcopy. A day's rollup holding 1,300 customer ids is copied six times per update, and
    copy.deepcopy dispatches on each id. Unlike copy.deepcopy, a container reachable twice within the
    value is copied twice: documents read from storage or off the wire share none."""
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in IMMUTABLE else document_copy(item, memo) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in IMMUTABLE else document_copy(item, memo) for item in value]
    if kind in IMMUTABLE:
        return value
    return copy.deepcopy(value, memo)


# ----- answers as the driver sees them --------------------------------------------------------------
PUBLIC_SCALARS = frozenset((str, int, float, bool, type(None), bytes))


class _NotPlain(Exception):
    """A value materialize_public_document converts (a wrapper, an aware datetime...): left to it."""


class WirePlain(dict):
    """A found document materialize_public_document made of plain values only: the answer's conversion to
    wire values (wire_value) passes it as it is, rather than walking it again. (bytes in it go to bson as
    they are, which encodes them as the conversion would have: binary, subtype 0.)"""


def _public_copy(value):
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in PUBLIC_SCALARS else _public_copy(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in PUBLIC_SCALARS else _public_copy(item) for item in value]
    if kind is datetime.datetime and value.tzinfo is None:
        return value
    raise _NotPlain


def materialize_public_document(data, *, codec_options):
    """_public_materialization.materialize_public_document, for the documents of a find: one call per
    container instead of one per value (a fifth of a 500-document find). Under codec options that
    leave naive datetimes as they are (not tz_aware, no type registry, dict documents), a document of
    plain values, dicts, lists and naive datetimes comes out as released: new containers, the same
    values. Anything else is converted as released."""
    if (type(codec_options) is CodecOptions and codec_options.document_class is dict
            and not codec_options.type_registry and not codec_options.tz_aware):
        try:
            return WirePlain(_public_copy(data)) if type(data) is dict else _public_copy(data)
        except _NotPlain:
            pass
    return AS_RELEASED["materialize"](data, codec_options=codec_options)


# ----- operation ids --------------------------------------------------------------------------------
class OperationIds:
    """What the engine's operation registry and operation contexts ask of the uuid module: uuid4().hex,
    a unique id per operation (two per command). As released each is 16 bytes from os.urandom, a system
    call; here a random prefix per process and a counter, as unique and as long."""

    def __init__(self):
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count()
        self.lock = threading.Lock()

    def uuid4(self) -> SimpleNamespace:
        with self.lock:
            number = next(self.counter)
        return SimpleNamespace(hex=f"{self.prefix}{number:016x}")


# ----- the names of collections and databases ------------------------------------------------------
def _names_in_documents(conn, column: str, db_name: str | None = None) -> list[str]:
    """The distinct db_name (or coll_name of db_name) of the documents table, by one seek of its primary
    key (db_name, coll_name, storage_key) per name instead of a read of every row."""
    of_db = "db_name = :db" if db_name is not None else "1"
    sql = (f"WITH RECURSIVE names(name) AS (SELECT (SELECT MIN({column}) FROM documents WHERE {of_db}) "
           f"UNION ALL SELECT (SELECT MIN({column}) FROM documents WHERE {of_db} AND {column} > name) "
           "FROM names WHERE name IS NOT NULL) SELECT name FROM names WHERE name IS NOT NULL")
    return [name for (name,) in conn.execute(sql, {"db": db_name})]


def list_collection_names(conn, db_name: str) -> list[str]:
    """_sqlite_catalog.list_collection_names: as released a UNION with every document's row (0.1 s at a
    million access logs), asked by every createIndexes command (the start's index check sends 26)."""
    names = {name for (name,) in conn.execute(
        "SELECT coll_name FROM collections WHERE db_name = :db UNION SELECT coll_name FROM indexes "
        "WHERE db_name = :db UNION SELECT coll_name FROM search_indexes WHERE db_name = :db", {"db": db_name})}
    return sorted(names.union(_names_in_documents(conn, "coll_name", db_name)))  # (UTF-8 sorts as str)


def list_database_names(conn) -> list[str]:
    """_sqlite_catalog.list_database_names, the documents' part by seeks (see list_collection_names)."""
    names = {name for (name,) in conn.execute(
        "SELECT db_name FROM collections UNION SELECT db_name FROM indexes UNION SELECT db_name FROM search_indexes")}
    return sorted(names.union(_names_in_documents(conn, "db_name")))


# Noted in mongoeco's own table of schema migrations, once the file's scalar index entries were built
# (forgotten by any start these corrections are not applied to: forget_scalar_entries_built).
SCALAR_ENTRIES_BUILT = "radar:scalar_index_entries"


def forget_scalar_entries_built(path: str) -> None:
    """The note taken off the file: an engine these corrections are not applied to is about to keep its
    entries by its own rules, so the next corrected start rebuilds them as released."""
    with closing(sqlite3.connect(path)) as connection, connection:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'mongoeco_schema_migrations'").fetchone():
            connection.execute("DELETE FROM mongoeco_schema_migrations WHERE component = ?", (SCALAR_ENTRIES_BUILT,))


def backfill_scalar_indexes(self, conn) -> None:
    """_backfill_scalar_indexes_sync, run by every start: as released it deletes and rebuilds the scalar
    index entries of every collection that has any index, decoding each of its documents (19 s of a
    restart at a million access logs, growing with the data). Every write keeps the entries in its own
    transaction and create_index fills a new index's, so they are built as released once per file
    (noted as a schema migration, as mongoeco notes its TTL entries), and again only if a single-field
    index still lacks its scalar table (made by a version these corrections were not applied to)."""
    conn.execute("CREATE TABLE IF NOT EXISTS mongoeco_schema_migrations (component TEXT PRIMARY KEY, "
                 "version INTEGER NOT NULL)")
    built = conn.execute("SELECT 1 FROM mongoeco_schema_migrations WHERE component = ?",
                         (SCALAR_ENTRIES_BUILT,)).fetchone()
    unbuilt = any(len(json.loads(fields)) == 1
                  for (fields,) in conn.execute("SELECT fields FROM indexes WHERE scalar_physical_name IS NULL"))
    if built and not unbuilt:
        return
    AS_RELEASED["backfill"](self, conn)
    conn.execute("INSERT OR REPLACE INTO mongoeco_schema_migrations (component, version) VALUES (?, 1)",
                 (SCALAR_ENTRIES_BUILT,))


def operation_context(self, *, publication=ChangePublicationPolicy.DISABLED, **options):
    """AsyncCollection._new_operation_context: a write to the SQLite engine publishes no change (the
    method's own default). No change stream can read one: the wire server answers $changeStream with
    "Unsupported aggregation stage". As released every write records its change in the outbox, in
    its transaction: the document serialized once more, two rows inserted and a hash (a quarter of
    a bulk load's time)."""
    if isinstance(self._engine, SQLiteEngine):
        publication = ChangePublicationPolicy.DISABLED
    return AS_RELEASED["operation_context"](self, publication=publication, **options)


def dispatch_committed_changes(self, sink) -> None:
    """EngineSpiAdapter.dispatch_committed_changes: nothing to deliver from the SQLite engine here. The wire
    server answers $changeStream with "Unsupported aggregation stage", so no change stream can read what
    a write hands the change hub; as released each write still starts a thread and commits four times to
    hand it over. The outbox keeps its bounded history (its capacity is enforced on append)."""
    if not isinstance(self.engine, SQLiteEngine):
        AS_RELEASED["dispatch"](self, sink)


async def command_insert(self, spec, *, session=None):
    """The wire's insert command: several documents go through the collection's insert_many (the
    engine's batch insert, one transaction) instead of one insert_one, and transaction, each."""
    documents = spec.get("documents")
    if not isinstance(self._admin._engine, SQLiteEngine) or not isinstance(documents, list) or len(documents) < 2:
        return await AS_RELEASED["insert"](self, spec, session=session)
    admin = self._admin
    collection = admin._database.get_collection(admin._require_collection_name(spec.get("insert"), "insert"))
    documents = admin._normalize_insert_documents(documents)
    ordered = admin._normalize_ordered_from_command(spec.get("ordered"))
    bypass = write_commands.command_boolean(spec.get("bypassDocumentValidation", False), "bypassDocumentValidation",
                                            numeric=True)
    acknowledged = write_commands.write_command_acknowledged(spec, dialect=admin._mongodb_dialect.key)
    try:
        await collection.insert_many(documents, ordered=ordered, bypass_document_validation=bypass, session=session)
        result = WriteCommandResult(count=len(documents))
    except BulkWriteError as error:
        errors = [WriteErrorEntry(index=entry["index"], errmsg=entry["errmsg"], code=entry.get("code"),
                                  details={k: v for k, v in entry.items()
                                           if k not in ("index", "errmsg", "code", "op")})
                  for entry in error.details["writeErrors"]]
        result = WriteCommandResult(count=error.details["nInserted"], write_errors=errors)
    return write_commands._write_command_result(result, acknowledged=acknowledged)


# ----- encoding a document, comparing array elements ------------------------------------------------
# Values the codec stores as they are, once checked: the exact types (subclasses such as bson's Int64
# are the engine's to encode).
PLAIN = frozenset((str, int, float, bool, type(None)))


def checked(document) -> None:
    """What the engine's validate_bson_value checks, in one walk: dict keys are strings, integers fit
    int64, no sets; anything but plain values and plain containers is left to the engine's check."""
    pending = [document]
    while pending:
        value = pending.pop()
        kind = type(value)
        if kind is dict:
            for key in value:
                if not isinstance(key, str):
                    raise TypeError("BSON document keys must be strings")
            pending.extend(value.values())
        elif kind is list or kind is tuple:
            pending.extend(value)
        elif kind is int:
            if value < INT64_MIN or value > INT64_MAX:
                raise BsonScalarOverflowError("integer exceeds BSON int64 range")
        elif kind not in PLAIN:
            validate_bson_value(value)


def _encoded(value):
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is dict:
        encoded = {key: _encoded(item) for key, item in value.items()}
        # A stored dict that looks like one of the codec's tagged values is wrapped, as the engine does.
        return DocumentCodec._tagged_value("dict", encoded) if DocumentCodec._is_tagged_value(encoded) else encoded
    if kind is list or kind is tuple:
        return [_encoded(item) for item in value]
    return AS_RELEASED["encode"](value)


def encode(data):
    """DocumentCodec.encode, the document checked once rather than once per level of nesting."""
    checked(data)
    return _encoded(data)


def values_equal(left, right, *, dialect=MONGODB_DIALECT_70, collation=None) -> bool:
    """QueryEngine._values_equal: two ints, or two strings without a collation, are equal as Python
    says (what the BSON comparison concludes, without its type dispatch); anything else goes to it."""
    kind = type(left)
    if collation is None and kind is type(right) and (kind is int or kind is str):
        return left == right
    return AS_RELEASED["values_equal"](left, right, dialect=dialect, collation=collation)


# Values an answer carries to the wire as they are (bson encodes them itself).
WIRE_PLAIN = frozenset((str, int, float, bool, type(None), datetime.datetime))
CONTAINERS = (dict, list)


def _plain_walk(released: str):
    """A bson_bridge conversion (AS_RELEASED[released]) that passes plain values and plain containers
    as they are, without its type checks (every value of an answer went through some twenty, and each
    of a command's 500 customer ids through eleven), and hands anything else to the released one."""
    def walk(value):
        kind = type(value)
        if kind in WIRE_PLAIN or kind is WirePlain:
            return value
        if kind is dict:
            return {key: walk(item) for key, item in value.items()}
        if kind is list:
            return [walk(item) for item in value]
        return AS_RELEASED[released](value)
    return walk


wire_value = _plain_walk("wire_value")  # bson_bridge.encode_wire_value: an answer on its way to the wire
wire_decoded = _plain_walk("wire_decoded")  # bson_bridge.decode_wire_value: a command read off the wire


def decode_codec_payload(self, payload, *, preserve_bson_wrappers: bool):
    """SQLiteEngine._decode_codec_payload without inspect.signature on every document, for the
    engine's own codec (whose decode takes preserve_bson_wrappers)."""
    if self._codec is DocumentCodec:
        return DocumentCodec.decode(payload, preserve_bson_wrappers=preserve_bson_wrappers)
    return AS_RELEASED["decode_payload"](self, payload, preserve_bson_wrappers=preserve_bson_wrappers)


def simple_projection(projection) -> tuple[frozenset, bool] | None:
    """(the fields kept, whether _id is) of an inclusion projection of top-level fields (1 or True,
    and _id 0 or False), else None."""
    if not isinstance(projection, dict):
        return None
    keep, keep_id = set(), True
    for field, value in projection.items():
        if type(field) is not str or "." in field or field.startswith("$") or type(value) not in (int, bool):
            return None
        if field == "_id" and value in (0, 1):
            keep_id = bool(value)
        elif value == 1:
            keep.add(field)
        else:
            return None
    return (frozenset(keep), keep_id) if keep else None


def stored_json(payload):
    """json_compat.json_loads as the SQLite engine's module calls it (stored documents, and its catalogue's
    index definitions): orjson, 3.5x faster than json (a level table's 521 readers parse in 1.9 ms, not
    7.0); json for what orjson refuses and json wrote (NaN, Infinity, lone surrogates). Documents are still
    written by json: orjson would write NaN as null. (Integers past int64, which orjson would read as
    floats, are refused before they are stored: checked.)"""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        return json.loads(payload)


def project_sql_scan_rows(self, rows, semantics, reader):
    """SQLiteEngine._project_sql_scan_rows: a plain inclusion projection picks the kept fields of the
    parsed document and decodes only those (tagged dates and the like of the others cost as much as
    the rest of a row), and the stored text's size bounds the kept part's."""
    simple = simple_projection(semantics.projection) if self._codec is DocumentCodec else None
    if simple is None:
        return AS_RELEASED["project_rows"](self, rows, semantics, reader)
    keep, keep_id = simple
    marker = DocumentCodec._MARKER

    def projected(payload):
        document = stored_json(payload)
        whole = marker in document  # (a document stored tagged as a whole, a SON: decoded whole, as released)
        if whole:
            document = DocumentCodec.decode(document, preserve_bson_wrappers=True)
        # _id first, as the released projection puts it (an upsert may have stored it after other fields).
        kept = {"_id": document["_id"]} if keep_id and "_id" in document else {}
        kept.update((key, value) for key, value in document.items() if key in keep)
        if not whole and marker in payload:  # a document's fields decode one by one, JSON's scalars as themselves
            for key, value in kept.items():
                if type(value) in CONTAINERS:
                    kept[key] = DocumentCodec.decode(value, preserve_bson_wrappers=True)
        return reader.attach_size_hint(kept, _serialized_document_size_estimate(payload))

    return (projected(payload) for (payload,) in rows)


# ----- the connections of reads ------------------------------------------------------------------------
READER_POOL = 4  # idle reader connections kept per database file
_readers: dict[str, list] = {}  # database file -> idle reader connections
_readers_lock = threading.Lock()
_opening = threading.local()  # .engine: the engine whose scan reader is opening in this thread


class PooledReader(SQLiteConnection):
    """A scan reader's connection: closed, it ends its read transaction and waits for the next reader
    (its schema parsed and index catalogue loaded; the catalogue is checked against PRAGMA data_version
    on each use, as the engine checks it)."""

    pool: list | None = None

    def close(self) -> None:
        if self.pool is not None:
            try:
                if self.in_transaction:
                    self.rollback()
            except sqlite3.Error:
                pass
            else:
                with _readers_lock:
                    if len(self.pool) < READER_POOL:
                        self.pool.append(self)
                        return
        super().close()


def open_reader(self) -> None:
    """SQLiteScanReader._open, its dedicated connection (if it takes one) from the pool."""
    _opening.engine = self.engine
    try:
        AS_RELEASED["open_reader"](self)
    finally:
        _opening.engine = None


def create_connection(self):
    """SQLiteEngine._create_sqlite_connection: for a scan reader, an idle one of the file's pool."""
    if getattr(_opening, "engine", None) is not self or self._path == ":memory:":
        return AS_RELEASED["create_connection"](self)
    with _readers_lock:
        pool = _readers.setdefault(self._path, [])
        if pool:
            return pool.pop()
    connection = sqlite3.connect(self._path, check_same_thread=False, factory=PooledReader)
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.pool = pool
    return connection


def disconnect(self) -> None:
    """SQLiteEngine._disconnect_sync, then, once the engine's last client is gone, the file's idle readers closed."""
    AS_RELEASED["disconnect"](self)
    with self._lifecycle_condition:
        if self._connection_count:  # (another client of the engine is still connected)
            return
    with _readers_lock:
        idle = _readers.pop(self._path, [])
    for connection in idle:
        connection.pool = None
        connection.close()


def installed_version() -> str:
    return importlib.metadata.version("mongoeco")


def apply() -> bool:
    """Correct the installed mongoeco, if it is the version these corrections were written for (else
    say so loudly on stderr and leave it as released). True when applied; applying twice is a no-op."""
    if installed_version() != MONGOECO_VERSION:
        print(f"WARNING: mongoeco {installed_version()} is installed; models/mongoeco_fixes.py was written "
              f"for {MONGOECO_VERSION} and is NOT applied: writes to the embedded database scan whole "
              f"collections (see docs/mongoeco-sqlite.md)", file=sys.stderr, flush=True)
        return False
    if AS_RELEASED:
        return True
    service = write_commands.DatabaseAdminWriteCommandService
    engine = SQLiteEngine
    AS_RELEASED.update(
        validate=engine._validate_document_against_unique_indexes,
        multikey=engine._unique_index_uses_multikey_values,
        scalar=engine._unique_index_conflict_via_scalar_entries,
        compile=engine._compile_read_execution_plan,
        plan_find=engine._plan_find_semantics_sync,
        select_first=engine._select_first_document_for_plan,
        create_index=engine._create_index_sync,
        connect=engine._connect_sync,
        batch_ids=_sqlite_write_ops._batch_id_equality_keys,
        insert=service.command_insert,
        dispatch=EngineSpiAdapter.dispatch_committed_changes,
        operation_context=AsyncCollection._new_operation_context,
        open_batch_stream=AsyncAggregationCursor._open_batch_stream,
        load_source=AsyncAggregationCursor._load_pushdown_source_documents,
        load_collection=AsyncAggregationCursor._load_collection_documents,
        encode=DocumentCodec.encode,
        values_equal=QueryEngine._values_equal,
        wire_value=bson_bridge.encode_wire_value,
        wire_decoded=bson_bridge.decode_wire_value,
        decode_payload=engine._decode_codec_payload,
        project_rows=engine._project_sql_scan_rows,
        open_reader=SQLiteScanReader._open,
        create_connection=engine._create_sqlite_connection,
        disconnect=engine._disconnect_sync,
        backfill=engine._backfill_scalar_indexes_sync,
        update=engine._update_with_operation_sync,
        run_blocking=engine._run_blocking,
        translate_update=sqlite_engine.translate_compiled_update_plan,
        materialize=collection_module.materialize_public_document,
        operation_uuid=(_active_operations.uuid, operation_context_module.uuid),
        collection_names=_sqlite_admin_runtime._sqlite_list_collection_names,
        database_names=_sqlite_admin_runtime._sqlite_list_database_names,
    )
    engine._validate_document_against_unique_indexes = validate_unique
    engine._unique_index_uses_multikey_values = uses_multikey_values
    engine._unique_index_conflict_via_scalar_entries = unique_conflict
    engine._compile_read_execution_plan = compile_read_plan
    engine._plan_find_semantics_sync = plan_find
    engine._select_first_document_for_plan = select_first
    engine._create_index_sync = create_index
    engine._connect_sync = connect
    _sqlite_write_ops._batch_id_equality_keys = batch_ids
    service.command_insert = command_insert
    EngineSpiAdapter.dispatch_committed_changes = dispatch_committed_changes
    AsyncCollection._new_operation_context = operation_context
    AsyncAggregationCursor._open_batch_stream = open_batch_stream
    AsyncAggregationCursor._load_pushdown_source_documents = load_pushdown_source_documents
    AsyncAggregationCursor._load_collection_documents = load_collection_documents
    DocumentCodec.encode = staticmethod(encode)
    QueryEngine._values_equal = staticmethod(values_equal)
    bson_bridge.encode_wire_value = protocol.encode_wire_value = wire_value
    bson_bridge.decode_wire_value = protocol.decode_wire_value = wire_decoded
    engine._decode_codec_payload = decode_codec_payload
    engine._project_sql_scan_rows = project_sql_scan_rows
    sqlite_engine.json_loads = stored_json
    SQLiteScanReader._open = open_reader
    engine._create_sqlite_connection = create_connection
    engine._disconnect_sync = disconnect
    engine._backfill_scalar_indexes_sync = backfill_scalar_indexes
    engine._update_with_operation_sync = update_with_operation
    engine._run_blocking = run_here
    sqlite_engine.translate_compiled_update_plan = translate_update_plan
    results.deepcopy = outcome_copy
    for module in COPYING_DOCUMENTS:
        module.deepcopy = document_copy
    collection_module.materialize_public_document = materialize_public_document
    _active_operations.uuid = operation_context_module.uuid = OperationIds()
    _sqlite_admin_runtime._sqlite_list_collection_names = list_collection_names
    _sqlite_admin_runtime._sqlite_list_database_names = list_database_names
    return True
