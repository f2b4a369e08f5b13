//! Writing an export the reviewer asked for. A big sample's is written in
//! a thread of its own, on the review as it stood (shared, not copied:
//! keys wait until it is written), while the screen shows how far it has
//! got; a small one's at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::app::{Action, App, ExportFailure};
use crate::config::Config;
use crate::config::sample::ReportText;
use crate::model::case::Sample;
use crate::model::review::Review;
use crate::model::team::Team;
use crate::store::export::{self, ExportError, ExportOptions, Format, Input, Overwrite};
use crate::store::progress::Progress;

/// Samples of this many cases and more are exported in a thread: a
/// 1,000,000-case CSV takes a second or two, which keys should not wait
/// for.
pub(super) const AWAY_FROM: usize = 50_000;

/// An export to write: everything it reads, owned or shared, so that it
/// can be written in another thread. The sample, review and readings are
/// shared: taking them costs nothing however many cases there are.
pub(super) struct Job {
    sample: Arc<Sample>,
    review: Arc<Review>,
    reviewer: String,
    config: Config,
    wording: ReportText,
    columns: Vec<String>,
    team: Option<Arc<Team>>,
    session: PathBuf,
    format: Format,
    path: PathBuf,
    redact: bool,
    overwrite: bool,
}

impl Job {
    /// The export of `app` as it stands, in `format` to `path`.
    pub(super) fn new(
        app: &App,
        (format, path): (Format, PathBuf),
        (redact, overwrite): (bool, bool),
    ) -> Self {
        Self {
            sample: app.shared_sample(),
            review: app.shared_review(),
            reviewer: app.reviewer().to_owned(),
            config: app.config().clone(),
            wording: app.report_wording().clone(),
            columns: app.report_columns().to_vec(),
            team: app.shared_team(),
            session: app.session_path().to_owned(),
            format,
            path,
            redact,
            overwrite,
        }
    }

    /// Writes the file, reporting how far it has got to `progress`; the
    /// outcome as the action that tells the app.
    pub(super) fn run(self, progress: Option<&Progress>) -> Action {
        let input = Input::new(&self.sample, &self.review, &self.reviewer, &self.config)
            .worded(&self.wording, &self.columns)
            .with_team(self.team.as_deref());
        let input = match progress {
            Some(progress) => input.watched(progress),
            None => input,
        };
        let options = ExportOptions {
            redact: self.redact,
            ..ExportOptions::default()
        };
        let overwrite = if self.overwrite {
            Overwrite::Allow
        } else {
            Overwrite::Refuse
        };
        let result = export::to_file(
            &input,
            self.format,
            options,
            &self.path,
            &self.session,
            overwrite,
        );
        Action::Exported(match result {
            Ok(()) => Ok(self.path),
            Err(ExportError::Exists(p)) => Err(ExportFailure::Exists(p)),
            Err(ExportError::Cancelled) => Err(ExportFailure::Cancelled),
            Err(e) => Err(ExportFailure::Failed(e.to_string())),
        })
    }
}

/// An export being written in a thread, and how far it has got.
pub(super) struct Writing {
    handle: JoinHandle<Action>,
    progress: Arc<Progress>,
}

impl Writing {
    /// Starts writing `job` in a thread.
    pub(super) fn start(job: Job) -> Self {
        let progress = Arc::new(Progress::default());
        let watched = Arc::clone(&progress);
        Self {
            handle: std::thread::spawn(move || job.run(Some(&watched))),
            progress,
        }
    }

    /// Asks the export to stop: it ends with nothing written.
    pub(super) fn cancel(&self) {
        self.progress.stop();
    }

    /// Whether the file is written (or failed).
    pub(super) fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// The percentage written so far.
    pub(super) fn percent(&self) -> u8 {
        #[allow(
            clippy::cast_sign_loss,
            reason = "a share between 0 and 1, so 0 to 100"
        )]
        let percent = (self.progress.now().1.unwrap_or(0.0) * 100.0).floor() as u8;
        percent
    }

    /// Waits until the file is written; the outcome.
    pub(super) fn finish(self) -> Action {
        self.handle.join().unwrap_or_else(|_| {
            Action::Exported(Err(ExportFailure::Failed(
                "the export stopped unexpectedly; nothing was written".into(),
            )))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app_on, run, sample};

    #[test]
    fn an_export_shares_the_review_and_keeps_it_as_it_stood() {
        let mut app = app_on(sample(3));
        run(&mut app, &[Action::Grade(0)]);
        let job = Job::new(&app, (Format::Csv, "out.csv".into()), (false, false));
        assert!(Arc::ptr_eq(&job.review, &app.shared_review()), "not copied");
        // A change made meanwhile is the app's alone.
        run(&mut app, &[Action::Grade(2)]);
        assert_eq!(app.review().graded(), 2);
        assert_eq!(job.review.graded(), 1, "the export's review as it stood");
        assert!(!Arc::ptr_eq(&job.review, &app.shared_review()));
    }
}
