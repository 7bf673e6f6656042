//! Any text as a value cell, in both number formats: never a panic.
#![no_main]
use kpi::value::{parse_value, NumberFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse_value(text, NumberFormat::Italian);
    let _ = parse_value(text, NumberFormat::English);
});
