import type { DatabaseConnection, Driver, QueryResult, CompiledQuery } from 'kysely';
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
