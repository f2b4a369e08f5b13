//! Kill safety: casebench killed with SIGKILL at random moments — while it
//! opens, while grading, while quitting, while starting afresh — never
//! loses a grade the screen showed and never leaves a session that does not
//! open. The moments come from a fixed seed, so every run tries the same
//! ones. `CASEBENCH_KILLS=1000 cargo test --test e2e kills` is the long
//! version; the normal run does 200.

use std::time::Duration;

use super::harness::{Env, Pty};

/// A small deterministic generator (64-bit LCG), so every run kills at the
/// same moments.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// The "N/74 graded" the screen shows, if a whole one is on it.
fn shown_graded(app: &Pty) -> Option<u64> {
    let screen = app.screen();
    let at = screen.find("/74 graded")?;
    let digits: String = screen[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// What the session on disk says is graded; the session must open.
fn graded_on_disk(env: &Env) -> u64 {
    let summary = env.summary_json(&env.demo_session());
    summary["graded"].as_u64().expect("a count")
}

#[test]
fn sigkill_at_random_moments_never_loses_a_shown_grade() {
    let kills: u64 = std::env::var("CASEBENCH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let env = Env::new();
    let mut moments = Moments(20_261_128);
    let mut survived = 0;
    let mut shown_max = 0;
    for i in 0..kills {
        let scenario = moments.next(4);
        let fresh = scenario == 3;
        let mut app = if fresh {
            env.open(&["--fresh"])
        } else {
            env.open(&[])
        };
        match scenario {
            // While it opens: before, during or just after the first frame.
            0 => std::thread::sleep(Duration::from_millis(moments.next(40))),
            // While grading: a burst of grade and movement keys.
            1 | 3 => {
                app.wait_until("the first frame", |s| s.contains("/74 graded"));
                let keys: String = (0..=moments.next(12))
                    .map(|_| ["1", "2", "3", "j", "f"][moments.next(5) as usize])
                    .collect();
                app.send(&keys);
                std::thread::sleep(Duration::from_millis(moments.next(30)));
            }
            // While quitting: the snapshot is being written.
            _ => {
                app.wait_until("the first frame", |s| s.contains("/74 graded"));
                app.send("3q");
                std::thread::sleep(Duration::from_millis(moments.next(15)));
            }
        }
        let shown = shown_graded(&app);
        if app.is_alive() {
            // It may have quit on its own since: a process not yet reaped
            // can still be signalled, and its status is whatever it was.
            app.signal("KILL");
        }
        app.wait_exit();
        drop(app);
        if !env.demo_session().exists() {
            // Killed before the session was written (it is written before
            // the first frame), or while --fresh moved the old one aside
            // (kept as a backup): then nothing of it was on screen.
            assert!(
                fresh || shown.is_none(),
                "kill {i}: the screen showed a review, but there is no session"
            );
            survived += 1;
            continue;
        }
        let on_disk = graded_on_disk(&env);
        if let Some(shown) = shown.filter(|_| !fresh) {
            // Grades only go up here ("f" flags, "j" moves), so the disk
            // holds at least every grade the screen showed.
            assert!(
                on_disk >= shown,
                "kill {i} (scenario {scenario}): the screen showed {shown} graded, the disk has {on_disk}"
            );
            shown_max = shown_max.max(shown);
        }
        let check = env.run(&["check", &env.demo_session().to_string_lossy()]);
        assert!(
            check.status.success(),
            "kill {i}: the session is not sound:\n{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        survived += 1;
    }
    assert_eq!(survived, kills);
    assert!(shown_max > 0, "some kills came after grades were shown");
}
