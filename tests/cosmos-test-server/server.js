#!/usr/bin/env node
// The storage half of the Cosmos DB test server: the in-memory account of @vercel/cosmosdb-server, served over
// plain HTTP on loopback, with the gaps that matter to the .NET SDK filled in:
//  - reading a missing item answers 404 (the package throws and answers 500),
//  - query plans (the .NET SDK on Linux asks the gateway for one before most queries),
//  - queries scoped to the partition key header, OFFSET/LIMIT, paging with our own continuation,
//  - queries in linear time (the package's compiled FROM/JOIN is quadratic in the number of documents), compiled once per text,
//  - requests that cost time in their own size, not the container's (a batch rolls back from an undo log, a query
//    scoped to a partition key looks at that partition's items only, the TTL purge at items whose ttl is up), and say
//    what they cost in x-test-* response headers, so tests can check it without timing anything,
//  - conditional patch (the package lower-cases the whole predicate, values included),
//  - an atomic transactional batch (JSON in/out; the C# front end translates the SDK's HybridRow format),
//  - an incremental change feed (the package returns everything once, then 304 forever),
//  - time-to-live expiry (the package stores `ttl`/`defaultTtl` but never expires anything),
//  - replacing a container keeps its items (the package starts the container over, empty).
// The C# front end (CosmosTestServer) terminates TLS and forwards every request here.
//
// Usage: node server.js [--port 0] [--public-endpoint https://127.0.0.1:8081/]
// Prints one line "LISTENING <port>" on stdout once it accepts connections, and exits when stdin closes,
// so it never outlives the process that started it.
"use strict";

const http = require("http");
const crypto = require("crypto");
const path = require("path");
const Account = require("@vercel/cosmosdb-server/lib/account").default;
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
const Collections = require("@vercel/cosmosdb-server/lib/account/collections").default;
const route = require("@vercel/cosmosdb-server/lib/routes").default;
const documentOps = require("@vercel/cosmosdb-server/lib/handler/_document-operations");
const { patchOperation } = require("@vercel/cosmosdb-server/lib/handler/_patch-operations");
const parseQuery = require("@zeit/cosmosdb-query").default;
const { SyntaxError: QuerySyntaxError } = require("@zeit/cosmosdb-query");

function parseArgs(argv) {
  const args = { port: 0, publicEndpoint: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--port") args.port = parseInt(argv[(i += 1)], 10);
    else if (argv[i] === "--public-endpoint") args.publicEndpoint = argv[(i += 1)];
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------------------------
// Change feed bookkeeping: every stored version of an item gets a global, increasing log sequence number. It is
// kept beside the item (a WeakMap keyed by the stored object) rather than in it, so reads return items unchanged,
// and a rolled-back batch that restores the old objects restores their old numbers with them.
let lastLsn = 0;
const lsnOf = new WeakMap();
const originalSet = Items.prototype._set;
Items.prototype._set = function setWithLsn(data) {
  lastLsn += 1;
  lsnOf.set(data, lastLsn);
  if (hasOwnTtl(data)) expiries(this).push({ expiresAt: data._ts + data.ttl, rid: data._rid, lsn: lastLsn });
  return originalSet.call(this, data);
};

// The items written with a `ttl` of their own, per container, soonest expiry first: with the default TTL at -1
// (on, no default) only those can expire, and purging looks only at those whose time has come. An entry is not
// updated when its item changes: when its time comes it is dropped unless the item is still that very version, by
// its log sequence number (rewritten, deleted or rolled back since, the item has an entry of its own or none).
class ExpiryHeap {
  constructor() {
    this._entries = []; // a binary min-heap on expiresAt
  }

  get size() {
    return this._entries.length;
  }

  peek() {
    return this._entries[0];
  }

  push(entry) {
    const entries = this._entries;
    entries.push(entry);
    for (let i = entries.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (entries[parent].expiresAt <= entries[i].expiresAt) break;
      [entries[parent], entries[i]] = [entries[i], entries[parent]];
      i = parent;
    }
  }

  pop() {
    const entries = this._entries;
    const top = entries[0];
    const last = entries.pop();
    if (entries.length > 0) {
      entries[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < entries.length && entries[left].expiresAt < entries[least].expiresAt) least = left;
        if (right < entries.length && entries[right].expiresAt < entries[least].expiresAt) least = right;
        if (least === i) break;
        [entries[least], entries[i]] = [entries[i], entries[least]];
        i = least;
      }
    }
    return top;
  }
}

const expiryHeaps = new WeakMap();
function expiries(items) {
  let heap = expiryHeaps.get(items);
  if (!heap) {
    heap = new ExpiryHeap();
    expiryHeaps.set(items, heap);
  }
  return heap;
}

function hasOwnTtl(doc) {
  return typeof doc.ttl === "number" && doc.ttl > 0;
}

// Replacing a container (e.g. to change its indexing policy or TTL) builds a new Collection object in the
// package, which would drop every item. Carry the items over, as Cosmos DB does.
const originalCollectionsReplace = Collections.prototype.replace;
Collections.prototype.replace = function replaceKeepingItems(data, original) {
  const previous = this._data.get(original._rid);
  const result = originalCollectionsReplace.call(this, data, original);
  const current = this._data.get(result._rid);
  if (previous && current && previous !== current) {
    current.documents = previous.documents;
    previous.documents._parent = current;
  }
  return result;
};

// ---------------------------------------------------------------------------------------------------------------
// The items of a container. The package keeps them in two Maps on its Documents object: `_data` (_rid -> item, in
// write order) and `_index` (unique key -> _rid). Both are swapped here, through accessors on Documents.prototype
// that the package's own constructor assigns through:
//  - `_data` becomes an ItemTable: the same Map interface and order, and beside it the items of each partition (by
//    the value at the first partition key path) in that same order, so a query scoped to a partition key looks at
//    that partition's items only;
//  - `_index` becomes a Map that logs its changes.
// While a batch runs (the Documents' `_undo` is an array) every change to either logs what undoes it; a failed batch
// runs the log newest first, which leaves both exactly as they were, order included, in time proportional to the
// batch. The order matters: a query without ORDER BY over `FROM x IN c.list` lists items in stored order.

const Documents = require("@vercel/cosmosdb-server/lib/account/documents").default;

// What the first partition key path holds when it is an object or an array: no partition key value can name it.
const UNNAMEABLE = Symbol("not a partition key value");

// A Map of _rid -> item in write order (a new key goes last, an existing key keeps its place), kept as a ring of
// nodes so that an undone delete puts the node back where it was; each node is also on the ring of its partition.
class ItemTable {
  constructor(owner) {
    this._owner = owner;
    this._nodes = new Map(); // key -> node { key, value, prev, next, part, pprev, pnext }
    this._ring = {};
    this._ring.prev = this._ring;
    this._ring.next = this._ring;
    this._partitions = new Map(); // partition value -> its ring's head { value, size, pprev, pnext }
    this._path = null;
  }

  get size() {
    return this._nodes.size;
  }

  has(key) {
    return this._nodes.has(key);
  }

  get(key) {
    const node = this._nodes.get(key);
    return node ? node.value : undefined;
  }

  set(key, value) {
    const node = this._nodes.get(key);
    if (!node) {
      const added = { key, value, part: this._part(this._partitionValue(value)) };
      this._link(added, this._ring.prev, added.part.pprev);
      this._log(() => this._unlink(added));
      return this;
    }
    // (The package never sets an existing key: a replace deletes, then adds.)
    const before = { value: node.value, part: node.part, pprev: node.pprev };
    const part = this._part(this._partitionValue(value));
    if (part !== node.part) this._move(node, part, this._partitionPredecessor(node, part));
    node.value = value;
    this._log(() => {
      if (node.part !== before.part) this._move(node, before.part, before.pprev);
      node.value = before.value;
    });
    return this;
  }

  delete(key) {
    const node = this._nodes.get(key);
    if (!node) return false;
    const { prev, pprev } = node;
    this._unlink(node);
    this._log(() => this._link(node, prev, pprev));
    return true;
  }

  clear() {
    [...this.keys()].forEach(key => this.delete(key));
  }

  * entries() {
    for (let node = this._ring.next; node !== this._ring; node = node.next) yield [node.key, node.value];
  }

  * keys() {
    for (let node = this._ring.next; node !== this._ring; node = node.next) yield node.key;
  }

  * values() {
    for (let node = this._ring.next; node !== this._ring; node = node.next) yield node.value;
  }

  [Symbol.iterator]() {
    return this.entries();
  }

  forEach(fn, thisArg) {
    for (const [key, value] of this.entries()) fn.call(thisArg, value, key, this);
  }

  // The items whose first partition key path holds `value`, in the table's order.
  * valuesIn(value) {
    const part = this._partitions.get(value);
    if (!part) return;
    for (let node = part.pnext; node !== part; node = node.pnext) yield node.value;
  }

  _log(undo) {
    if (this._owner._undo) this._owner._undo.push(undo);
  }

  // The value at the first partition key path, as the queries read it (partitionKeyPaths). The path is known only
  // once the package's constructor has run, so it is looked up at the first write.
  _partitionValue(item) {
    if (!this._path) {
      const paths = this._owner._partitionKeyPath && this._owner._partitionKeyPath.length ? this._owner._partitionKeyPath : ["/id"];
      this._path = paths[0].slice(1).split("/");
    }
    const value = valueAt(item.read(), this._path);
    return value !== null && typeof value === "object" ? UNNAMEABLE : value;
  }

  _part(value) {
    const part = this._partitions.get(value);
    if (part) return part;
    const created = { value, size: 0 };
    created.pprev = created;
    created.pnext = created;
    return created;
  }

  // Puts node on the table's ring after `prev` and on its partition's ring after `pprev`. Undoing a delete calls it
  // with the neighbours the node had: newest first, they are where they were right after the delete.
  _link(node, prev, pprev) {
    node.prev = prev;
    node.next = prev.next;
    prev.next.prev = node;
    prev.next = node;
    this._linkInPart(node, pprev);
    this._nodes.set(node.key, node);
  }

  _unlink(node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
    this._unlinkFromPart(node);
    this._nodes.delete(node.key);
  }

  _linkInPart(node, pprev) {
    const { part } = node;
    if (part.size === 0) this._partitions.set(part.value, part);
    part.size += 1;
    node.pprev = pprev;
    node.pnext = pprev.pnext;
    pprev.pnext.pprev = node;
    pprev.pnext = node;
  }

  _unlinkFromPart(node) {
    node.pprev.pnext = node.pnext;
    node.pnext.pprev = node.pprev;
    const { part } = node;
    part.size -= 1;
    if (part.size === 0) this._partitions.delete(part.value);
  }

  _move(node, part, pprev) {
    this._unlinkFromPart(node);
    node.part = part;
    this._linkInPart(node, pprev);
  }

  // The node of `part` that comes last before `node` in the table's order, or the part's head.
  _partitionPredecessor(node, part) {
    for (let current = node.prev; current !== this._ring; current = current.prev) {
      if (current.part === part) return current;
    }
    return part;
  }
}

// The package's unique-key index (unique key -> _rid), with its changes logged during a batch.
class LoggedIndex extends Map {
  set(key, value) {
    this._remember(key);
    return super.set(key, value);
  }

  delete(key) {
    this._remember(key);
    return super.delete(key);
  }

  _remember(key) {
    if (!this._owner || !this._owner._undo) return;
    const had = super.has(key);
    const value = super.get(key);
    this._owner._undo.push(() => (had ? Map.prototype.set.call(this, key, value) : Map.prototype.delete.call(this, key)));
  }
}

const ITEM_TABLE = Symbol("items");
const UNIQUE_KEY_INDEX = Symbol("unique keys");
Object.defineProperty(Documents.prototype, "_data", {
  configurable: true,
  get() {
    return this[ITEM_TABLE];
  },
  set(map) {
    const table = new ItemTable(this);
    if (map) for (const [key, value] of map) table.set(key, value);
    this[ITEM_TABLE] = table;
  }
});
Object.defineProperty(Documents.prototype, "_index", {
  configurable: true,
  get() {
    return this[UNIQUE_KEY_INDEX];
  },
  set(map) {
    const index = new LoggedIndex();
    if (map) for (const [key, value] of map) Map.prototype.set.call(index, key, value);
    index._owner = this;
    this[UNIQUE_KEY_INDEX] = index;
  }
});

// The account document advertises the endpoint clients should use: the TLS front end, not this process.
let account;
function createAccount(port) {
  const endpoint = new URL(args.publicEndpoint || `http://127.0.0.1:${port}/`);
  return new Account(endpoint.hostname, endpoint.port || (endpoint.protocol === "https:" ? 443 : 80));
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const ERROR_CODES = {
  400: "BadRequest",
  404: "NotFound",
  409: "Conflict",
  412: "PreconditionFailed",
  413: "RequestEntityTooLarge",
  424: "FailedDependency",
  500: "InternalServerError"
};

function errorBody(statusCode, message) {
  return { code: ERROR_CODES[statusCode] || "Error", message: message || "" };
}

function isTrue(req, name) {
  const value = req.headers[name];
  return typeof value === "string" && value.toLowerCase() === "true";
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function readJson(req) {
  const body = await readBody(req);
  return body.length ? JSON.parse(body.toString("utf8")) : null;
}

function getCollection(dbId, collId) {
  const database = account.database(dbId);
  if (!database.read()) return null;
  const collection = database.collection(collId);
  return collection.read() ? collection : null;
}

// The partition key paths of a container, e.g. [["tenant"], ["address", "city"]].
function partitionKeyPaths(collection) {
  const definition = collection.read().partitionKey || {};
  const paths = definition.paths && definition.paths.length ? definition.paths : ["/id"];
  return paths.map(p => p.slice(1).split("/"));
}

function valueAt(doc, path) {
  let current = doc;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = current[segment];
  }
  return current;
}

// Parses the x-ms-documentdb-partitionkey header: a JSON array with one value per partition key path. `[{}]`
// stands for PartitionKey.None (the item has no value at the path). Returns null when the header is absent.
function partitionKeyFromHeader(header) {
  if (header === undefined || header === null || header === "") return null;
  const parsed = JSON.parse(Array.isArray(header) ? header[0] : header);
  return Array.isArray(parsed) ? parsed : [parsed];
}

function samePartitionValue(docValue, keyValue) {
  if (keyValue !== null && typeof keyValue === "object" && Object.keys(keyValue).length === 0) {
    return docValue === undefined; // PartitionKey.None
  }
  return docValue === keyValue;
}

// A partition key given by the client may name a prefix of a hierarchical key.
function inPartition(collection, doc, key) {
  const paths = partitionKeyPaths(collection);
  for (let i = 0; i < key.length && i < paths.length; i += 1) {
    if (!samePartitionValue(valueAt(doc, paths[i]), key[i])) return false;
  }
  return true;
}

function allDocuments(collection) {
  return [...collection.documents._data.values()].map(item => item.read());
}

// The stored documents a request scoped to `key` (or to nothing: the whole container) has to look at: with a key,
// only the items of its partition (the ItemTable keeps them apart by the first path's value), of which those that
// match the rest of a hierarchical key. `examined` is how many were looked at (the x-test-documents-examined header).
function documentsIn(collection, key) {
  if (!key || key.length === 0) {
    const docs = allDocuments(collection);
    return { docs, examined: docs.length };
  }
  // PartitionKey.None ([{}]) names the items with no value at the path; no other object names any item.
  const first = key[0];
  const isObject = first !== null && typeof first === "object";
  if (isObject && Object.keys(first).length > 0) return { docs: [], examined: 0 };
  const candidates = [...collection.documents._data.valuesIn(isObject ? undefined : first)];
  const docs = candidates.map(item => item.read()).filter(doc => inPartition(collection, doc, key));
  return { docs, examined: candidates.length };
}

// Time to live: an item expires when the container has a default TTL (-1 = on, no default) and the item's own
// `ttl` (or else the default) is a positive number of seconds since its last write. Cosmos DB hides expired items
// from every read at once and deletes them in the background; doing the delete before serving a request that
// touches the container is indistinguishable to a client.
// Only a positive default makes every item a candidate; otherwise only items with a ttl of their own whose time has
// come are looked at. Returns how many items were looked at (the x-test-expiry-checked header).
function purgeExpired(collection) {
  const { defaultTtl } = collection.read();
  if (typeof defaultTtl !== "number") return 0;
  const now = Date.now() / 1000;
  const { documents } = collection;
  if (defaultTtl > 0) {
    const docs = allDocuments(collection);
    for (const doc of docs) {
      const ttl = typeof doc.ttl === "number" ? doc.ttl : defaultTtl;
      if (ttl > 0 && doc._ts + ttl <= now) documents.delete(doc.id, documents._getPartition(doc));
    }
    return docs.length;
  }
  const heap = expiries(documents);
  let checked = 0;
  while (heap.size > 0 && heap.peek().expiresAt <= now) {
    const { rid, lsn } = heap.pop();
    checked += 1;
    const item = documents._data.get(rid);
    const doc = item && item.read();
    if (doc && lsnOf.get(doc) === lsn) documents.delete(doc.id, documents._getPartition(doc));
  }
  return checked;
}

function findDocument(collection, id, key) {
  const lookupKey = key && key.length && (key[0] === null || typeof key[0] !== "object") ? key[0] : undefined;
  const found = collection.document(id, lookupKey).read();
  if (!found || found.id !== id) return null;
  if (key && !inPartition(collection, found, key)) return null;
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

// Splits "... OFFSET x LIMIT y" off the end of a query: the package's SQL grammar has TOP but not OFFSET/LIMIT.
// The values may be literals or parameters.
const OFFSET_LIMIT = /\s+OFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;

function splitOffsetLimit(queryText, parameters) {
  const match = OFFSET_LIMIT.exec(queryText);
  if (!match) return { text: queryText, offset: 0, limit: null };
  const resolve = token => {
    if (token.startsWith("@")) {
      const parameter = (parameters || []).find(p => p.name === token);
      if (!parameter || typeof parameter.value !== "number") {
        const err = new Error(`The parameter ${token} of OFFSET/LIMIT must be a number.`);
        err.badRequest = true;
        throw err;
      }
      return parameter.value;
    }
    return parseInt(token, 10);
  };
  return { text: queryText.slice(0, match.index), offset: resolve(match[1]), limit: resolve(match[2]) };
}

// The package compiles FROM and JOIN into `collection.reduce(($, c) => [...$, { c }], [])`, which copies the
// accumulator at every document: quadratic in the size of the container (a query over 100,000 documents took
// minutes). The compiled code is rewritten to append in place, `($.push({ c }), $)`, which builds the same arrays
// in linear time; `$` is the reduce's own accumulator, a fresh `[]` per call, so nothing else sees it change.
const Query = parseQuery("SELECT * FROM c").constructor;
const packageDir = path.dirname(require.resolve("@zeit/cosmosdb-query"));
const transform = require(require.resolve("./transformer", { paths: [packageDir] })).default;
const generate = require(require.resolve("@babel/generator", { paths: [packageDir] })).default;

function isAccumulator(node) {
  return Boolean(node) && node.type === "Identifier" && node.name === "$";
}

// [...$, a, ...b]
function isAppend(node) {
  return Boolean(node) && node.type === "ArrayExpression" && node.elements.length > 0 && Boolean(node.elements[0])
    && node.elements[0].type === "SpreadElement" && isAccumulator(node.elements[0].argument);
}

// [...$, a, ...b] -> ($.push(a, ...b), $)
function appendInPlace(array) {
  const accumulator = () => ({ type: "Identifier", name: "$" });
  return {
    type: "SequenceExpression",
    expressions: [
      {
        type: "CallExpression",
        callee: { type: "MemberExpression", object: accumulator(), property: { type: "Identifier", name: "push" }, computed: false },
        arguments: array.elements.slice(1)
      },
      accumulator()
    ]
  };
}

function linearReduces(node) {
  if (Array.isArray(node)) {
    node.forEach(linearReduces);
    return node;
  }
  if (!node || typeof node !== "object") return node;
  const fn = node.type === "CallExpression" && node.callee && node.callee.type === "MemberExpression" && !node.callee.computed
    && node.callee.property.name === "reduce" && node.arguments.length === 2
    && node.arguments[1].type === "ArrayExpression" && node.arguments[1].elements.length === 0
    && node.arguments[0].type === "ArrowFunctionExpression" && isAccumulator(node.arguments[0].params[0])
    ? node.arguments[0]
    : null;
  if (fn && isAppend(fn.body)) {
    fn.body = appendInPlace(fn.body);
  } else if (fn && fn.body.type === "ConditionalExpression" && isAppend(fn.body.consequent) && isAccumulator(fn.body.alternate)) {
    fn.body.consequent = appendInPlace(fn.body.consequent);
  }
  Object.keys(node).forEach(key => {
    if (key !== "type") linearReduces(node[key]);
  });
  return node;
}

Object.defineProperty(Query.prototype, "code", {
  configurable: true,
  get() {
    if (!this._code) this._code = generate(linearReduces(transform(this.ast))).code;
    return this._code;
  }
});

// Compiled queries by text: parsing and generating code costs milliseconds to hundreds of milliseconds per query,
// and the same texts come back with every page and every conditional patch. A Query holds no state between runs.
const compiled = new Map();
const COMPILED_MAX = 500;

function compileQuery(queryText) {
  const cached = compiled.get(queryText);
  if (cached) return cached;
  let query;
  try {
    query = parseQuery(queryText);
  } catch (err) {
    if (err instanceof QuerySyntaxError || err.name === "SyntaxError") {
      err.badRequest = true;
    }
    throw err;
  }
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(queryText, query);
  return query;
}

// The ORDER BY clauses the container's composite indexes serve: Cosmos DB serves one from a composite index declared
// in the same order or in the exactly opposite order on every path, so both are returned (the package checks only the first).
function servedOrders(collection) {
  const declared = (collection.indexingPolicy && collection.indexingPolicy.compositeIndexes) || [];
  const flip = order => (order === "descending" ? "ascending" : "descending");
  return declared.concat(declared.map(index => index.map(p => ({ path: p.path, order: flip(p.order || "ascending") }))));
}

// Runs a query to completion over the items of the given partition (or all), then applies OFFSET/LIMIT. Paging
// is done by position over this complete result: the continuation token is the position of the next page.
function runQuery(collection, spec, key) {
  const { text, offset, limit } = splitOffsetLimit(spec.query, spec.parameters);
  const query = compileQuery(text);
  const { docs, examined } = documentsIn(collection, key);
  const parent = collection.read();
  let result;
  try {
    result = query.exec(docs, {
      parameters: spec.parameters,
      udf: collection.documents._userDefinedFunctions(),
      compositeIndexes: servedOrders(parent)
    }).result;
  } catch (err) {
    err.badRequest = true;
    throw err;
  }
  return { result: limit === null ? result.slice(offset) : result.slice(offset, offset + limit), examined };
}

const CONTINUATION_PREFIX = "cts:";

function handleQuery(req, res, collection, spec) {
  const key = partitionKeyFromHeader(req.headers["x-ms-documentdb-partitionkey"]);
  const { result: all, examined } = runQuery(collection, spec, key);
  res.setHeader("x-test-documents-examined", String(examined));
  const continuation = req.headers["x-ms-continuation"];
  const start = continuation && continuation.startsWith(CONTINUATION_PREFIX)
    ? parseInt(continuation.slice(CONTINUATION_PREFIX.length), 10)
    : 0;
  const maxItemCount = parseInt(req.headers["x-ms-max-item-count"] || "-1", 10);
  const end = maxItemCount > 0 ? Math.min(start + maxItemCount, all.length) : all.length;
  const page = all.slice(start, end);
  if (end < all.length) res.setHeader("x-ms-continuation", `${CONTINUATION_PREFIX}${end}`);
  res.setHeader("x-ms-item-count", String(page.length));
  return { status: 200, body: { _rid: collection.read()._rid, Documents: page, _count: page.length } };
}

// A query plan that lets the SDK pass the query through unchanged: the container has a single partition key
// range, so the results this server computes (ORDER BY, aggregates, DISTINCT, TOP, OFFSET/LIMIT) are final.
function handleQueryPlan(spec) {
  const { text } = splitOffsetLimit(spec.query, spec.parameters);
  compileQuery(text); // a syntax error is reported on the plan request, as the gateway does
  return {
    status: 200,
    body: {
      partitionedQueryExecutionInfoVersion: 2,
      queryInfo: {
        distinctType: "None",
        top: null,
        offset: null,
        limit: null,
        orderBy: [],
        orderByExpressions: [],
        groupByExpressions: [],
        groupByAliases: [],
        aggregates: [],
        groupByAliasToAggregateType: {},
        rewrittenQuery: "",
        hasSelectValue: /^\s*SELECT\s+(DISTINCT\s+)?(TOP\s+\S+\s+)?VALUE\s/i.test(text),
        hasNonStreamingOrderBy: false
      },
      queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Items

function handleRead(req, collection, id) {
  const key = partitionKeyFromHeader(req.headers["x-ms-documentdb-partitionkey"]);
  const doc = findDocument(collection, id, key);
  if (!doc) return { status: 404, body: errorBody(404, "Entity with the specified id does not exist in the system.") };
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch && ifNoneMatch === doc._etag) return { status: 304, body: null };
  return { status: 200, body: doc };
}

// A patch FilterPredicate is "FROM <alias> WHERE <condition>". It is checked against the current item with the
// query engine, keeping the case of names and values (the package lower-cases the whole predicate).
function conditionHolds(collection, doc, condition) {
  const match = /^\s*FROM\s+(\w+)\s+WHERE\s+([\s\S]+)$/i.exec(condition);
  if (!match) {
    const err = new Error(`The patch condition '${condition}' is not of the form 'FROM c WHERE ...'.`);
    err.badRequest = true;
    throw err;
  }
  const [, alias, where] = match;
  const query = compileQuery(`SELECT VALUE 1 FROM ${alias} WHERE (${where})`);
  const parent = collection.read();
  const { result } = query.exec([doc], {
    udf: collection.documents._userDefinedFunctions(),
    compositeIndexes: servedOrders(parent)
  });
  return result.length > 0;
}

// Returns { statusCode, body } like the package's document operations.
function patchItem(collection, { id, key, ifMatch, operations, condition }) {
  const doc = findDocument(collection, id, key);
  if (!doc) return { statusCode: 404, body: errorBody(404, "Entity with the specified id does not exist in the system.") };
  if (ifMatch && ifMatch !== doc._etag) {
    return { statusCode: 412, body: errorBody(412, "Operation cannot be performed because one of the specified precondition is not met.") };
  }
  if (condition) {
    let holds;
    try {
      holds = conditionHolds(collection, doc, condition);
    } catch (err) {
      return { statusCode: 400, body: errorBody(400, err.message) };
    }
    if (!holds) return { statusCode: 412, body: errorBody(412, "Precondition failed: the patch condition is not satisfied.") };
  }
  // The package looks the item up again by the value at the first partition key path.
  const partition = collection.documents._getPartition(doc);
  return patchOperation(collection, {
    id,
    partitionKey: JSON.stringify([partition === undefined ? {} : partition]),
    operations: operations || []
  });
}

async function handlePatch(req, collection, id) {
  const body = await readJson(req);
  const key = partitionKeyFromHeader(req.headers["x-ms-documentdb-partitionkey"]);
  const operations = Array.isArray(body) ? body : body && body.operations;
  if (!Array.isArray(operations)) {
    return { status: 400, body: errorBody(400, "Invalid patch request: check syntax of patch specification.") };
  }
  const result = patchItem(collection, {
    id,
    key,
    ifMatch: req.headers["if-match"],
    operations,
    condition: Array.isArray(body) ? undefined : body.condition
  });
  return { status: result.statusCode, body: result.body };
}

// ---------------------------------------------------------------------------------------------------------------
// Transactional batch. Input (from the C# front end):
//   { partitionKey: "[\"p\"]", atomic: true, operations: [{ operationType, id, resourceBody, ifMatch, ifNoneMatch,
//     minimalReturnPreference }] }
// Output: { statusCode, results: [{ statusCode, eTag, resourceBody }] }.
// Node runs one request at a time to completion, and the whole batch runs synchronously, so no other request
// sees its intermediate state. On the first failing operation the batch's undo log restores the container's item
// maps to their state before the batch: items, ETags, timestamps, resource ids and stored order come back exactly
// as they were. The response's x-test-undo-entries header says how many changes were logged.

const OperationType = { Create: 0, Patch: 1, Read: 2, Delete: 4, Replace: 5, Upsert: 20 };
const WRITE_OPERATIONS = new Set([OperationType.Create, OperationType.Patch, OperationType.Delete, OperationType.Replace, OperationType.Upsert]);

function runBatchOperation(collection, batchKey, op) {
  const key = op.partitionKey ? partitionKeyFromHeader(op.partitionKey) : batchKey;
  const keyHeader = JSON.stringify(key);
  switch (op.operationType) {
    case OperationType.Create:
      if (op.resourceBody && findDocument(collection, op.resourceBody.id, key)) {
        return { statusCode: 409, body: errorBody(409, "Resource with specified id already exists.") };
      }
      return documentOps.createOperation(collection, { resourceBody: op.resourceBody });
    case OperationType.Read: {
      const doc = findDocument(collection, op.id, key);
      if (!doc) return { statusCode: 404, body: errorBody(404, "Entity with the specified id does not exist in the system.") };
      if (op.ifNoneMatch && op.ifNoneMatch === doc._etag) return { statusCode: 304 };
      if (op.ifMatch && op.ifMatch !== doc._etag) return { statusCode: 412, body: errorBody(412) };
      return { statusCode: 200, body: doc };
    }
    case OperationType.Delete:
      if (!findDocument(collection, op.id, key)) return { statusCode: 404, body: errorBody(404) };
      return documentOps.deleteOperation(collection, { partitionKey: keyHeader, ifMatch: op.ifMatch, id: op.id });
    case OperationType.Replace:
      if (!findDocument(collection, op.id, key)) return { statusCode: 404, body: errorBody(404) };
      return documentOps.replaceOperation(collection, { partitionKey: keyHeader, ifMatch: op.ifMatch, resourceBody: op.resourceBody });
    case OperationType.Upsert:
      return documentOps.upsertOperation(collection, { partitionKey: keyHeader, ifMatch: op.ifMatch, resourceBody: op.resourceBody });
    case OperationType.Patch: {
      const spec = op.resourceBody || {};
      return patchItem(collection, {
        id: op.id,
        key,
        ifMatch: op.ifMatch,
        operations: Array.isArray(spec) ? spec : spec.operations,
        condition: Array.isArray(spec) ? undefined : spec.condition
      });
    }
    default:
      return { statusCode: 400, body: errorBody(400, `Operation type ${op.operationType} is not supported in a batch.`) };
  }
}

// Runs a batch with the container's undo log on (see ItemTable): a failed batch undoes its own changes, newest
// first, so rolling back costs time in the batch's size, not the container's. Returns the outcome and how many
// changes were logged (the x-test-undo-entries header, which tests use to check that cost without timing anything).
function handleBatch(collection, batch) {
  const documents = collection.documents;
  const ridCount = documents._ridCount;
  const undo = [];
  documents._undo = undo;
  try {
    const outcome = runBatch(collection, batch, () => {
      documents._undo = null;
      for (let i = undo.length - 1; i >= 0; i -= 1) undo[i]();
      documents._ridCount = ridCount;
    });
    return { outcome, undoEntries: undo.length };
  } finally {
    documents._undo = null;
  }
}

function runBatch(collection, batch, rollBack) {
  const batchKey = partitionKeyFromHeader(batch.partitionKey);
  const results = [];
  let failed = -1;
  for (let i = 0; i < batch.operations.length; i += 1) {
    const op = batch.operations[i];
    let outcome;
    try {
      outcome = runBatchOperation(collection, batchKey, op);
    } catch (err) {
      outcome = { statusCode: err.badRequest ? 400 : 500, body: errorBody(err.badRequest ? 400 : 500, err.message) };
    }
    const ok = outcome.statusCode < 400;
    const body = outcome.body && ok && !(op.minimalReturnPreference && WRITE_OPERATIONS.has(op.operationType)) ? outcome.body : null;
    results.push({
      statusCode: outcome.statusCode,
      eTag: ok && outcome.body && outcome.body._etag ? outcome.body._etag : null,
      resourceBody: body
    });
    if (!ok && batch.atomic !== false) {
      failed = i;
      break;
    }
  }
  if (failed < 0) return { statusCode: results.some(r => r.statusCode >= 400) ? 207 : 200, results };

  rollBack();
  const failure = results[failed];
  return {
    statusCode: failure.statusCode,
    results: batch.operations.map((_, i) => (i === failed ? failure : { statusCode: 424, eTag: null, resourceBody: null }))
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Change feed (latest version mode): items whose last write is after the continuation, oldest write first. The
// continuation (ETag) is the log sequence number of the last item returned. "*" starts from now.

function handleChangeFeed(req, res, collection) {
  const key = partitionKeyFromHeader(req.headers["x-ms-documentdb-partitionkey"]);
  const ifNoneMatch = req.headers["if-none-match"];
  const since = ifNoneMatch === "*" ? lastLsn : ifNoneMatch ? parseInt(ifNoneMatch.replace(/"/g, ""), 10) || 0 : 0;
  const ifModifiedSince = req.headers["if-modified-since"];
  const sinceTs = ifModifiedSince && !ifNoneMatch ? Date.parse(ifModifiedSince) / 1000 : null;
  const maxItemCount = parseInt(req.headers["x-ms-max-item-count"] || "-1", 10);
  const { docs, examined } = documentsIn(collection, key);
  res.setHeader("x-test-documents-examined", String(examined));
  let changes = docs
    .filter(doc => lsnOf.get(doc) > since && (sinceTs === null || doc._ts >= sinceTs))
    .sort((a, b) => lsnOf.get(a) - lsnOf.get(b));
  if (maxItemCount > 0) changes = changes.slice(0, maxItemCount);
  if (changes.length === 0) {
    res.setHeader("etag", `"${ifNoneMatch === "*" || !ifNoneMatch ? lastLsn : since}"`);
    res.setHeader("x-ms-item-count", "0"); // the SDK parses it on every page, 304 included
    return { status: 304, body: null };
  }
  res.setHeader("etag", `"${lsnOf.get(changes[changes.length - 1])}"`);
  res.setHeader("x-ms-item-count", String(changes.length));
  return {
    status: 200,
    body: { _rid: collection.read()._rid, Documents: changes.map(doc => ({ ...doc, _lsn: lsnOf.get(doc) })), _count: changes.length }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Routing

const ITEM = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/?$/;
const ITEMS = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;
const BATCH = /^\/__testserver\/batch\/dbs\/([^/]+)\/colls\/([^/]+)\/?$/;

// Handles what the package gets wrong; returns undefined to let the package answer.
async function handleOverride(req, res, pathname) {
  let match = BATCH.exec(pathname);
  if (match && req.method === "POST") {
    const collection = getCollection(decodeURIComponent(match[1]), decodeURIComponent(match[2]));
    if (!collection) return { status: 404, body: errorBody(404, "The container does not exist.") };
    res.setHeader("x-test-expiry-checked", String(purgeExpired(collection)));
    const batch = await readJson(req);
    const { outcome, undoEntries } = handleBatch(collection, batch);
    res.setHeader("x-test-undo-entries", String(undoEntries));
    return { status: 200, body: outcome };
  }

  match = ITEMS.exec(pathname) || ITEM.exec(pathname);
  if (!match) return undefined;
  const collection = getCollection(decodeURIComponent(match[1]), decodeURIComponent(match[2]));
  if (!collection) return { status: 404, body: errorBody(404, "The container does not exist.") };
  res.setHeader("x-test-expiry-checked", String(purgeExpired(collection)));
  const itemId = match[3] === undefined ? undefined : decodeURIComponent(match[3]);

  if (itemId === undefined) {
    const isQuery = req.method === "POST" && (isTrue(req, "x-ms-documentdb-isquery") || isTrue(req, "x-ms-cosmos-is-query")
      || (req.headers["content-type"] || "").startsWith("application/query+json"));
    if (isQuery || isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
      const spec = await readJson(req);
      if (!spec || typeof spec.query !== "string") return { status: 400, body: errorBody(400, "The query is missing.") };
      return isTrue(req, "x-ms-cosmos-is-query-plan-request") ? handleQueryPlan(spec) : handleQuery(req, res, collection, spec);
    }
    if (req.method === "GET" && req.headers["a-im"]) return handleChangeFeed(req, res, collection);
    return undefined;
  }
  if (req.method === "GET") return handleRead(req, collection, itemId);
  if (req.method === "PATCH") return handlePatch(req, collection, itemId);
  return undefined;
}

// The package's own handlers (create/replace/upsert/delete items, databases, containers, partition key ranges).
async function handleWithPackage(req, res) {
  const found = route(req);
  if (!found) return { status: 400, body: errorBody(400, "no route") };
  const [params, handler] = found;
  const body = await handler(account, req, res, params);
  let status = res.statusCode;
  // The SDK keeps partition key ranges current with an incremental feed; there is only ever one range.
  if (req.headers["a-im"] && status === 200 && req.headers["if-none-match"]) status = 304;
  if (req.headers["a-im"]) res.setHeader("etag", "\"1\"");
  return { status, body };
}

function send(req, res, { status, body }) {
  let payload = body;
  if (status >= 400 && (!payload || typeof payload !== "object" || !payload.code)) {
    payload = errorBody(status, payload && payload.message);
  }
  res.statusCode = status;
  if (payload && payload._etag && !res.getHeader("etag")) res.setHeader("etag", payload._etag);
  res.setHeader("content-type", "application/json");
  res.setHeader("x-ms-activity-id", crypto.randomUUID());
  res.setHeader("x-ms-request-charge", "1");
  res.setHeader("x-ms-session-token", "0:-1#1");
  if (req.headers["x-ms-documentdb-populatequerymetrics"]) {
    res.setHeader("x-ms-documentdb-query-metrics", "totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=0;outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00");
  }
  const text = status === 204 || status === 304 || payload === null || payload === undefined ? "" : JSON.stringify(payload);
  res.end(text);
}

const server = http.createServer({ keepAlive: true }, (req, res) => {
  const { pathname } = new URL(req.url, "http://localhost");
  const normalized = pathname.replace(/^\/\/+/, "/");
  (async () => {
    let outcome;
    try {
      outcome = (await handleOverride(req, res, normalized)) || (await handleWithPackage(req, res));
    } catch (err) {
      if (err.badRequest || err instanceof QuerySyntaxError || err instanceof SyntaxError) {
        outcome = { status: 400, body: errorBody(400, err.message) };
      } else {
        console.error(err);
        outcome = { status: 500, body: errorBody(500, err.message) };
      }
    }
    send(req, res, outcome);
  })().catch(err => {
    console.error(err);
    if (!res.writableEnded) {
      res.statusCode = 500;
      res.end("");
    }
  });
});

server.listen(args.port, "127.0.0.1", () => {
  const { port } = server.address();
  account = createAccount(port);
  process.stdout.write(`LISTENING ${port}\n`);
});

// Exit with the parent: it holds our stdin open for as long as it lives.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
