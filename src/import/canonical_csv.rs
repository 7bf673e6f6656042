//! Writing the imported plan as the canonical plan CSV of SPEC §3.
//!
//! The file is Italian (`;` delimiter, decimal commas kept as the document
//! writes them), so kpi reads `1.336 N.` as 1336. Cells are not prefixed
//! against spreadsheet formula injection: this file is read back by kpi, and
//! a `'` before `-7,73 %` or `>= 105,00 %` would change the value.

use super::ImportedPlan;

/// The header, in SPEC §3's canonical names; `weight_alt` and `review` are
/// extra columns that the evaluator ignores.
pub(crate) const HEADER: [&str; 16] = [
    "level",
    "code",
    "name",
    "weight",
    "weight_alt",
    "formula",
    "algorithm",
    "unit",
    "threshold",
    "baseline_2021",
    "baseline_2022",
    "baseline_2023",
    "target_2024",
    "target_2025",
    "target_2026",
    "review",
];

pub(crate) fn write(plan: &ImportedPlan) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let mut write_record = |record: &[&str]| {
        writer.write_record(record).expect("writing CSV into memory cannot fail");
    };
    write_record(&HEADER);
    for row in &plan.rows {
        let review = row.review.join(" | ");
        write_record(&[
            row.level.as_str(),
            &row.code,
            &row.name,
            &row.weight,
            row.weight_alt.as_deref().unwrap_or(""),
            row.formula.as_deref().unwrap_or(""),
            &row.algorithm,
            row.unit.as_deref().unwrap_or(""),
            row.threshold.as_deref().unwrap_or(""),
            &row.baseline_2021,
            &row.baseline_2022,
            &row.baseline_2023,
            &row.target_2024,
            &row.target_2025,
            &row.target_2026,
            &review,
        ]);
    }
    let bytes = writer.into_inner().expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8")
}
