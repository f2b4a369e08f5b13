//! What the tally panel, the details overlay and exports compute from the
//! review: the breakdown, the summary and the running tally.

use super::App;
use crate::model::breakdown::Breakdown;
use crate::model::tally::Tally;

impl App {
    /// The grades by area and criteria answers (one pass over the sample).
    pub fn breakdown(&self) -> Breakdown {
        Breakdown::new(
            &self.session.sample,
            &self.session.review,
            self.session.config.criteria.iter().map(|c| c.id.as_str()),
        )
    }

    /// The summary with intervals and the reference comparison, as
    /// `casebench summary` prints it.
    pub fn summary(&self) -> crate::model::summary::Summary {
        let reference = self
            .session
            .config
            .reference
            .as_ref()
            .map(|r| (r.label.as_str(), r.counts.as_slice()));
        crate::model::summary::Summary::new(
            &self.session.sample.name,
            self.session.review.scale(),
            self.session.review.counts(),
            self.session.sample.len() as u64,
            reference,
            self.session.config.confidence,
        )
    }

    /// The running tally, with the configured reference.
    pub fn tally(&self) -> Tally {
        let reference = self
            .session
            .config
            .reference
            .as_ref()
            .map(|r| r.counts.as_slice());
        let mut tally = Tally::new(
            self.session.review.scale(),
            self.session.review.counts(),
            self.session.sample.len() as u64,
            reference,
        );
        tally.counting = self.preview.is_some();
        tally
    }
}
