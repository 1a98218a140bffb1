import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { CompiledQuery as Compiled, SqliteDialect, SqliteDriver } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Kysely's SQLite dialect with two changes for a store that the server and the CLI share:
 * write transactions start with BEGIN IMMEDIATE (so a second process waits on the busy timeout
 * instead of failing on a lock upgrade), and boolean parameters are bound as 1/0, which is what
 * better-sqlite3 accepts.
 */
export class RollcallSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        return connection.executeQuery<R>(withSqliteParameters(query));
      },
      streamQuery<R>(
        query: CompiledQuery,
        chunkSize?: number,
      ): AsyncIterableIterator<QueryResult<R>> {
        return connection.streamQuery<R>(withSqliteParameters(query), chunkSize);
      },
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('begin immediate'));
  }
}

function withSqliteParameters(query: CompiledQuery): CompiledQuery {
  if (!query.parameters.some((p) => typeof p === 'boolean')) return query;
  return {
    ...query,
    parameters: query.parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p)),
  };
}

/**
 * Carries the better-sqlite3 handle on an embedded store's Kysely instance (and so on its
 * transactions), for the bulk paths that run prepared statements (`bulkInsert`). It changes no
 * query.
 */
export class RawSqlitePlugin implements KyselyPlugin {
  constructor(readonly database: BetterSqlite3.Database) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The better-sqlite3 handle behind `db`, or undefined on PostgreSQL. */
export function rawSqlite<DB>(db: Kysely<DB>): BetterSqlite3.Database | undefined {
  for (const plugin of db.getExecutor().plugins)
    if (plugin instanceof RawSqlitePlugin) return plugin.database;
  return undefined;
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement, prepared once per handle and SQL text. */
export function cachedStatement(
  database: BetterSqlite3.Database,
  text: string,
): BetterSqlite3.Statement {
  let cache = statements.get(database);
  if (!cache) {
    cache = new Map();
    statements.set(database, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = database.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}
