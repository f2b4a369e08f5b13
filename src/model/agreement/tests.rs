use super::*;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};

fn sample() -> Sample {
    let mut b = SampleBuilder::new();
    for (id, area) in [("A", "x"), ("B", "x"), ("C", "y"), ("D", "y"), ("E", "y")] {
        b.push(CaseFields {
            id: id.into(),
            category: Some(area.into()),
            ..CaseFields::default()
        });
    }
    b.finish(
        "s",
        None,
        SampleSource {
            path: None,
            hash: "h".into(),
        },
    )
}

fn grades(who: &str, g: &[Option<u8>]) -> Grades {
    Grades {
        reviewer: who.into(),
        grades: g.to_vec(),
    }
}

#[test]
fn two_reviewers_counts_confusion_areas_and_disagreements() {
    let alice = grades("alice", &[Some(0), Some(0), Some(2), Some(1), None]);
    let bob = grades("bob", &[Some(0), Some(2), Some(1), None, Some(2)]);
    let r = report(
        &sample(),
        &Scale::hmicfrs(),
        &[alice, bob],
        &Bootstrap::default(),
    );
    let p = r.pair.as_ref().expect("pair");
    assert_eq!((p.both, p.only_first, p.only_second), (3, 1, 1));
    assert_eq!(r.graded_by_one_only, [1, 1]);
    assert_eq!(p.confusion, [[1, 0, 1], [0, 0, 0], [0, 1, 0]]);
    assert_eq!(p.percent.value, Some(1.0 / 3.0));
    assert!(p.percent.low.is_some() && p.percent.high.is_some());
    // The same pairs give the same statistic as the module computes.
    let direct = two_raters([(0, 0), (0, 2), (2, 1)], 3, &Bootstrap::default()).expect("ok");
    assert_eq!(p.quadratic.value, direct.quadratic.value.get());
    let areas: Vec<_> = p.areas.iter().map(|a| (a.area.as_str(), a.both)).collect();
    assert_eq!(areas, [("x", 2), ("y", 1)]);
    // One disagreeing pair in area y: no better than chance.
    let y = &p.areas[1];
    assert_eq!((y.percent, y.quadratic.value), (Some(0.0), Some(0.0)));
    assert_eq!(y.quadratic.note, None, "areas have no intervals to explain");
    let cases: Vec<_> = r
        .disagreements
        .iter()
        .map(|d| (d.case.as_str(), d.distance))
        .collect();
    assert_eq!(
        cases,
        [("B", 2), ("C", 1)],
        "largest first; graded once is no disagreement"
    );
    assert_eq!(
        r.disagreements[0].grades,
        [Some("Good".to_owned()), Some("Inadequate".to_owned())]
    );
    assert!(r.many.is_none());
}

#[test]
fn everyone_on_one_grade_is_undefined_in_words_never_nan() {
    let same = [Some(1), Some(1), Some(1), None, None];
    let r = report(
        &sample(),
        &Scale::hmicfrs(),
        &[grades("a", &same), grades("b", &same)],
        &Bootstrap::default(),
    );
    let p = r.pair.as_ref().expect("pair");
    assert_eq!(p.percent.value, Some(1.0));
    for s in [&p.cohen, &p.linear, &p.quadratic, &p.alpha] {
        assert_eq!(s.value, None);
        assert!(s.note.as_deref().is_some_and(|n| !n.is_empty()));
    }
    let json = serde_json::to_string(&r).expect("json");
    assert!(!json.contains("NaN") && !json.contains("null,\"low\":null,\"high\":null}"));
    assert!(r.disagreements.is_empty());
}

#[test]
fn three_reviewers_with_gaps_give_fleiss_and_alpha() {
    let r = report(
        &sample(),
        &Scale::hmicfrs(),
        &[
            grades("a", &[Some(0), Some(1), Some(2), None, None]),
            grades("b", &[Some(0), Some(1), Some(2), Some(2), None]),
            grades("c", &[None, Some(1), Some(1), None, Some(0)]),
        ],
        &Bootstrap::default(),
    );
    let m = r.many.as_ref().expect("many");
    assert_eq!((m.graded, m.pairable), (5, 3));
    assert_eq!(r.graded_by_one_only, [0, 1, 1]);
    assert!(m.fleiss.value.is_some() && m.alpha.value.is_some());
    assert!(r.pair.is_none());
    assert_eq!(r.disagreements.len(), 1);
    assert_eq!(r.disagreements[0].case, "C");
    assert_eq!(
        r.disagreements[0].grades[2].as_deref(),
        Some("Requires improvement")
    );
}
