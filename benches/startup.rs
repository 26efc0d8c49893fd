//! Time from starting `wikken` to its first frame, with the bundled packs, in a
//! pseudo-terminal: `cargo bench --bench startup`. Prints the median and the slowest of
//! 20 runs; the numbers go into BENCHMARKS.md.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn first_frame(data: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.arg("--data");
    cmd.arg(data);
    cmd.env("LANG", "C.UTF-8");
    cmd.env("TERM", "xterm-256color");
    cmd.env("WIKKEN_CONFIG", "/nonexistent/wikken-bench-config.toml");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let elapsed = loop {
        let n = reader.read(&mut buf).expect("read");
        seen.extend_from_slice(&buf[..n]);
        // The home screen's last entry is drawn in the first frame (one word: ratatui skips
        // blank cells, so the spaces between words are cursor moves, not text).
        if String::from_utf8_lossy(&seen).contains("toetsen") {
            break start.elapsed();
        }
        assert!(n > 0, "wikken ended before drawing");
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn main() {
    let data = tempfile::tempdir().expect("tmp");
    first_frame(data.path()); // warm the file cache
    let mut times: Vec<Duration> = (0..20).map(|_| first_frame(data.path())).collect();
    times.sort();
    println!(
        "startup to first frame: median {:.1} ms, slowest {:.1} ms (20 runs)",
        times[10].as_secs_f64() * 1000.0,
        times[19].as_secs_f64() * 1000.0
    );
}
