//! Disk trouble: writes to the journal that fail (a full disk, an I/O
//! error), some after reaching the disk in part, never leave a journal that
//! a later append or a reopen cannot read.

use super::*;
use crate::store::session::fault::{EIO, ENOSPC, Fault, Faulty, Op};

/// Makes the journal's file fail as `faults` say from now on.
fn inject(o: &mut Opened, faults: Vec<Fault>) {
    o.store
        .journal_mut()
        .wrap_file(|file| Box::new(Faulty::new(file, faults)));
}

/// Applies `change` as the app does and tries to journal it.
fn try_record(o: &mut Opened, s: &Sample, change: Change) -> Result<(), SessionError> {
    let entry = o.review.edit(s, change, stamp("A")).expect("edit").clone();
    o.store.append(&entry)
}

fn write_fails(nth: usize, errno: i32, partial: usize) -> Fault {
    Fault {
        op: Op::Write,
        nth,
        errno,
        partial,
    }
}

#[test]
fn a_write_cut_short_by_a_full_disk_is_rolled_back_before_the_next_append() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, &s, grade("A", "good"), "B");
    inject(&mut o, vec![write_fails(1, ENOSPC, 20)]);
    let err = try_record(&mut o, &s, grade("B", "inadequate")).unwrap_err();
    assert!(err.to_string().contains("No space left"), "{err}");
    try_record(&mut o, &s, grade("C", "good")).expect("space again");
    o.store
        .compact(&s, &o.review, "rev", Some("C".into()))
        .expect("compact");
    drop(o);

    let text = std::fs::read_to_string(journal_path(&path)).expect("journal");
    assert_eq!(text.lines().count(), 2, "only whole lines:\n{text}");
    let again = open(&path, &s, &Scale::hmicfrs(), "rev").expect("the session still opens");
    assert_eq!(again.review.counts(), &[2, 0, 1], "the snapshot's grades");
    let trail = load(&path, History::Full).expect("load with the trail");
    assert_eq!(trail.journal.len(), 2, "the journalled changes");
}

#[test]
fn a_failed_write_leaves_a_journal_that_reopens_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        inject(&mut o, vec![write_fails(1, EIO, 7)]);
        try_record(&mut o, &s, grade("B", "inadequate")).unwrap_err();
        try_record(&mut o, &s, grade("C", "good")).expect("the disk is back");
        // Dropped without a snapshot: a kill.
    }
    let again = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopens");
    assert_eq!(again.review.counts(), &[2, 0, 0], "A and C were journalled");
}

#[test]
fn a_failed_fsync_takes_its_line_back_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    inject(
        &mut o,
        vec![Fault {
            op: Op::Sync,
            nth: 1,
            errno: EIO,
            partial: 0,
        }],
    );
    try_record(&mut o, &s, grade("A", "good")).unwrap_err();
    assert_eq!(
        std::fs::metadata(journal_path(&path))
            .expect("journal")
            .len(),
        0,
        "a line never reported saved is not left in the journal"
    );
    try_record(&mut o, &s, grade("B", "good")).expect("append");
    assert_eq!(o.store.journal_mut().bytes(), {
        std::fs::metadata(journal_path(&path))
            .expect("journal")
            .len()
    });
}

#[test]
fn when_the_roll_back_fails_too_nothing_is_appended_until_it_succeeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, &s, grade("A", "good"), "B");
    let set_len_fails = |nth| Fault {
        op: Op::SetLen,
        nth,
        errno: EIO,
        partial: 0,
    };
    // The write fails half-way, the cut after it fails, and so does the
    // cut the next append tries first; the third cut works.
    inject(
        &mut o,
        vec![
            write_fails(1, ENOSPC, 10),
            set_len_fails(1),
            set_len_fails(2),
        ],
    );
    try_record(&mut o, &s, grade("B", "inadequate")).unwrap_err();
    try_record(&mut o, &s, grade("B", "good")).unwrap_err();
    try_record(&mut o, &s, grade("C", "good")).expect("the cut worked, then the append");
    drop(o);
    let text = std::fs::read_to_string(journal_path(&path)).expect("journal");
    assert_eq!(text.lines().count(), 2, "{text}");
    let again = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopens");
    assert_eq!(again.review.counts(), &[2, 0, 0]);
}
