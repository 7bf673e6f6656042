//! Any bytes as a whole .ods workbook: bounded, never a panic or a hang.
#![no_main]
use kpi::files::workbook::{read_workbook_bytes, Kind, SheetChoice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let choice = SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" };
    let _ = read_workbook_bytes("plan.ods", Kind::Ods, bytes, choice);
});
