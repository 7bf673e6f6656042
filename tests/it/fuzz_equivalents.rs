//! What the fuzz targets under fuzz/ try, for a bounded number of cases on
//! the stable toolchain: arbitrary bytes into each parser, and
//! structure-aware mutations of the real workbooks' XML parts (cut short,
//! a span deleted or repeated, bytes inserted, a cell reference or a repeat
//! count made huge). None may panic; each case is answered within seconds.

use std::io::Write;
use std::time::{Duration, Instant};

use kpi::actuals::Actuals;
use kpi::diagnostic::Diagnostics;
use kpi::files::sheet::{decode, Sheet};
use kpi::files::workbook::{read_workbook_bytes, Kind, SheetChoice};
use kpi::formula::Formula;
use kpi::import::import_published;
use kpi::plan::{load_plan, PlanOptions};
use kpi::value::{parse_value, NumberFormat};
use proptest::prelude::*;

use crate::common::{fixture, workbook_parts};

const CHOICE: SheetChoice = SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" };

/// Reads a workbook, and fails the case if that took more than 5 seconds.
fn read_quickly(kind: Kind, bytes: &[u8]) {
    let start = Instant::now();
    let _ = read_workbook_bytes("fuzz", kind, bytes, CHOICE);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?} for {} bytes", start.elapsed(), bytes.len());
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// One change to an XML part, as a file damaged or crafted would have it.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Insert(usize, Vec<u8>),
    /// The n-th digit run becomes a huge number (a row, a repeat count, a string index).
    Huge(usize, &'static str),
    /// The n-th cell reference becomes one past the sheet's limits.
    FarReference(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 1usize..200, 1usize..50).prop_map(|(a, n, k)| Mutation::Repeat(a, n, k)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (
            any::<usize>(),
            prop_oneof![Just("4294967296"), Just("1048577"), Just("99999999999999999999"), Just("16385"), Just("0")]
        )
            .prop_map(|(n, v)| Mutation::Huge(n, v)),
        (
            any::<usize>(),
            prop_oneof![Just("XFE1"), Just("A1048577"), Just("ZZZZZZZZ35"), Just("A5000000000"), Just("B2:A1")]
        )
            .prop_map(|(n, v)| Mutation::FarReference(n, v)),
    ]
}

fn apply(part: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = part.to_vec();
    for m in mutations {
        let at = |a: usize, len: usize| if len == 0 { 0 } else { a % (len + 1) };
        match m {
            Mutation::Cut(a) => bytes.truncate(at(*a, bytes.len())),
            Mutation::Delete(a, n) => {
                let start = at(*a, bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Repeat(a, n, k) => {
                let start = at(*a, bytes.len());
                let end = (start + n).min(bytes.len());
                let span = bytes[start..end].to_vec();
                for _ in 0..*k {
                    bytes.splice(end..end, span.iter().copied());
                }
            }
            Mutation::Insert(a, b) => {
                let start = at(*a, bytes.len());
                bytes.splice(start..start, b.iter().copied());
            }
            Mutation::Huge(n, value) => replace_nth(&mut bytes, *n, |b| b.is_ascii_digit(), value),
            Mutation::FarReference(n, value) => replace_nth(&mut bytes, *n, |b| b.is_ascii_alphanumeric(), value),
        }
    }
    bytes
}

/// Replaces the n-th (modulo their number) run of bytes that `is_part` accepts inside quotes.
fn replace_nth(bytes: &mut Vec<u8>, n: usize, is_part: impl Fn(&u8) -> bool, value: &str) {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes.get(i + 1).is_some_and(&is_part) {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && is_part(&bytes[end]) {
                end += 1;
            }
            runs.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return;
    }
    let (start, end) = runs[n % runs.len()];
    bytes.splice(start..end, value.bytes());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_values_formulas_plans_actuals_and_the_published_layout(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = decode(&bytes);
        let _ = parse_value(&text, NumberFormat::Italian);
        let _ = parse_value(&text, NumberFormat::English);
        if let Ok(formula) = Formula::parse(&text) {
            // Printed, it parses back to the same tree; each quantity's span
            // is a slice of the text from its `[`.
            let printed = formula.expr.to_string();
            prop_assert_eq!(Formula::parse(&printed).ok().map(|f| f.expr), Some(formula.expr.clone()), "{}", printed);
            for q in formula.quantities() {
                prop_assert!(text.get(q.span.range()).is_some_and(|s| s.starts_with('[')), "{:?} in {}", q.span, text);
            }
        }
        if let Ok(sheet) = Sheet::parse("plan.csv", &text) {
            let _ = load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on());
            Actuals::default().add_sheet(&sheet, None, &mut Diagnostics::reading_on());
        }
        if let Ok(plan) = import_published(&text) {
            let _ = plan.to_canonical_csv();
        }
    }

    #[test]
    fn any_bytes_as_a_workbook(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        read_quickly(Kind::Xlsx, &bytes);
        read_quickly(Kind::Ods, &bytes);
    }
}

proptest! {
    // Each case re-zips a real workbook: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_parts_of_the_real_xlsx(which in 0usize..4, mutations in proptest::collection::vec(mutation(), 1..4)) {
        let workbook = std::fs::read(fixture("spreadsheets/plan.xlsx")).unwrap();
        let mut parts = workbook_parts(&workbook);
        let names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"];
        let part = parts.iter_mut().find(|(n, _)| n == names[which]).unwrap();
        part.1 = apply(&part.1, &mutations);
        read_quickly(Kind::Xlsx, &zip_of(&parts));
    }

    #[test]
    fn mutated_content_of_the_real_ods(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let workbook = std::fs::read(fixture("spreadsheets/plan.ods")).unwrap();
        let mut parts = workbook_parts(&workbook);
        let part = parts.iter_mut().find(|(n, _)| n == "content.xml").unwrap();
        part.1 = apply(&part.1, &mutations);
        read_quickly(Kind::Ods, &zip_of(&parts));
    }
}

#[test]
fn the_unmutated_workbooks_read() {
    for (file, kind) in [("spreadsheets/plan.xlsx", Kind::Xlsx), ("spreadsheets/plan.ods", Kind::Ods)] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let sheet = read_workbook_bytes(file, kind, &bytes, CHOICE).unwrap();
        assert_eq!(sheet.headers[0], "livello", "{file}");
    }
}
