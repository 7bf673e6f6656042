//! Any bytes as the sheet part of the real `plan.xlsx`, the rest of the
//! workbook as it is: the XML the cell reader streams.
#![no_main]
use std::io::{Read, Write};

use kpi::files::workbook::{read_workbook_bytes, Kind, SheetChoice};
use libfuzzer_sys::fuzz_target;

const WORKBOOK: &[u8] = include_bytes!("../../fixtures/spreadsheets/plan.xlsx");

fn with_part(workbook: &[u8], name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let part = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        out.start_file(&part, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(if part == name { bytes } else { &content }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fuzz_target!(|bytes: &[u8]| {
    let workbook = with_part(WORKBOOK, "xl/worksheets/sheet1.xml", bytes);
    let choice = SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" };
    let _ = read_workbook_bytes("plan.xlsx", Kind::Xlsx, &workbook, choice);
});
