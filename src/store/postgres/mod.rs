//! The organisation pool on PostgreSQL: the database itself keeps answers anonymous.
//!
//! `wikken pool init URL` (run as the database owner) applies the migrations built into the
//! binary: schema `wikken`, its tables, a few SECURITY DEFINER functions and the role
//! `wikken_participant`, which may execute those functions and read no table. A participant
//! sends per-dilemma pseudonyms — keyed hashes of a secret that never leaves the machine
//! (`DATA/pool-secret`) — so even the administrator cannot link one person's answers across
//! dilemmas; a second keyed hash proves ownership for revising and forgetting. k and the
//! release batch live in the database; a dilemma's changes become visible only in batches of
//! at least k, so comparing before and after one answer reveals nothing. Only the dilemmas
//! the owner registered take answers (`wikken pool packs`), each login a limited number a day.

use std::path::Path;
use std::time::Duration;

pub use ::postgres::{Client, Config, NoTls};
use sha2::{Digest, Sha256};

use super::error::{PoolFailure, StoreError};

mod admin;
mod core;
mod error;
mod pool;
/// The owner's data, kept by the store for every backend; named here too for this
/// backend's users.
pub use crate::store::{ForAdministrator, Registered, Registration};
pub use admin::{IDLE_IN_TRANSACTION, LOCK_TIMEOUT, register};
pub use pool::{DbPool, Postgres, remembered};

/// The migrations, in order: (version, SQL). Each runs once, in its own transaction.
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("001_init.sql")),
    (2, include_str!("002_bundles.sql")),
    (3, include_str!("003_counts.sql")),
    (4, include_str!("004_erasure.sql")),
    (5, include_str!("005_participants.sql")),
];

/// How long a connection attempt may take before the answer stays in the journal.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// How long one statement (or unacknowledged data on the wire) may take.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a pool setting names a PostgreSQL server rather than a folder.
pub fn is_url(pool: &str) -> bool {
    pool.starts_with("postgres://") || pool.starts_with("postgresql://")
}

/// A server URL as it may be shown or remembered: without its password, cleaned for the
/// terminal.
pub fn redact(url: &str) -> String {
    use ::postgres::config::Host;
    // Rebuilt from what the client library parsed — user, hosts, ports, database — and the
    // TLS settings wikken reads itself, never from the raw text: a password can also sit in
    // the query (`?password=`) or contain an unencoded `@`.
    let (base, tls) = tls_settings(url);
    let unreadable = || "postgresql://(onleesbaar adres / unreadable address)".to_string();
    let Ok(config) = base.parse::<Config>() else { return unreadable() };
    // An `@` in a host name means a password with an unencoded `@` was split in the wrong
    // place: no part of such an address is shown.
    let odd = |h: &Host| matches!(h, Host::Tcp(name) if name.contains('@'));
    if config.get_hosts().iter().any(odd) {
        return unreadable();
    }
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let host = match h {
                Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            };
            match ports.get(i).or(ports.first()) {
                Some(port) if matches!(h, Host::Tcp(_)) => format!("{host}:{port}"),
                _ => host,
            }
        })
        .collect();
    let user = config.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    let db = config.get_dbname().unwrap_or_default();
    let mut shown = format!("postgresql://{user}{}/{db}", hosts.join(","));
    let mut query = Vec::new();
    if let Some(mode) = &tls.mode {
        query.push(format!("sslmode={mode}"));
    }
    if let Some(root) = &tls.root_cert {
        query.push(format!("sslrootcert={}", root.display()));
    }
    if !query.is_empty() {
        shown = format!("{shown}?{}", query.join("&"));
    }
    crate::clean::line(&shown).into_owned()
}

/// An error from the server, as the store reports it (its kind from the SQLSTATE).
fn db(e: ::postgres::Error) -> StoreError {
    error::classify(&e)
}

/// A submit's or revision's error: the pool's own refusals typed (SQLSTATE WK001: the
/// dilemma, its version or the werkwijze is not registered; WK002: the login's daily limit,
/// the limit in DETAIL), anything else as the server said it.
fn refused(e: ::postgres::Error, d: DilemmaRef) -> StoreError {
    match e.as_db_error() {
        Some(x) if x.code().code() == "WK001" => StoreError::NotRegistered {
            pack: d.pack.to_string(),
            v: d.v,
            dilemma: d.dilemma.to_string(),
        },
        Some(x) if x.code().code() == "WK002" => {
            StoreError::DailyLimit(x.detail().and_then(|n| n.parse().ok()).unwrap_or(0))
        }
        _ => db(e),
    }
}

/// The server's own words where there are any ("permission denied for table answers"),
/// else the client's ("connection refused").
pub fn message(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        // The client's words, with the cause ("error performing TLS handshake: invalid
        // peer certificate: UnknownIssuer").
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// Connects with the libpq conventions the `postgres` crate follows (URL, `PGPASSWORD` is
/// read by it when the URL has none), within [`CONNECT_TIMEOUT`].
///
/// The whole attempt is bounded, not only the socket's: a server (or anything listening on
/// its port) that accepts and then stays silent would otherwise hold the start-up
/// handshake forever. The attempt runs on its own thread; when it has not finished in time
/// it is abandoned (the thread ends when the socket does) and this says so.
fn connect(url: &str) -> Result<Client, StoreError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = url.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(connect_unbounded(&owned));
    });
    match rx.recv_timeout(CONNECT_TIMEOUT + Duration::from_secs(1)) {
        Ok(result) => result,
        Err(_) => {
            // Never connected: not reached (the screen says so), not "stopped answering".
            let secs = CONNECT_TIMEOUT.as_secs() + 1;
            let detail = format!("{}: no answer within {secs} seconds", redact(url));
            Err(StoreError::pool(PoolFailure::Unreachable, detail))
        }
    }
}

fn connect_unbounded(url: &str) -> Result<Client, StoreError> {
    let (url, tls) = tls_settings(url);
    let mut config: Config = url.parse().map_err(db)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    // A server that vanishes mid-session (a network cut, a laptop leaving the Wi-Fi) must
    // not hang a save: unacknowledged data fails the connection within seconds, idle
    // connections are probed, and the server gives up on any statement after a few
    // seconds. The answer is in the journal by then and goes in at the next start.
    config.tcp_user_timeout(QUERY_TIMEOUT);
    config.keepalives(true).keepalives_idle(Duration::from_secs(30));
    if config.get_options().is_none() {
        config.options(&format!("-c statement_timeout={}", QUERY_TIMEOUT.as_millis()));
    }
    if config.get_password().is_none() {
        // libpq's order: the URL, then PGPASSWORD, then the password file.
        if let Ok(pw) = std::env::var("PGPASSWORD") {
            config.password(pw);
        } else if let Some(pw) = pgpass_password(&config) {
            config.password(pw);
        }
    }
    // A local socket carries no TLS (and needs none: nothing sits between the ends).
    #[cfg(unix)]
    let local = config.get_hosts().iter().all(|h| matches!(h, ::postgres::config::Host::Unix(_)));
    // Elsewhere postgres has no sockets: every host is reached over the network.
    #[cfg(not(unix))]
    let local = false;
    if tls.mode.as_deref() == Some("disable") || local {
        config.ssl_mode(::postgres::config::SslMode::Disable);
        return config.connect(NoTls).map_err(db);
    }
    // Over the network TLS is required and verified whatever the URL says short of
    // `sslmode=disable`: libpq's default `prefer` (and `allow`) would carry on in clear
    // text when whoever answers says "no TLS here", handing answers, reasoning and the
    // ownership tokens to anyone on the path; `require` without verification protects
    // nobody from a man in the middle either.
    config.ssl_mode(::postgres::config::SslMode::Require);
    config.connect(tls_connector(tls.root_cert.as_deref())?).map_err(db)
}

/// The libpq TLS settings in a URL (`sslmode`, `sslrootcert`), which wikken handles itself.
#[derive(Debug, Default, PartialEq, Eq)]
struct TlsSettings {
    mode: Option<String>,
    root_cert: Option<std::path::PathBuf>,
}

/// Takes `sslmode` and `sslrootcert` out of a URL's query (the client library knows only
/// disable/prefer/require); `PGSSLMODE` and `PGSSLROOTCERT` apply when the URL has none.
fn tls_settings(url: &str) -> (String, TlsSettings) {
    let mut tls = TlsSettings::default();
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => tls.mode = Some(v.to_string()),
            Some(("sslrootcert", v)) => tls.root_cert = Some(v.into()),
            _ => kept.push(pair),
        }
    }
    tls.mode = tls.mode.or_else(|| std::env::var("PGSSLMODE").ok());
    tls.root_cert = tls.root_cert.or_else(|| std::env::var_os("PGSSLROOTCERT").map(Into::into));
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    (url, tls)
}

/// A TLS connector that verifies the server's certificate and name against the system's
/// roots, plus `root_cert` (a PEM file) when given.
fn tls_connector(
    root_cert: Option<&Path>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = root_cert {
        let pem = crate::fsx::read_capped(path, 1 << 20).map_err(|e| StoreError::open(path, e))?;
        use rustls::pki_types::{CertificateDer, pem::PemObject};
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let unreadable =
                |e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{e}"));
            let cert = cert.map_err(|e| StoreError::io(path, unreadable(e)))?;
            let bad = |e: rustls::Error| StoreError::pool(PoolFailure::Unreachable, e.to_string());
            roots.add(cert).map_err(bad)?;
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::pool(PoolFailure::Damaged, e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The password for this connection from `PGPASSFILE` or `~/.pgpass` (libpq's format:
/// `host:port:database:user:password`, `*` matches anything, `\:` and `\\` escape). Like
/// libpq, a file that others can read is ignored.
fn pgpass_password(config: &Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    let text = String::from_utf8(crate::fsx::read_capped(&path, 1 << 20).ok()?).ok()?;
    let host = match config.get_hosts().first() {
        Some(::postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let dbname = config.get_dbname().unwrap_or_default().to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    pgpass_lookup(&text, [&host, &port, &dbname, &user])
}

/// The password of the first line whose four fields match (`*` matches anything).
fn pgpass_lookup(text: &str, want: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 5 && fields[..4].iter().zip(want).all(|(f, w)| f == "*" || f == w) {
            return fields.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_settings_are_taken_out_of_the_url() {
        let (url, tls) = tls_settings(
            "postgresql://anna@db/wikken?sslmode=verify-full&application_name=w&sslrootcert=/ca.pem",
        );
        assert_eq!(url, "postgresql://anna@db/wikken?application_name=w");
        assert_eq!(tls.mode.as_deref(), Some("verify-full"));
        assert_eq!(tls.root_cert.as_deref(), Some(Path::new("/ca.pem")));
        let (url, _) = tls_settings("postgresql://anna@db/wikken?sslmode=disable");
        assert_eq!(url, "postgresql://anna@db/wikken");
    }

    #[test]
    fn pgpass_lines_match_like_libpq() {
        let text = "# comment\nother:5432:*:anna:fout\ndb.gemeente.nl:5432:wikken:anna:ge\\:heim\n*:*:*:*:elk\n";
        assert_eq!(
            pgpass_lookup(text, ["db.gemeente.nl", "5432", "wikken", "anna"]).as_deref(),
            Some("ge:heim")
        );
        assert_eq!(pgpass_lookup(text, ["x", "1", "y", "z"]).as_deref(), Some("elk"));
        assert_eq!(pgpass_lookup("a:b:c:d", ["a", "b", "c", "d"]), None);
        assert!(is_url("postgresql://x/y") && is_url("postgres://x") && !is_url("/mnt/team"));
    }
}

pub use crate::store::InitReport;

/// Creates or upgrades the organisation pool (as the database owner). Running it again
/// applies nothing and changes nothing.
pub fn init(url: &str) -> Result<InitReport, StoreError> {
    let mut client = connect(url)?;
    client
        .batch_execute(
            "CREATE SCHEMA IF NOT EXISTS wikken;
             CREATE TABLE IF NOT EXISTS wikken.migrations (
                 version integer PRIMARY KEY, applied date NOT NULL DEFAULT current_date);
             REVOKE ALL ON wikken.migrations FROM PUBLIC;",
        )
        .map_err(db)?;
    let mut applied = Vec::new();
    for (version, sql) in MIGRATIONS {
        let mut tx = client.transaction().map_err(db)?;
        // One migration at a time, even with two administrators at once.
        tx.batch_execute("LOCK TABLE wikken.migrations IN EXCLUSIVE MODE").map_err(db)?;
        // A migration over millions of rows may take longer than a participant's statement,
        // and may wait a while for participants' statements to finish (longer than the
        // database's lock_timeout for them, which a previous `init` set).
        tx.batch_execute("SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = '60s'")
            .map_err(db)?;
        let done = tx
            .query_opt("SELECT 1 FROM wikken.migrations WHERE version = $1", &[version])
            .map_err(db)?
            .is_some();
        if !done {
            tx.batch_execute(sql).map_err(db)?;
            tx.execute("INSERT INTO wikken.migrations (version) VALUES ($1)", &[version])
                .map_err(db)?;
            applied.push(*version);
        }
        tx.commit().map_err(db)?;
    }
    let left = admin::harden(&mut client)?;
    let version = MIGRATIONS.last().map_or(0, |m| m.0);
    Ok(InitReport { applied, version, timeouts: Some(admin::TIMEOUTS), left })
}

/// Counts for `wikken pool status` (never rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The threshold the database keeps.
    pub k: i32,
    /// The release batch.
    pub batch: i32,
    /// Dilemmas with answers.
    pub dilemmas: i32,
    /// Released answers.
    pub answers: i32,
}

/// One released distribution as the database gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DbDistribution {
    /// Participants counted (released).
    pub participants: u32,
    /// Whether k was reached; below it only `participants` is known.
    pub visible: bool,
    /// (werkwijze, first choices, after revision), sorted.
    pub options: Vec<(String, u32, u32)>,
}

/// A participant's connection to the organisation pool.
pub struct PgPool {
    client: Client,
    secret: Vec<u8>,
    /// Statements prepared on this connection, by their SQL: a call then costs one round
    /// trip instead of two (prepare, execute), which halves a submit's wait on a busy server.
    prepared: Vec<(&'static str, ::postgres::Statement)>,
}

/// Which dilemma an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DilemmaRef<'a> {
    /// Pack id.
    pub pack: &'a str,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: &'a str,
}

impl PgPool {
    /// Connects as a participant, with this install's secret.
    pub fn connect(url: &str, secret: &[u8]) -> Result<Self, StoreError> {
        Ok(PgPool { client: connect(url)?, secret: secret.to_vec(), prepared: Vec::new() })
    }

    /// `sql`, prepared once per connection.
    fn statement(&mut self, sql: &'static str) -> Result<::postgres::Statement, StoreError> {
        if let Some((_, s)) = self.prepared.iter().find(|(q, _)| *q == sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(db)?;
        self.prepared.push((sql, s.clone()));
        Ok(s)
    }

    /// A keyed hash of the secret and a dilemma, 64 hex digits; `purpose` separates the
    /// pseudonym from the ownership token.
    fn keyed(&self, purpose: &str, d: DilemmaRef) -> String {
        let mut h = Sha256::new();
        h.update(&self.secret);
        for part in [purpose, d.pack, &d.v.to_string(), d.dilemma] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        crate::ids::hex(&h.finalize())
    }

    /// The per-dilemma pseudonym.
    pub fn pseudonym(&self, d: DilemmaRef) -> String {
        self.keyed("p", d)
    }

    fn token(&self, d: DilemmaRef) -> String {
        self.keyed("t", d)
    }

    fn owner(&self, d: DilemmaRef) -> String {
        crate::ids::hex(&Sha256::digest(self.token(d).as_bytes()))
    }

    /// Submits (or replaces) this participant's answer to a dilemma.
    pub fn submit(
        &mut self,
        d: DilemmaRef,
        first: &str,
        revised: Option<&str>,
        reasoning: Option<&str>,
    ) -> Result<(), StoreError> {
        let (p, owner) = (self.pseudonym(d), self.owner(d));
        let v = d.v as i32;
        let submit = self.statement("SELECT wikken.submit($1, $2, $3, $4, $5, $6, $7, $8)")?;
        self.client
            .execute(&submit, &[&d.pack, &v, &d.dilemma, &p, &owner, &first, &revised, &reasoning])
            .map_err(|e| refused(e, d))?;
        Ok(())
    }

    /// Records a revision; `false` when there was no answer of this participant.
    pub fn revise(&mut self, d: DilemmaRef, revised: &str) -> Result<bool, StoreError> {
        let (p, token) = (self.pseudonym(d), self.token(d));
        let v = d.v as i32;
        let row = self
            .client
            .query_one(
                "SELECT wikken.revise($1, $2, $3, $4, $5, $6)",
                &[&d.pack, &v, &d.dilemma, &p, &token, &revised],
            )
            .map_err(|e| refused(e, d))?;
        Ok(row.get::<_, i32>(0) > 0)
    }

    /// Erases this participant's answers to these dilemmas; returns how many rows went.
    pub fn forget<'a>(
        &mut self,
        dilemmas: impl IntoIterator<Item = DilemmaRef<'a>>,
    ) -> Result<usize, StoreError> {
        let mut gone = 0;
        for d in dilemmas {
            let (p, token) = (self.pseudonym(d), self.token(d));
            let v = d.v as i32;
            let row = self
                .client
                .query_one(
                    "SELECT wikken.forget($1, $2, $3, $4, $5)",
                    &[&d.pack, &v, &d.dilemma, &p, &token],
                )
                .map_err(db)?;
            gone += row.get::<_, i32>(0) as usize;
        }
        Ok(gone)
    }

    /// The released distribution of a dilemma.
    pub fn distribution(&mut self, d: DilemmaRef) -> Result<DbDistribution, StoreError> {
        let v = d.v as i32;
        let distribution = self.statement("SELECT * FROM wikken.distribution($1, $2, $3)")?;
        let rows = self.client.query(&distribution, &[&d.pack, &v, &d.dilemma]).map_err(db)?;
        let mut out = DbDistribution::default();
        for row in rows {
            out.participants = row.get::<_, i32>(0) as u32;
            out.visible = row.get(1);
            if let Some(option) = row.get::<_, Option<String>>(2) {
                let first: i32 = row.get::<_, Option<i32>>(3).unwrap_or(0);
                let after: i32 = row.get::<_, Option<i32>>(4).unwrap_or(0);
                out.options.push((option, first as u32, after as u32));
            }
        }
        out.options.sort();
        Ok(out)
    }

    /// Shared reasoning of a dilemma (only at k or more; random order).
    pub fn shared_reasoning(&mut self, d: DilemmaRef) -> Result<Vec<String>, StoreError> {
        let v = d.v as i32;
        let rows = self
            .client
            .query("SELECT * FROM wikken.shared_reasoning($1, $2, $3)", &[&d.pack, &v, &d.dilemma])
            .map_err(db)?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    /// What `wikken stats` may show, as the database releases it: distributions of the
    /// dilemmas at k or more, counts of the others. (All answers count as the team's own: an
    /// organisation pool has no imports or session files.)
    pub fn summary(&mut self) -> Result<super::Summary, StoreError> {
        use super::{Counts, Scope, SummaryRow};
        let k = self.status()?.k;
        let mut rows: Vec<SummaryRow> = Vec::new();
        let stats = self.client.query("SELECT * FROM wikken.stats()", &[]).map_err(db)?;
        for r in stats {
            let (pack, v, dilemma): (String, i32, String) = (r.get(0), r.get(1), r.get(2));
            let participants = r.get::<_, i32>(3) as u32;
            let at =
                rows.iter().position(|x| x.pack == pack && x.v == v as u32 && x.dilemma == dilemma);
            let i = match at {
                Some(i) => i,
                None => {
                    rows.push(SummaryRow {
                        pack,
                        v: v as u32,
                        dilemma,
                        counts: Counts { own: participants, sessions: 0, other: 0 },
                        scope: Scope::Hidden,
                        first: Vec::new(),
                        after: Vec::new(),
                        moves: Vec::new(),
                    });
                    rows.len() - 1
                }
            };
            if let Some(option) = r.get::<_, Option<String>>(4) {
                let first = r.get::<_, Option<i32>>(5).unwrap_or(0) as u32;
                let after = r.get::<_, Option<i32>>(6).unwrap_or(0) as u32;
                rows[i].first.push((option.clone(), first));
                rows[i].after.push((option, after));
            }
        }
        let moves = self.client.query("SELECT * FROM wikken.moves()", &[]).map_err(db)?;
        for m in moves {
            let (pack, v, dilemma): (String, i32, String) = (m.get(0), m.get(1), m.get(2));
            if let Some(row) =
                rows.iter_mut().find(|x| x.pack == pack && x.v == v as u32 && x.dilemma == dilemma)
            {
                row.moves.push((m.get(3), m.get(4), m.get::<_, i32>(5) as u32));
            }
        }
        for row in &mut rows {
            // Visible is what the database released werkwijzen for: its rule (own answers
            // alone at k, or other teams' alone) decides, never the total participants.
            row.scope = if row.first.is_empty() { Scope::Hidden } else { Scope::All };
            row.first.sort();
            row.after.sort();
            row.moves.sort();
        }
        rows.sort_by(|a, b| (&a.pack, a.v, &a.dilemma).cmp(&(&b.pack, b.v, &b.dilemma)));
        Ok(super::Summary { k: k as u32, rows })
    }

    /// Whether the server closed the connection (it went away, or was restarted).
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// The connection, for owner operations (export, import) that read tables.
    fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The pool's export key (an owner operation): it hashes this pool's pseudonyms in
    /// bundles, so they come back recognisably and cannot be linked to rows here.
    pub fn export_key(&mut self) -> Result<Vec<u8>, StoreError> {
        let row = self.client.query_one("SELECT key FROM wikken.export_key", &[]).map_err(db)?;
        Ok(row.get::<_, String>(0).into_bytes())
    }

    /// The tombstones that came with imported bundles (an owner operation).
    pub fn tombstones(&mut self) -> Result<Vec<String>, StoreError> {
        let rows = self.client.query("SELECT t FROM wikken.tombstones", &[]).map_err(db)?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    /// Imports other teams' records and tombstones in one transaction (an owner
    /// operation): the records by COPY into a temporary table, then merged — the last of a
    /// participant's records per dilemma wins, an unchanged record changes nothing, this
    /// pool's own rows are never touched — and imported rows whose tombstone is known are
    /// removed. Returns how many records were new or changed.
    pub fn import(
        &mut self,
        records: &[&super::PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError> {
        use std::io::Write as _;
        let mut tx = self.client.transaction().map_err(db)?;
        // A bundle of a million records takes longer than one participant's statement may:
        // the owner's import is one transaction without the statement timeout.
        tx.batch_execute("SET LOCAL statement_timeout = 0").map_err(db)?;
        tx.batch_execute(
            "CREATE TEMP TABLE incoming (ord bigserial, pack text, v integer, dilemma text, \
             p text, day date, first text, revised text, reasoning text, rid text) \
             ON COMMIT DROP",
        )
        .map_err(db)?;
        let mut w = tx
            .copy_in(
                "COPY incoming (pack, v, dilemma, p, day, first, revised, reasoning, rid) \
                 FROM STDIN WITH (FORMAT csv)",
            )
            .map_err(db)?;
        let mut line = String::new();
        for r in records {
            line.clear();
            let fields = [
                Some(r.pack.as_str()),
                Some(&r.v.to_string()),
                Some(r.dilemma.as_str()),
                Some(r.p.as_str()),
                Some(r.date.as_str()),
                Some(r.first.as_str()),
                r.revised.as_deref(),
                r.reasoning.as_deref(),
                Some(r.rid.as_str()),
            ]
            .map(|f| f.map(csv_field));
            // An unquoted empty field is NULL in PostgreSQL's CSV.
            line.push_str(&fields.map(Option::unwrap_or_default).join(","));
            line.push('\n');
            w.write_all(line.as_bytes())
                .map_err(|e| StoreError::pool(PoolFailure::Unreachable, e.to_string()))?;
        }
        w.finish().map_err(db)?;
        let ts: Vec<&str> = tombstones.iter().map(|t| t.as_str()).collect();
        tx.execute(
            "INSERT INTO wikken.tombstones (t) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING",
            &[&ts],
        )
        .map_err(db)?;
        let added = tx
            .execute(
                "INSERT INTO wikken.answers (pack, v, dilemma, p, owner, day, first, revised, \
                 reasoning, pub_first, pub_revised, pub_reasoning, dirty, imported, rid) \
                 SELECT pack, v, dilemma, p, \
                        encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), \
                        day, first, revised, NULLIF(reasoning, ''), first, revised, \
                        NULLIF(reasoning, ''), false, true, rid \
                 FROM (SELECT DISTINCT ON (pack, v, dilemma, p) * FROM incoming \
                       ORDER BY pack, v, dilemma, p, ord DESC) latest \
                 ON CONFLICT (pack, v, dilemma, p) DO UPDATE \
                 SET first = EXCLUDED.first, revised = EXCLUDED.revised, \
                     reasoning = EXCLUDED.reasoning, pub_first = EXCLUDED.pub_first, \
                     pub_revised = EXCLUDED.pub_revised, pub_reasoning = EXCLUDED.pub_reasoning, \
                     day = EXCLUDED.day, rid = EXCLUDED.rid \
                 WHERE answers.imported AND (answers.first, answers.revised, answers.reasoning) \
                       IS DISTINCT FROM (EXCLUDED.first, EXCLUDED.revised, EXCLUDED.reasoning)",
                &[],
            )
            .map_err(db)?;
        tx.execute(
            "DELETE FROM wikken.answers a USING wikken.tombstones t WHERE a.imported AND \
             t.t = encode(sha256(convert_to('wikken-tombstone', 'UTF8') || '\\x00'::bytea \
                                 || convert_to(a.p, 'UTF8')), 'hex')",
            &[],
        )
        .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(added as usize)
    }

    /// The dilemmas the pool takes answers to, as (pack, version, dilemma).
    pub fn registered(&mut self) -> Result<Vec<(String, u32, String)>, StoreError> {
        let rows =
            self.client.query("SELECT * FROM wikken.registered_dilemmas()", &[]).map_err(db)?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get::<_, i32>(1) as u32, r.get(2))).collect())
    }

    /// Counts for `wikken pool status`.
    pub fn status(&mut self) -> Result<Status, StoreError> {
        let row = self.client.query_one("SELECT * FROM wikken.status()", &[]).map_err(db)?;
        Ok(Status { k: row.get(0), batch: row.get(1), dilemmas: row.get(2), answers: row.get(3) })
    }
}

/// A CSV field for COPY: always quoted (so an empty text is not NULL), quotes doubled,
/// and NUL — which PostgreSQL's text cannot hold — left out.
fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('\0', "").replace('"', "\"\""))
}

/// The install secret's file in DATA: per-dilemma pseudonyms and ownership tokens come
/// from it, and it never leaves the machine.
pub const SECRET_FILE: &str = "pool-secret";

/// The folder in DATA where each organisation pool's ledger says which answers it took.
pub const SYNC_DIR: &str = "pool-sync";

/// Reads `DATA/pool-secret` (32 bytes from the OS), creating it on first use; it never
/// leaves this machine.
pub fn load_or_create_secret(data: &Path) -> Result<Vec<u8>, StoreError> {
    let hex = super::identity::load_or_create_secret_hex(data, SECRET_FILE)?;
    Ok(hex.into_bytes())
}
