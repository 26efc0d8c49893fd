//! The owner's side of the organisation pool beyond its migrations: which dilemmas take
//! answers (`wikken pool init` and `wikken pool packs` register the packs wikken loads), and
//! the database settings and PostgreSQL privileges that keep one participant from holding the
//! pool up or watching the others. What `pool init` cannot do with the rights it has, it
//! returns as SQL for someone who has them.

use super::{Client, StoreError, connect, db};
use crate::store::{ForAdministrator, Registered, Registration, Timeouts};

/// How long a session may sit idle inside a transaction before the server ends it: a
/// participant's transaction left open (a crashed client, or on purpose) holds the rows it
/// wrote for at most this long. wikken's own statements never leave a transaction idle.
pub const IDLE_IN_TRANSACTION: &str = "30s";

/// How long a statement waits for a lock before it gives up (SQLSTATE 55P03): shorter than
/// the client's statement timeout, so a wait ends in an error that says what it was.
pub const LOCK_TIMEOUT: &str = "3s";

/// The time limits `pool init` sets, as the store reports them.
pub(super) const TIMEOUTS: Timeouts =
    Timeouts { idle_in_transaction: IDLE_IN_TRANSACTION, lock: LOCK_TIMEOUT };

/// The PostgreSQL functions closed to participants (in the pool's database): the statistics
/// (`pg_stat_get_*`: who is connected and what they run, rows inserted per table, commits
/// per database), the lock table, and the sizes of tables and databases (which grow with
/// every answer), and the position of the write-ahead log. Monitoring keeps them through
/// `pg_monitor`.
const CLOSED: &str = "p.pronamespace = 'pg_catalog'::regnamespace AND (p.proname LIKE \
     'pg\\_stat\\_get\\_%' OR p.proname IN ('pg_lock_status', 'pg_blocking_pids', \
     'pg_safe_snapshot_blocking_pids', 'pg_relation_size', 'pg_table_size', \
     'pg_indexes_size', 'pg_total_relation_size', 'pg_database_size', 'pg_tablespace_size', \
     'pg_current_wal_lsn', 'pg_current_wal_insert_lsn', 'pg_current_wal_flush_lsn'))";

/// Registers dilemmas (an owner operation), in one transaction: the pool then takes answers
/// to them, with these werkwijzen. A dilemma registered before keeps the werkwijzen it had
/// and gains the new ones; nothing is ever unregistered here.
pub fn register(url: &str, dilemmas: &[Registration]) -> Result<Registered, StoreError> {
    // One row per dilemma (a key given twice would be one upsert touching a row twice).
    let mut unique = std::collections::BTreeMap::new();
    for d in dilemmas {
        let options: &mut Vec<&str> = unique.entry((&d.pack, d.v as i32, &d.dilemma)).or_default();
        options.extend(d.options.iter().map(String::as_str));
    }
    let (mut packs, mut vs, mut ids, mut options) = (vec![], vec![], vec![], vec![]);
    for ((pack, v, dilemma), opts) in &unique {
        packs.push(pack.as_str());
        vs.push(*v);
        ids.push(dilemma.as_str());
        // Option ids are slugs (`a-z`, `0-9`, `-`): a comma never occurs in one.
        options.push(opts.join(","));
    }
    let mut client = connect(url)?;
    let mut tx = client.transaction().map_err(db)?;
    let rows = tx
        .query(
            "INSERT INTO wikken.registered AS r (pack, v, dilemma, options)
             SELECT x.pack, x.v, x.dilemma,
                    ARRAY(SELECT DISTINCT o FROM unnest(string_to_array(x.options, ',')) AS o
                          ORDER BY o)
             FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[])
                  AS x(pack, v, dilemma, options)
             ON CONFLICT (pack, v, dilemma) DO UPDATE
             SET options = ARRAY(SELECT DISTINCT o FROM unnest(r.options || EXCLUDED.options) AS o
                                 ORDER BY o)
             WHERE NOT EXCLUDED.options <@ r.options
             RETURNING (r.xmax = 0)",
            &[&packs, &vs, &ids, &options],
        )
        .map_err(db)?;
    let new = rows.iter().filter(|r| r.get::<_, bool>(0)).count();
    let total: i64 =
        tx.query_one("SELECT count(*) FROM wikken.registered", &[]).map_err(db)?.get(0);
    tx.commit().map_err(db)?;
    Ok(Registered { given: unique.len(), new, widened: rows.len() - new, total: total as usize })
}

/// Sets the database's timeouts, closes the statistics functions to participants where the
/// rights allow, and returns what is left for someone else. Run at every `pool init`, so a
/// later run with more rights (or a PostgreSQL upgrade's new functions) completes it.
pub(super) fn harden(client: &mut Client) -> Result<Vec<ForAdministrator>, StoreError> {
    let mut left = Vec::new();
    let database: String =
        client.query_one("SELECT quote_ident(current_database())", &[]).map_err(db)?.get(0);
    let timeouts = format!(
        "ALTER DATABASE {database} SET idle_in_transaction_session_timeout = \
         '{IDLE_IN_TRANSACTION}';\nALTER DATABASE {database} SET lock_timeout = '{LOCK_TIMEOUT}';"
    );
    if let Err(e) = client.batch_execute(&timeouts) {
        not_allowed(e)?;
        left.push(ForAdministrator::Timeouts { database: database.clone(), sql: timeouts });
    }
    let open = |client: &mut Client| -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT count(*) FROM pg_catalog.pg_proc p WHERE {CLOSED} \
             AND has_function_privilege('public', p.oid, 'EXECUTE')"
        );
        Ok(client.query_one(&sql, &[]).map_err(db)?.get(0))
    };
    let close = format!(
        "DO $wikken$\nDECLARE f regprocedure;\nBEGIN\n    FOR f IN SELECT p.oid::regprocedure \
         FROM pg_catalog.pg_proc p WHERE {CLOSED} LOOP\n        EXECUTE format('REVOKE EXECUTE \
         ON FUNCTION %s FROM PUBLIC', f);\n        EXECUTE format('GRANT EXECUTE ON FUNCTION %s \
         TO pg_monitor', f);\n    END LOOP;\nEND\n$wikken$;"
    );
    if open(client)? > 0 {
        let superuser: bool = client
            .query_one("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", &[])
            .map_err(db)?
            .get(0);
        if superuser {
            client.batch_execute(&close).map_err(db)?;
        }
        if open(client)? > 0 {
            left.push(ForAdministrator::Statistics { database: database.clone(), sql: close });
        }
    }
    let others = client
        .query(
            "SELECT quote_ident(datname) FROM pg_database WHERE datallowconn \
             AND datname <> current_database() AND has_database_privilege('public', oid, 'CONNECT') \
             ORDER BY datname",
            &[],
        )
        .map_err(db)?;
    for row in others {
        let other: String = row.get(0);
        let sql = format!("REVOKE CONNECT ON DATABASE {other} FROM PUBLIC;");
        left.push(ForAdministrator::OtherDatabase { database: other, sql });
    }
    Ok(left)
}

/// `Ok` when `e` says the rights were lacking (SQLSTATE 42501): the step is left for someone
/// else. Any other error is an error.
fn not_allowed(e: ::postgres::Error) -> Result<(), StoreError> {
    match e.code() {
        Some(code) if *code == ::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => Ok(()),
        _ => Err(db(e)),
    }
}
