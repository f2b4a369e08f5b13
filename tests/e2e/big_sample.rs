//! Journey: a sample big enough to take a while shows how far its reading
//! has got, and `Esc` cancels it before anything is written.

use std::fmt::Write as _;

use super::harness::Env;

#[test]
fn a_big_sample_shows_its_progress_and_esc_cancels_it() {
    let env = Env::new();
    // 400,000 cases: seconds to read in a test build, so the progress
    // screen is up long before the cases are read.
    let mut csv = String::from("id,title,category,opened,summary\n");
    for i in 0..400_000 {
        let _ = writeln!(
            csv,
            "BIG-{i:06},Case {i},Missing from home or care,2025-06-12,The child was found at 03:10 after {i} hours."
        );
    }
    let sample = env.write("big.csv", &csv);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for_all(&["big.csv", "reading", "Esc cancel (nothing is written yet)"]);
    app.send("\x1b");
    let (status, output) = app.output_after_exit();
    assert!(status.success(), "{output}");
    assert!(
        output.contains("cancelled: nothing was written"),
        "{output}"
    );
    assert!(
        !env.sessions_dir().exists()
            || std::fs::read_dir(env.sessions_dir())
                .expect("sessions")
                .next()
                .is_none(),
        "no session is started for a sample whose reading was cancelled"
    );
}
