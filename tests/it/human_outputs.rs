//! The long human outputs — the table, Markdown, years side by side, `explain`, `check`, `needs` and
//! the import's review list — as insta snapshots (`tests/it/snapshots/`), from the real binary on the
//! fixtures. Each snapshot was read line by line when it was accepted; the figures worked out by hand
//! are written beside its test. A snapshot that changes must be read again the same way (README,
//! "Quick start": how to review and accept one).

use std::path::Path;

use crate::common::{at_a_terminal, fixture, kpi};

/// Runs `kpi ARGS` in `dir` (a pipe, so the table takes the width its cells need, whatever the
/// terminal) and returns its exit status, standard output and standard error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = kpi().current_dir(dir).args(args).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

/// The standard output of `kpi ARGS` in `dir`, which must succeed without a word on standard error.
fn stdout(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, Some(0), "kpi {args:?}:\n{err}");
    assert_eq!(err, "", "kpi {args:?}");
    out
}

/// The sample plan's 2024 at a terminal 112 columns wide, as in the README. By hand (README, "Scoring"
/// and "Roll-up"):
/// - K01 1 200 000 / 1 250 000 = 96,00 % against >= 105 %: 100 × 0,96 / 1,05 = 91,43, parziale;
/// - K03 1 500 / 20 000 = 7,50 % against <= 7 %: 100 × 0,07 / 0,075 = 93,33;
/// - OS1 (40 × 91,43 + 30 × 62,50 + 30 × 93,33) / 100 = 83,32; A1 (83,32 + 73,33) / 2 = 78,33;
/// - OS4: K12 (0 / 0) and K13 (missing) leave K14 alone, 100, coverage 40 / (30 + 30 + 40) = 40 %;
/// - A2 60 % × 66,67 + 40 % × 100 = 80,00, coverage 60 × 100 % + 40 × 40 % = 76 %;
/// - overall 0,45 × 78,327 + 0,30 × 80 + 0,25 × 75 = 35,247 + 24 + 18,75 = 78,00, coverage
///   0,45 × 100 + 0,30 × 76 + 0,25 × 100 = 92,8 %.
#[test]
fn the_table_at_a_terminal() {
    insta::assert_snapshot!("table_it", at_a_terminal(&fixture("sample"), 112, "eval 2024"));
}

/// The same table under `--lang en`: English words (Objective / indicator, partial, achieved, YES), the
/// same figures as the Italian table above.
#[test]
fn the_table_in_english_at_a_terminal() {
    insta::assert_snapshot!("table_en", at_a_terminal(&fixture("sample"), 112, "eval 2024 --lang en"));
}

/// The table in a pipe with `--format table`: every cell on one line, as wide as it needs. K09
/// delivered 10-04-2024 for 31-03-2024, soglia 30-04-2024: 100 × 20 / 30 = 66,67; OO3.1
/// (100 + 66,67) / 2 = 83,33; OO3.2 (100 + 0) / 2 = 50; OS3 (83,33 + 50) / 2 = 66,67.
#[test]
fn the_table_in_a_pipe() {
    insta::assert_snapshot!("table_pipe", stdout(&fixture("sample"), &["eval", "2024", "--format", "table"]));
}

/// Markdown: the same rows and figures as the table, the closing line in bold. K16 72 % against
/// `tra 80 % e 90 %` is below the range, scored as >= 80 %: 100 × 0,72 / 0,8 = 90,00.
#[test]
fn markdown() {
    insta::assert_snapshot!("markdown", stdout(&fixture("sample"), &["eval", "2024", "--format", "md"]));
}

/// Years side by side, 2023 (baseline) to 2025: K01's 2023 is the plan's baseline 110,58 %; K06's 2024
/// is (2 080 − 2 000) / 2 000 = 4,00 %, 100 × 0,04 / 0,05 = 80,00; 2025 has targets (K13 >= 600,
/// K18 <= 9 gg) but no actuals, so every indicator is `mancante` and the year's overall is n/d.
#[test]
fn years_side_by_side() {
    insta::assert_snapshot!("years", stdout(&fixture("sample"), &["eval", "2024..2025", "--format", "table"]));
}

/// `explain` of a ratio: K01 1 200 000 / 1 250 000 = 0,96, 100 × 0,96 / 1,05 = 91,43; weighted into
/// OS1 40 × 91,43 = 3 657,14, Σ 8 332,14 / 100 = 83,32, so K01 gives 91,43 × 40 / 100 = 36,57 points of
/// OS1, 36,57 × 50 / 100 = 18,29 of A1 and 18,29 × 45 / 100 = 8,23 of the overall.
#[test]
fn explain_a_ratio() {
    insta::assert_snapshot!("explain_ratio", stdout(&fixture("sample"), &["explain", "K01", "2024"]));
}

/// `explain` of a range: K16 72 % is below `tra 80 % e 90 %`, scored as >= 80 %:
/// 100 × 0,72 / 0,8 = 90; OS5 (40 × 90 + 30 × 80 + 30 × 50) / 100 = 7 500 / 100 = 75.
#[test]
fn explain_a_range() {
    insta::assert_snapshot!("explain_range", stdout(&fixture("sample"), &["explain", "K16", "2024"]));
}

/// `explain` of a scale's interpolation: K18 12,5 gg against <= 10 gg has degree 100 × 10 / 12,5 = 80 %,
/// between the scale's 70 % → 0 and 90 % → 100: 0 + 100 × (80 − 70) / (90 − 70) = 50.
#[test]
fn explain_a_scale() {
    insta::assert_snapshot!("explain_scale", stdout(&fixture("sample"), &["explain", "K18", "2024"]));
}

/// The same `explain` under `--lang en`: English words, the same arithmetic as the Italian above
/// (degree 80 %, score 50; 50 × 30 / 100 = 15 points of OS5, 15 × 25 / 100 = 3,75 of the overall).
#[test]
fn explain_a_scale_in_english() {
    insta::assert_snapshot!(
        "explain_scale_en",
        stdout(&fixture("sample"), &["explain", "K18", "2024", "--lang", "en"])
    );
}

/// `explain` of a deadline: K09 delivered 10-04-2024, target 31-03-2024, soglia 30-04-2024:
/// S − v = 20 days, S − T = 30 days, 100 × 20 / 30 = 66,67; it gives 66,67 × 50 / 100 = 33,33 of OO3.1,
/// 33,33 × 50 / 100 = 16,67 of OS3, 16,67 × 60 / 100 = 10,00 of A2 and 10 × 30 / 100 = 3,00 overall.
#[test]
fn explain_a_deadline() {
    insta::assert_snapshot!("explain_deadline", stdout(&fixture("sample"), &["explain", "K09", "2024"]));
}

/// `explain` of a missing value: K13 has no [Follower] row for 2024, so it has no score and is left out
/// above it: OS4 is K14 alone, 4 000 / 40 = 100.
#[test]
fn explain_a_missing_value() {
    insta::assert_snapshot!("explain_missing", stdout(&fixture("sample"), &["explain", "K13", "2024"]));
}

/// `check` on the plan with one mistake of each kind (`fixtures/mistakes`): 11 errors (plan lines 5, 6,
/// 8, 12, 13, 14, 15, 16, 17, 18 and actuals line 11) and 3 warnings (A1's weights 50 % + 40 % = 90 %;
/// `Folower`; K5's 85 without `%` is 8 500 %, above the 1 000 % a percent may reach), exit status 1.
#[test]
fn check_a_plan_with_mistakes() {
    let (code, out, err) = run(&fixture("mistakes"), &["check", "--actuals", "actuals.csv"]);
    assert_eq!((code, err.as_str()), (Some(1), ""));
    insta::assert_snapshot!("check_mistakes", out);
}

/// `kpi needs` as a table, counted from 01-03-2024 with the goal 75. By hand: floor 70,797 and ceiling
/// 77,997 (see `needs::floor_ceiling_and_goal_on_the_sample_plan`), shown 70,80 and 78,00; the goal
/// needs 100 × (75 − 70,797321) / 7,2 = 58,370536 on average, shown rounded up, 58,38. K18 reaches 0
/// where the degree 10 / v falls to the scale's 70 %: v = 10 / 0,7 = 14,29 gg.
#[test]
fn needs_as_a_table() {
    let args = ["needs", "2024", "--format", "table", "--as-of", "2024-03-01", "--goal", "75"];
    insta::assert_snapshot!("needs_table", stdout(&fixture("sample"), &args));
}

/// `kpi needs` in Markdown: the same rows and closing lines as the table.
#[test]
fn needs_in_markdown() {
    let args = ["needs", "2024", "--format", "md", "--as-of", "2024-03-01", "--goal", "75"];
    insta::assert_snapshot!("needs_markdown", stdout(&fixture("sample"), &args));
}

/// `kpi needs` for one missing indicator: K13 needs [Follower] >= 500 (the formula is the quantity);
/// unmeasured, it lies between 0 and 100, OS4 between (40 × 100) / 100 = 40 and 100, A2 between
/// 0,6 × 66,67 + 0,4 × 40 = 56 and 80, the overall between 70,80 and 78,00.
#[test]
fn needs_of_one_missing_indicator() {
    let args = ["needs", "2024", "K13", "--as-of", "2024-03-01"];
    insta::assert_snapshot!("needs_missing", stdout(&fixture("sample"), &args));
}

/// `kpi needs` for a deadline: K09, counted from 01-03-2024, needs 31-03-2024 and is zero from its
/// soglia 30-04-2024 on.
#[test]
fn needs_of_a_deadline() {
    let args = ["needs", "2024", "K09", "--as-of", "2024-03-01"];
    insta::assert_snapshot!("needs_deadline", stdout(&fixture("sample"), &args));
}

/// The import's review list (standard error) for a plan written in words: the ambiti weigh 50 % + 7 %
/// = 57 %, ambito 1's strategic objectives 20 % + 20 % = 40 %, OS12.3's three indicators 3 × 20 % =
/// 60 %; 16 rows = 2 ambiti + 3 strategic objectives + 11 indicators; 6 items to review.
#[test]
fn the_import_review_list() {
    let (code, csv, review) = run(&fixture("import"), &["import", "obiettivi-in-parole.txt"]);
    assert_eq!(code, Some(0), "{review}");
    // the plan itself goes to standard output: the Italian-Excel CSV, BOM and `;`
    assert!(csv.starts_with("\u{feff}level;code;name;weight;"), "{csv}");
    insta::assert_snapshot!("import_review", review);
}
