//! Any bytes as the content.xml of the real `plan.ods`, the rest of the
//! workbook as it is: the XML the OpenDocument reader walks.
#![no_main]
use kpi::files::workbook::{read_workbook_bytes, Kind, SheetChoice};
use libfuzzer_sys::fuzz_target;

#[path = "../with_part.rs"]
mod with_part;
use with_part::with_part;

const WORKBOOK: &[u8] = include_bytes!("../../fixtures/spreadsheets/plan.ods");

fuzz_target!(|bytes: &[u8]| {
    let workbook = with_part(WORKBOOK, "content.xml", bytes);
    let choice = SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" };
    let _ = read_workbook_bytes("plan.ods", Kind::Ods, &workbook, choice);
});
