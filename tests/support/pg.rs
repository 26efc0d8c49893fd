//! A throwaway PostgreSQL cluster from the system's binaries, for the organisation pool's
//! tests (`tests/postgres.rs`) and benchmark (`benches/postgres.rs`), which include this file
//! with `#[path]`: initdb into a temporary folder, a unix socket only, the unprivileged
//! `postgres` OS user when run as root. Where PostgreSQL is not installed, `Server::start`
//! says loudly that it skipped; with `WIKKEN_REQUIRE_POSTGRES=1` (set by `.ci/run`) that is
//! a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use wikken::store::postgres;

/// A running throwaway cluster; stopped and removed when dropped.
pub struct Server {
    /// The temporary folder: the cluster's data, its socket and log, and room for tests.
    pub dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
    /// The server options, to start it again after [`Server::stop`].
    opts: String,
    /// The port: on 127.0.0.1 when the options listen there, and always in the socket's name.
    pub port: u16,
}

fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

impl Server {
    /// Starts a cluster, or `None` (after saying so) when PostgreSQL is not installed.
    pub fn start() -> Option<Server> {
        Server::start_with(|_| String::new())
    }

    /// Starts a cluster with extra server options (`-c name=value …`), which `options` may
    /// prepare files in the data folder for.
    pub fn start_with(options: impl FnOnce(&Path) -> String) -> Option<Server> {
        Server::start_at(5432, options)
    }

    /// Starts a cluster on `port` with extra server options (`-c listen_addresses=127.0.0.1`
    /// makes it reachable over TCP there too).
    #[allow(dead_code)] // not every includer needs TCP
    pub fn start_on(port: u16, extra: &str) -> Option<Server> {
        Server::start_at(port, |_| extra.to_string())
    }

    fn start_at(port: u16, options: impl FnOnce(&Path) -> String) -> Option<Server> {
        let Some(bin) = bin_dir() else {
            let required = std::env::var("WIKKEN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            assert!(!required, "PostgreSQL is not installed, and this run requires it");
            eprintln!("\n*** PostgreSQL not installed: organisation pool tests SKIPPED ***\n");
            return None;
        };
        let dir = tempfile::tempdir().expect("tmp");
        // PostgreSQL refuses to run as root: then the cluster belongs to `postgres`.
        // SAFETY: geteuid has no preconditions.
        let as_postgres = unsafe { libc::geteuid() } == 0;
        let mut server = Server { dir, bin, as_postgres, opts: String::new(), port };
        if as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(server.dir.path())
                .status()
                .expect("chown");
            assert!(ok.success());
        }
        let data = server.dir.path().join("data");
        server.run(
            "initdb",
            &[
                "-D",
                path(&data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        let extra = options(&data);
        if server.as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&data)
                .status()
                .expect("chown");
            assert!(ok.success());
        }
        server.opts = format!(
            "-k {} -p {port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off {extra}",
            server.dir.path().display()
        );
        server.start_again();
        Some(server)
    }

    /// Starts the (stopped) cluster.
    pub fn start_again(&self) {
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("log");
        self.run("pg_ctl", &["-D", path(&data), "-o", &self.opts, "-l", path(&log), "-w", "start"]);
    }

    /// Stops the cluster, cutting every connection, as a restart or a network cut looks to
    /// a client. (Fast, not immediate: the test server runs without synchronous commit, so
    /// a crash could lose what it had already confirmed.)
    #[allow(dead_code)] // not every includer stops its server
    pub fn stop(&self) {
        let data = self.dir.path().join("data");
        self.run("pg_ctl", &["-D", path(&data), "-m", "fast", "-w", "stop"]);
    }

    pub fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let out = cmd.args(args).output().expect(tool);
        assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// A URL for `user` on the socket.
    pub fn url(&self, user: &str) -> String {
        let socket: String = self
            .dir
            .path()
            .display()
            .to_string()
            .bytes()
            .map(|b| if b == b'/' { "%2F".to_string() } else { (b as char).to_string() })
            .collect();
        format!("postgresql://{user}@{socket}:{}/postgres", self.port)
    }

    /// Runs the real `wikken` binary with its data in `data` and no settings file; returns
    /// the exit code, stdout and stderr.
    #[allow(dead_code)] // not every includer runs the binary
    pub fn wikken(&self, data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wikken"))
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("WIKKEN_DATA", data)
            .env("WIKKEN_CONFIG", self.dir.path().join("none.toml"))
            .stdin(std::process::Stdio::null())
            .output()
            .expect("wikken");
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        (out.status.code(), text(out.stdout), text(out.stderr))
    }

    pub fn owner(&self) -> postgres::Client {
        postgres::Config::new()
            .host_path(self.dir.path())
            .port(self.port)
            .user("postgres")
            .dbname("postgres")
            .connect(postgres::NoTls)
            .expect("owner connects")
    }

    /// Registers made-up dilemmas of `pack` (werkwijzen `a` to `h`) as the owner, as
    /// `wikken pool packs` registers real packs: the pool takes answers to registered
    /// dilemmas only.
    #[allow(dead_code)] // not every includer submits
    pub fn register(&self, pack: &str, v: u32, dilemmas: &[&str]) {
        let list: Vec<postgres::Registration> = dilemmas
            .iter()
            .map(|d| postgres::Registration {
                pack: pack.into(),
                v,
                dilemma: (*d).into(),
                options: "abcdefgh".chars().map(String::from).collect(),
            })
            .collect();
        postgres::register(&self.url("postgres"), &list).expect("register");
    }

    /// Creates a login role that holds only `wikken_participant`.
    pub fn participant(&self, name: &str) -> String {
        self.owner()
            .batch_execute(&format!(
                "CREATE ROLE {name} LOGIN; GRANT wikken_participant TO {name};"
            ))
            .expect("role");
        self.url(name)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let program = self.bin.join("pg_ctl");
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let _ = cmd.arg("-D").arg(&data).args(["-m", "immediate", "stop"]).output();
    }
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
