//! Writing the imported plan as the canonical plan CSV.
//!
//! The file is Italian (`;` delimiter, decimal commas kept as the document
//! writes them), so kpi reads `1.336 N.` as 1336. It is the file a person
//! opens in a spreadsheet to review: a text cell that would run as a formula
//! (a name or an algoritmo `=cmd|' /C calc'!A0`) gets a `'` before it, which
//! kpi drops when it reads the file; numbers (`-7,73 %`) are left as they are.

use super::ImportedPlan;
use crate::files::formula_guard::guard;

/// The columns before the years, in the canonical names; `weight_alt` and
/// `review` are extra columns that the evaluator ignores.
const LEADING: [&str; 9] =
    ["level", "code", "name", "weight", "weight_alt", "formula", "algorithm", "unit", "threshold"];

/// The header: the leading columns, `baseline_YYYY` for each baseline year
/// and `target_YYYY` for each target year of the published header, `review`.
pub(crate) fn header(plan: &ImportedPlan) -> Vec<String> {
    let mut header: Vec<String> = LEADING.iter().map(|c| c.to_string()).collect();
    header.extend(plan.years.baseline.iter().map(|y| format!("baseline_{y}")));
    header.extend(plan.years.target.iter().map(|y| format!("target_{y}")));
    header.push("review".into());
    header
}

pub(crate) fn write(plan: &ImportedPlan) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let mut write_record = |record: &[&str]| {
        writer
            .write_record(record.iter().map(|cell| guard(cell).into_owned()))
            .expect("writing CSV into memory cannot fail");
    };
    let header = header(plan);
    write_record(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &plan.rows {
        let review = row.review.join(" | ");
        let mut record = vec![
            row.level.as_str(),
            &row.code,
            &row.name,
            &row.weight,
            row.weight_alt.as_deref().unwrap_or(""),
            row.formula.as_deref().unwrap_or(""),
            &row.algorithm,
            row.unit.as_deref().unwrap_or(""),
            row.threshold.as_deref().unwrap_or(""),
        ];
        record.extend(plan.years.baseline.iter().map(|&y| row.baseline(y)));
        record.extend(plan.years.target.iter().map(|&y| row.target(y)));
        record.push(&review);
        write_record(&record);
    }
    let bytes = writer.into_inner().expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8")
}
