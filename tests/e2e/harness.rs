//! A pseudo-terminal harness: runs the real `casebench` binary in a pty of a
//! given size with a hermetic environment, parses what it draws with vt100,
//! and lets a test type keys and wait for text to appear on screen.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long a test waits for something to appear before it fails: only
/// a guard against a hang, never a measure of speed (benchmarks measure
/// that). Generous, because a test build reads a 400,000-case sample in
/// about 3 s alone and several such journeys share two cores: at 10 s,
/// a journey that quits once a big sample is read ran out of time now
/// and then while casebench was still, correctly, writing its session.
pub const TIMEOUT: Duration = Duration::from_secs(40);
/// How often the screen is polled while waiting.
const POLL: Duration = Duration::from_millis(20);

/// What a program sends to clear the whole screen.
const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

/// Special keys as a terminal sends them.
pub mod keys {
    /// Ctrl-r (redo).
    pub const CTRL_R: &str = "\x12";
    /// Escape (closes overlays, saves a note).
    pub const ESC: &str = "\x1b";
    /// Cursor down.
    pub const DOWN: &str = "\x1b[B";
}

/// The folders one test's casebench lives in: a config home, a data home
/// and a work folder for samples, all inside one temporary directory.
pub struct Env {
    dir: tempfile::TempDir,
    /// Whether the environment names a login user (`USER`).
    named: bool,
}

impl Env {
    /// A new, empty environment.
    pub fn new() -> Self {
        Self {
            dir: tempfile::Builder::new()
                .prefix("cb")
                .tempdir()
                .expect("temporary directory"),
            named: true,
        }
    }

    /// A new, empty environment with no login name (no `USER`, no
    /// `LOGNAME`), as on some servers and containers.
    pub fn unnamed() -> Self {
        Self {
            named: false,
            ..Self::new()
        }
    }

    /// The root of the temporary directory (used as HOME and working folder).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Whether no session has been started in the data folder.
    pub fn no_session_started(&self) -> bool {
        std::fs::read_dir(self.sessions_dir()).map_or(true, |mut d| d.next().is_none())
    }

    /// `XDG_CONFIG_HOME`.
    pub fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// `XDG_DATA_HOME`.
    pub fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    /// Where casebench keeps sessions by default.
    pub fn sessions_dir(&self) -> PathBuf {
        self.data_home().join("casebench").join("sessions")
    }

    /// The default session of the bundled demo.
    pub fn demo_session(&self) -> PathBuf {
        self.sessions_dir().join("demo.tester.session.ron")
    }

    /// The default config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_home().join("casebench").join("config.ron")
    }

    /// Writes `contents` to `name` under the root, creating folders; returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// The environment every run gets, and nothing else.
    fn vars(&self) -> Vec<(&'static str, String)> {
        let s = |p: &Path| p.to_string_lossy().into_owned();
        vec![
            ("HOME", s(self.root())),
            ("XDG_CONFIG_HOME", s(&self.config_home())),
            ("XDG_DATA_HOME", s(&self.data_home())),
            ("TERM", "xterm-256color".into()),
            ("USER", "tester".into()),
            ("LANG", "C.UTF-8".into()),
            ("TZ", "UTC".into()),
        ]
        .into_iter()
        .filter(|(k, _)| self.named || *k != "USER")
        .collect()
    }

    /// Starts casebench with `args` in a `cols`×`rows` pseudo-terminal.
    pub fn spawn(&self, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn(self, args, cols, rows)
    }

    /// Starts casebench with `args` in a 120×40 pseudo-terminal.
    pub fn open(&self, args: &[&str]) -> Pty {
        self.spawn(args, 120, 40)
    }

    /// Runs casebench headless (no terminal) and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.headless(
            std::process::Command::new(env!("CARGO_BIN_EXE_casebench")),
            args,
        )
    }

    /// `casebench summary --json SESSION`, which must succeed, parsed.
    pub fn summary_json(&self, session: &Path) -> serde_json::Value {
        let out = self.run(&["summary", "--json", &session.to_string_lossy()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "summary failed: {stderr}");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "summary --json is not JSON ({e}):\n{}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Like [`Env::run`], in a new session (`setsid`): no controlling
    /// terminal at all, so not even /dev/tty can be opened.
    pub fn run_detached(&self, args: &[&str]) -> Output {
        let mut cmd = std::process::Command::new("setsid");
        cmd.arg(env!("CARGO_BIN_EXE_casebench"));
        self.headless(cmd, args)
    }

    fn headless(&self, cmd: std::process::Command, args: &[&str]) -> Output {
        self.headless_command(cmd, args)
            .output()
            .expect("run casebench")
    }

    /// casebench with `args`, headless, to be started by the caller.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        self.headless_command(
            std::process::Command::new(env!("CARGO_BIN_EXE_casebench")),
            args,
        )
    }

    fn headless_command(
        &self,
        mut cmd: std::process::Command,
        args: &[&str],
    ) -> std::process::Command {
        cmd.args(args)
            .env_clear()
            .envs(self.vars())
            .current_dir(self.root())
            .stdin(std::process::Stdio::null());
        cmd
    }
}

/// What the reader thread has seen.
struct Seen {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// casebench running in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn std::io::Write + Send>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    seen: Arc<Mutex<Seen>>,
    closed: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Mutex<Option<ExitStatus>>,
    /// How many output bytes had been read at the last resize.
    resized_at: usize,
}

impl Pty {
    fn spawn(env: &Env, args: &[&str], cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_casebench"));
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in env.vars() {
            cmd.env(k, v);
        }
        cmd.cwd(env.root());
        let child = pair.slave.spawn_command(cmd).expect("spawn casebench");
        // Only the child may hold the slave side, so that reads see EOF when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
        }));
        let closed = Arc::new(AtomicBool::new(false));
        let thread = {
            let seen = Arc::clone(&seen);
            let closed = Arc::clone(&closed);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut seen = seen.lock().expect("screen lock");
                            seen.parser.process(&buf[..n]);
                            seen.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
                closed.store(true, Ordering::SeqCst);
            })
        };
        Self {
            master: pair.master,
            writer,
            child: Mutex::new(child),
            seen,
            closed,
            reader: Some(thread),
            status: Mutex::new(None),
            resized_at: 0,
        }
    }

    /// Types `keys` (raw bytes as a terminal would send them).
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("type into the pty");
    }

    /// The text on screen now, row by row.
    pub fn screen(&self) -> String {
        self.seen
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents()
    }

    /// Every byte the program has written so far, unparsed.
    pub fn raw(&self) -> Vec<u8> {
        self.seen.lock().expect("screen lock").raw.clone()
    }

    /// The screen's rows, trailing spaces trimmed.
    pub fn rows(&self) -> Vec<String> {
        let seen = self.seen.lock().expect("screen lock");
        let (_, cols) = seen.parser.screen().size();
        seen.parser
            .screen()
            .rows(0, cols.get())
            .map(|r| r.trim_end().to_owned())
            .collect()
    }

    /// The bottom row (the status line).
    pub fn status_line(&self) -> String {
        self.rows().pop().unwrap_or_default()
    }

    /// Waits until `pred` holds for the screen text; on timeout fails with
    /// `what` and the whole screen.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {what}\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the screen contains every one of `texts` at once (a
    /// frame may be read half drawn, so related checks wait together).
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Waits until the status line contains `text`, as a whole frame shows
    /// it (see below).
    pub fn wait_for_status(&self, text: &str) -> String {
        let start = Instant::now();
        let mut seen = None;
        loop {
            let status = self.status_line();
            // Returned once the same line is read twice, a poll apart: a
            // frame read while it was being written (the pseudo-terminal
            // hands it over in pieces) is never taken for what it says.
            if status.contains(text) && seen.as_ref() == Some(&status) {
                return status;
            }
            seen = Some(status);
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for status line {text:?}\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the status line says the graded sample was exported;
    /// the file's name, as it says it.
    pub fn exported_file(&self) -> String {
        let said = "exported the graded sample to ";
        let status = self.wait_for_status(said);
        status
            .split(said)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| self.fail("no file name after the export"))
            .to_owned()
    }

    /// Fails the test with `message` and the screen.
    pub fn fail(&self, message: &str) -> ! {
        panic!("{message}\n{}", self.dump())
    }

    /// Asserts `cond`, failing with `message` and the screen.
    pub fn check(&self, cond: bool, message: &str) {
        if !cond {
            self.fail(message);
        }
    }

    /// The screen framed for a failure message.
    pub fn dump(&self) -> String {
        let seen = self.seen.lock().expect("screen lock");
        let (rows, cols) = seen.parser.screen().size();
        let mut out = format!("---- screen {cols}x{rows} ----\n");
        for row in seen.parser.screen().rows(0, cols.get()) {
            out.push('|');
            out.push_str(&row);
            out.push_str("|\n");
        }
        out.push_str("---- end of screen ----");
        drop(seen);
        match self.try_status() {
            None => out.push_str("\ncasebench is still running"),
            Some(status) => {
                let raw = self.raw();
                let tail = &raw[raw.len().saturating_sub(800)..];
                let _ = write!(
                    out,
                    "\ncasebench exited ({status:?}); last output: {:?}",
                    String::from_utf8_lossy(tail)
                );
            }
        }
        out
    }

    /// Resizes the terminal (the program gets SIGWINCH). The parsed screen
    /// is resized and blanked: what a terminal keeps on resize varies, so
    /// only what the program draws afterwards counts.
    ///
    /// The screen lock is held from before the resize until the screen is
    /// blank, so every byte the program writes after it sees the new size
    /// is parsed after the blanking, never wiped by it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.resize_through(&[(cols, rows)]);
    }

    /// Resizes the terminal to each size in turn, back to back, as a window
    /// dragged and released faster than a frame: the program may never see
    /// the sizes in between, and must still repaint all of the last one.
    pub fn resize_through(&mut self, sizes: &[(u16, u16)]) {
        let mut seen = self.seen.lock().expect("screen lock");
        for &(cols, rows) in sizes {
            self.master
                .resize(size(cols, rows))
                .expect("resize the pty");
            seen.parser
                .screen_mut()
                .set_size(nonzero(rows), nonzero(cols));
        }
        seen.parser.process(b"\x1b[H\x1b[2J");
        self.resized_at = seen.raw.len();
    }

    /// Waits until the program has cleared the screen since the last
    /// resize: the start of its full repaint at the new size. (Output still
    /// in flight from before the resize never holds a clear, so it cannot
    /// pass for the repaint.)
    pub fn wait_for_repaint(&self) {
        let start = Instant::now();
        while !self.raw()[self.resized_at..]
            .windows(CLEAR_SCREEN.len())
            .any(|w| w == CLEAR_SCREEN)
        {
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for a repaint after a resize\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }

    /// True while the program runs.
    pub fn is_alive(&self) -> bool {
        self.try_status().is_none()
    }

    fn try_status(&self) -> Option<ExitStatus> {
        let mut status = self.status.lock().expect("status lock");
        if status.is_none() {
            *status = self
                .child
                .lock()
                .expect("child lock")
                .try_wait()
                .expect("poll the child");
        }
        status.clone()
    }

    /// Waits for the program to exit and for its last output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.try_status() {
                break status;
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "casebench did not exit within {TIMEOUT:?}\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        };
        while !self.closed.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() <= TIMEOUT,
                "the pty never closed after casebench exited\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        status
    }

    /// Everything the program wrote, as text (lossy), after it has exited.
    pub fn output_after_exit(&mut self) -> (ExitStatus, String) {
        let status = self.wait_exit();
        let text = String::from_utf8_lossy(&self.raw()).into_owned();
        (status, text)
    }

    /// Sends the program a signal (`KILL`, `TERM`, `HUP`, ...) by its pid.
    pub fn signal(&self, name: &str) {
        let pid = self
            .child
            .lock()
            .expect("child lock")
            .process_id()
            .expect("child pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{name} {pid} failed");
    }

    /// Kills the program with SIGKILL (no chance to save or restore) and
    /// waits for it to be gone.
    pub fn kill_hard(&mut self) -> ExitStatus {
        self.signal("KILL");
        let status = self.wait_exit();
        assert!(!status.success(), "a killed process cannot succeed");
        status
    }

    /// Fails unless the terminal is back as it was before casebench started:
    /// main screen, cursor shown, no mouse reporting, no bracketed paste.
    pub fn assert_terminal_restored(&self) {
        let seen = self.seen.lock().expect("screen lock");
        let screen = seen.parser.screen();
        let problems: Vec<&str> = [
            (screen.alternate_screen(), "still on the alternate screen"),
            (screen.hide_cursor(), "cursor still hidden"),
            (
                screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
                "mouse reporting still on",
            ),
            (screen.bracketed_paste(), "bracketed paste still on"),
        ]
        .into_iter()
        .filter_map(|(bad, what)| bad.then_some(what))
        .collect();
        drop(seen);
        if !problems.is_empty() {
            self.fail(&format!("terminal not restored: {}", problems.join(", ")));
        }
    }
}

impl Drop for Pty {
    /// A test that failed half-way must not leave casebench running.
    fn drop(&mut self) {
        let Ok(child) = self.child.get_mut() else {
            return;
        };
        if let Ok(None) = child.try_wait()
            && let Some(pid) = child.process_id()
        {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("terminal sizes are at least 1")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Unix permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The progress text for `n` of the demo's 74 cases, with the space before
/// it so that "1/74" never matches "11/74".
pub fn graded(n: usize) -> String {
    format!(" {n}/74 graded")
}

/// What a session file says, as far as these tests care.
#[derive(Debug, serde::Deserialize)]
pub struct SessionFile {
    /// Format version.
    pub version: u32,
    /// Reviewer who last worked on it.
    pub reviewer: String,
    /// Case the reviewer was on.
    pub cursor: Option<String>,
    /// Cases with something recorded (version 2: a tab-separated table
    /// in one string, read here on its own, independently of casebench).
    #[serde(deserialize_with = "case_table")]
    pub cases: Vec<CaseState>,
    /// How much of the journal (the audit trail) the snapshot includes.
    pub journal: JournalMark,
}

/// The snapshot's mark in the journal.
#[derive(Debug, serde::Deserialize)]
pub struct JournalMark {
    /// Journal length in bytes.
    pub bytes: u64,
    /// Sequence number of the last change included.
    pub seq: u64,
}

/// One case in a session file.
#[derive(Debug)]
pub struct CaseState {
    /// Case id.
    pub id: String,
    /// Level id.
    pub grade: Option<String>,
    /// Who last changed it.
    pub by: Option<String>,
    /// Flagged for discussion.
    pub flagged: bool,
    /// The rationale note.
    pub note: String,
    /// Criterion id → answer name (`met`, `not_met`, `not_applicable`).
    pub criteria: BTreeMap<String, String>,
}

/// A table cell's text: `%` and two hex digits stand for a byte.
fn unescape(cell: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = cell.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).expect("hex");
            bytes.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("UTF-8")
}

/// The cases of a snapshot's case table: a header line naming the
/// columns, then a line a case, cells separated by tabs.
fn case_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<CaseState>, D::Error> {
    use serde::Deserialize as _;
    let table = String::deserialize(d)?;
    let mut lines = table.lines().filter(|l| !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let (id, grade, by) = (column("id"), column("grade"), column("by"));
    let (flagged, note, criteria) = (column("flagged"), column("note"), column("criteria"));
    Ok(lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |k: usize| Some(unescape(cells[k])).filter(|c| !c.is_empty());
            CaseState {
                id: unescape(cells[id]),
                grade: cell(grade),
                by: cell(by),
                flagged: cells[flagged] == "yes",
                note: unescape(cells[note]),
                criteria: cells[criteria]
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(|pair| {
                        let (c, a) = pair.split_once('=').expect("criterion=answer");
                        (unescape(c), a.to_owned())
                    })
                    .collect(),
            }
        })
        .collect())
}

impl SessionFile {
    /// Reads and parses a session file.
    pub fn read(path: &Path) -> Self {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
    }

    /// Number of changes (audit-trail entries) the snapshot includes.
    pub fn changes(&self) -> usize {
        usize::try_from(self.journal.seq).expect("fits")
    }

    /// (id, grade) of every graded case, in file order.
    pub fn grades(&self) -> Vec<(String, String)> {
        self.cases
            .iter()
            .filter_map(|c| c.grade.clone().map(|g| (c.id.clone(), g)))
            .collect()
    }
}

/// Non-empty lines of a journal file (one entry each).
pub fn journal_entries(session: &Path) -> usize {
    std::fs::read_to_string(journal_path(session))
        .map_or(0, |t| t.lines().filter(|l| !l.trim().is_empty()).count())
}

/// The journal path beside a session file.
pub fn journal_path(session: &Path) -> PathBuf {
    let mut name = session.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}
