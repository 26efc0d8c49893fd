//! The organisation pool on PostgreSQL: the database itself keeps answers anonymous.
//!
//! `wikken pool init URL` (run as the database owner) applies the migrations built into the
//! binary: schema `wikken`, its tables, a few SECURITY DEFINER functions and the role
//! `wikken_participant`, which may execute those functions and read no table. A participant
//! sends per-dilemma pseudonyms — keyed hashes of a secret that never leaves the machine
//! (`DATA/pool-secret`) — so even the administrator cannot link one person's answers across
//! dilemmas; a second keyed hash proves ownership for revising and forgetting. k and the
//! release batch live in the database; a dilemma's changes become visible only in batches of
//! at least three, so comparing before and after one answer reveals nothing.

use std::path::Path;
use std::time::Duration;

pub use ::postgres::{Client, Config, NoTls};
use sha2::{Digest, Sha256};

use super::error::StoreError;

/// The migrations, in order: (version, SQL). Each runs once, in its own transaction.
const MIGRATIONS: &[(i32, &str)] =
    &[(1, include_str!("001_init.sql")), (2, include_str!("002_counts.sql"))];

/// How long a connection attempt may take before the answer stays in the journal.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Whether a pool setting names a PostgreSQL server rather than a folder.
pub fn is_url(pool: &str) -> bool {
    pool.starts_with("postgres://") || pool.starts_with("postgresql://")
}

/// An error from the server, as the store reports it.
fn db(e: ::postgres::Error) -> StoreError {
    StoreError::Database(message(&e))
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
fn connect(url: &str) -> Result<Client, StoreError> {
    let (url, tls) = tls_settings(url);
    let mut config: Config = url.parse().map_err(db)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_password().is_none() {
        // libpq's order: the URL, then PGPASSWORD, then the password file.
        if let Ok(pw) = std::env::var("PGPASSWORD") {
            config.password(pw);
        } else if let Some(pw) = pgpass_password(&config) {
            config.password(pw);
        }
    }
    match tls.mode.as_deref() {
        Some("disable") => {
            config.ssl_mode(::postgres::config::SslMode::Disable);
            config.connect(NoTls).map_err(db)
        }
        mode => {
            // verify-ca and verify-full are what wikken always does; require too: a
            // connection that is encrypted but not verified protects nobody's answers from
            // whoever sits between laptop and server.
            let required = matches!(mode, Some("require" | "verify-ca" | "verify-full"));
            if required {
                config.ssl_mode(::postgres::config::SslMode::Require);
            }
            config.connect(tls_connector(tls.root_cert.as_deref())?).map_err(db)
        }
    }
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
        for cert in rustls_pemfile::certs(&mut &pem[..]) {
            let cert = cert.map_err(|e| StoreError::io(path, e))?;
            roots.add(cert).map_err(|e| StoreError::Database(e.to_string()))?;
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Database(e.to_string()))?
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

/// What `pool init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// Migrations applied now.
    pub applied: Vec<i32>,
    /// The schema version after this run.
    pub version: i32,
}

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
    Ok(InitReport { applied, version: MIGRATIONS.last().map_or(0, |m| m.0) })
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
        super::hex(&h.finalize())
    }

    /// The per-dilemma pseudonym.
    pub fn pseudonym(&self, d: DilemmaRef) -> String {
        self.keyed("p", d)
    }

    fn token(&self, d: DilemmaRef) -> String {
        self.keyed("t", d)
    }

    fn owner(&self, d: DilemmaRef) -> String {
        super::hex(&Sha256::digest(self.token(d).as_bytes()))
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
            .map_err(db)?;
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
            .map_err(db)?;
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
                        scope: if participants >= k as u32 { Scope::All } else { Scope::Hidden },
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
            row.first.sort();
            row.after.sort();
            row.moves.sort();
        }
        rows.sort_by(|a, b| (&a.pack, a.v, &a.dilemma).cmp(&(&b.pack, b.v, &b.dilemma)));
        Ok(super::Summary { k: k as u32, rows })
    }

    /// Counts for `wikken pool status`.
    pub fn status(&mut self) -> Result<Status, StoreError> {
        let row = self.client.query_one("SELECT * FROM wikken.status()", &[]).map_err(db)?;
        Ok(Status { k: row.get(0), batch: row.get(1), dilemmas: row.get(2), answers: row.get(3) })
    }
}

/// Reads `DATA/pool-secret` (32 bytes from the OS), creating it on first use; it never
/// leaves this machine.
pub fn load_or_create_secret(data: &Path) -> Result<Vec<u8>, StoreError> {
    let hex = super::identity::load_or_create_secret_hex(data, "pool-secret")?;
    Ok(hex.into_bytes())
}
