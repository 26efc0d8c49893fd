//! What the owner of a pool that keeps its own rules (the organisation's database) is told
//! and asks for, whatever kind of server it is: what `pool init` could not do with the
//! rights it has, the time limits it set, and which dilemmas the pool takes answers to
//! (`pool packs`). Plain data, so the messages and the commands need no backend.

/// The time limits a server pool sets for its participants' sessions at `pool init`, as the
/// server writes them ("30s").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// How long a session may sit idle inside a transaction before the server ends it.
    pub idle_in_transaction: &'static str,
    /// How long a statement waits for a lock before it gives up.
    pub lock: &'static str,
}

/// A step `pool init` could not take with the rights it has, with the exact SQL for someone
/// who has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForAdministrator {
    /// The database's [`Timeouts`]: for the database's owner or a superuser.
    Timeouts {
        /// The database.
        database: String,
        /// The statements.
        sql: String,
    },
    /// Closing the statistics, lock and size functions to participants, in the pool's
    /// database: for a superuser.
    Statistics {
        /// The database.
        database: String,
        /// The statement.
        sql: String,
    },
    /// Another database on the same server that every login may connect to: from there,
    /// `pg_stat_activity` shows anyone who is connected to the pool. For that database's
    /// owner or a superuser (or the pool gets a server of its own).
    OtherDatabase {
        /// That database.
        database: String,
        /// The statement.
        sql: String,
    },
}

impl ForAdministrator {
    /// The SQL to run.
    pub fn sql(&self) -> &str {
        match self {
            ForAdministrator::Timeouts { sql, .. }
            | ForAdministrator::Statistics { sql, .. }
            | ForAdministrator::OtherDatabase { sql, .. } => sql,
        }
    }

    /// Whether this is the statistics step (until it is taken, participants can watch
    /// each other through the server's statistics).
    pub fn is_statistics(&self) -> bool {
        matches!(self, ForAdministrator::Statistics { .. })
    }
}

/// One dilemma a pool is to take answers to, with its werkwijzen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// The werkwijzen (option ids) an answer may choose.
    pub options: Vec<String>,
}

/// What registering dilemmas did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Registered {
    /// Dilemmas given.
    pub given: usize,
    /// Of those, new to the pool.
    pub new: usize,
    /// Of those, known before with fewer werkwijzen (now with all of them).
    pub widened: usize,
    /// Dilemmas the pool takes answers to now, all together.
    pub total: usize,
}
