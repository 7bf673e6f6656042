//! A workbook with one of its parts replaced, the rest as it is: how the
//! part targets hand arbitrary XML to the readers inside a real archive.
use std::io::{Read, Write};

pub fn with_part(workbook: &[u8], name: &str, bytes: &[u8]) -> Vec<u8> {
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
