//! How far a long read has got, shared between the thread doing it and the
//! screen showing it: a stage, and bytes (or items) done of a total.
//! Plain atomics: the reader never waits for the screen.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What a long read is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Parsing them into cases.
    Parsing,
    /// Opening (or creating) the session.
    Opening,
    /// Counting a population's rows, the first of drawing a sample's two
    /// passes.
    Counting,
    /// Drawing the sample, the second pass.
    Drawing,
    /// Writing an export.
    Writing,
}

impl Stage {
    const ALL: [Stage; 6] = [
        Stage::Reading,
        Stage::Parsing,
        Stage::Opening,
        Stage::Counting,
        Stage::Drawing,
        Stage::Writing,
    ];

    /// The stage as the screen says it ("reading").
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Parsing => "reading cases",
            Stage::Opening => "opening the session",
            Stage::Counting => "counting rows (pass 1 of 2)",
            Stage::Drawing => "drawing the sample (pass 2 of 2)",
            Stage::Writing => "writing",
        }
    }
}

/// Progress of a long read.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
    stop: AtomicBool,
}

impl Progress {
    /// Asks the work watched to stop: work that looks ends with nothing
    /// written.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether the work watched was asked to stop.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Begins `stage`, of `total` units (0: unknown).
    pub fn start(&self, stage: Stage, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Records `done` units of the current stage done.
    pub fn set(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Records `more` units of the current stage done, by one of several
    /// workers sharing it.
    pub fn add(&self, more: u64) {
        self.done.fetch_add(more, Ordering::Relaxed);
    }

    /// Takes back `less` units of the current stage recorded done: work
    /// that was thrown away, to be done again.
    pub fn take_back(&self, less: u64) {
        // Never below nothing: what is taken back may not all have been
        // recorded yet.
        let _ = self
            .done
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |done| {
                Some(done.saturating_sub(less))
            });
    }

    /// The current stage, and the share of it done (`None`: unknown).
    pub fn now(&self) -> (Stage, Option<f64>) {
        let stage = Stage::ALL
            .get(usize::from(self.stage.load(Ordering::Relaxed)))
            .copied()
            .unwrap_or(Stage::Reading);
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        #[allow(
            clippy::cast_precision_loss,
            reason = "a share for a progress bar needs no more than f64's 52 bits"
        )]
        let share = (total > 0).then(|| (done.min(total) as f64) / (total as f64));
        (stage, share)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_shares_are_reported() {
        let p = Progress::default();
        assert_eq!(p.now(), (Stage::Reading, None));
        p.start(Stage::Parsing, 200);
        p.set(50);
        assert_eq!(p.now(), (Stage::Parsing, Some(0.25)));
        p.set(500);
        assert_eq!(p.now().1, Some(1.0), "never past the whole");
        p.start(Stage::Opening, 0);
        assert_eq!(p.now(), (Stage::Opening, None));
        // Drawing a sample names each of its two passes.
        for stage in [Stage::Counting, Stage::Drawing, Stage::Writing] {
            p.start(stage, 10);
            assert_eq!(p.now().0, stage);
        }
        assert!(Stage::Drawing.label().contains("pass 2 of 2"));
    }
}
