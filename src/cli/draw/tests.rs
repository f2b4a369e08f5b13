use super::*;
use crate::cli::csv_ids as ids;

/// A population of 60 rows in three areas (30, 20, 10), with a BOM and a
/// Windows-1252 byte in one title.
fn population(dir: &Path) -> PathBuf {
    let mut bytes = b"\xEF\xBB\xBFid,title,category\n".to_vec();
    for i in 0..60 {
        let area = match i % 6 {
            0..=2 => "missing",
            3 | 4 => "custody",
            _ => "online",
        };
        bytes.extend_from_slice(format!("P-{i:03},case {i},{area}\n").as_bytes());
    }
    bytes.extend_from_slice(b"P-999,caf\xE9 visit,online\n");
    let path = dir.join("population.csv");
    std::fs::write(&path, bytes).expect("write");
    path
}

fn args(population: &Path, out: &Path, stratify: Option<&str>, method: Method) -> DrawArgs {
    DrawArgs {
        population: population.to_owned(),
        size: 12,
        seed: 2026,
        method,
        stratify: stratify.map(str::to_owned),
        min_per_stratum: 0,
        out: Some(out.to_owned()),
        force: false,
    }
}

#[test]
fn the_same_inputs_and_seed_give_the_same_sample_and_a_record_of_the_draw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pop = population(dir.path());
    let options = ReadOptions::default();
    for method in [Method::Random, Method::Systematic] {
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        run(&args(&pop, &a, None, method), &options).expect("draw a");
        run(&args(&pop, &b, None, method), &options).expect("draw b");
        assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
        assert_eq!(ids(&a).len(), 12);
        // It opens as a sample, and its settings state the draw for the report.
        let sample = crate::store::sample::load_sample(&a).expect("opens");
        assert_eq!(sample.len(), 12);
        let settings = settings_path(&a);
        let setup = crate::config::sample::for_sample(&a, crate::config::Config::default())
            .expect("settings parse");
        let method_text = setup.report.method.expect("method");
        assert!(
            method_text.contains("from population.csv (61 rows, xxh3-128:"),
            "{method_text}"
        );
        assert!(method_text.contains("with seed 2026"));
        assert!(
            std::fs::read_to_string(&settings)
                .expect("s")
                .contains("// hash: xxh3-128:")
        );
        std::fs::remove_file(&a).expect("rm");
        std::fs::remove_file(&b).expect("rm");
        std::fs::remove_file(settings_path(&a)).expect("rm");
        std::fs::remove_file(settings_path(&b)).expect("rm");
    }
    // Pinned: a change of algorithm or generator is caught here.
    let pinned = dir.path().join("pinned.csv");
    run(&args(&pop, &pinned, None, Method::Random), &options).expect("draw");
    assert_eq!(
        ids(&pinned),
        [
            "P-002", "P-003", "P-008", "P-013", "P-022", "P-033", "P-034", "P-042", "P-047",
            "P-052", "P-053", "P-057"
        ]
    );
}

#[test]
fn stratified_draws_give_each_stratum_its_proportional_share() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pop = population(dir.path());
    let out = dir.path().join("s.csv");
    run(
        &args(&pop, &out, Some("Category"), Method::Random),
        &ReadOptions::default(),
    )
    .expect("draw");
    let text = std::fs::read_to_string(&out).expect("read");
    let count = |area: &str| text.lines().filter(|l| l.ends_with(area)).count();
    // 30 / 20 / 11 of 61, 12 drawn: 5.9 / 3.9 / 2.2 → 6 / 4 / 2.
    assert_eq!(
        (count(",missing"), count(",custody"), count(",online")),
        (6, 4, 2)
    );
    // Every row drawn: the Windows-1252 title comes out as UTF-8.
    let all = dir.path().join("all.csv");
    let mut every = args(&pop, &all, None, Method::Systematic);
    every.size = 61;
    run(&every, &ReadOptions::default()).expect("draw all");
    let text = std::fs::read_to_string(&all).expect("read");
    assert!(text.contains("P-999,café visit,online"), "{text}");
}

#[test]
fn impossible_draws_are_refused_in_words_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pop = population(dir.path());
    let out = dir.path().join("s.csv");
    let mut too_many = args(&pop, &out, None, Method::Random);
    too_many.size = 100;
    let e = run(&too_many, &ReadOptions::default()).expect_err("too many");
    assert!(e.to_string().contains("100"), "{e}");
    let e = run(
        &args(&pop, &out, Some("region"), Method::Random),
        &ReadOptions::default(),
    )
    .expect_err("no column");
    assert!(
        e.to_string()
            .contains("the columns are: id, title, category"),
        "{e}"
    );
    let e = run(
        &args(&pop, &out, Some("category"), Method::Systematic),
        &ReadOptions::default(),
    )
    .expect_err("systematic strata");
    assert!(e.to_string().contains("random within each stratum"), "{e}");
    assert!(!out.exists() && !settings_path(&out).exists());
    // An existing file is never replaced without --force.
    std::fs::write(&out, "keep").expect("write");
    let e = run(
        &args(&pop, &out, None, Method::Random),
        &ReadOptions::default(),
    )
    .expect_err("exists");
    assert!(e.to_string().contains("--force"), "{e}");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep");
}
