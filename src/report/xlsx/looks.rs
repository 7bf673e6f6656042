//! The looks (rust_xlsxwriter's `Format`s) of the evaluation sheet, made once.

use rust_xlsxwriter::Format;

use super::{header_format, status_colors};
use crate::evaluate::score::Status;

/// The looks of the evaluation sheet, made once: the library looks a look up
/// by its whole content at every cell, so a cell in the default look is
/// written without one (the same cell in the file) and the others share these.
pub struct Looks {
    pub default: Format,
    pub header: Format,
    pub percent: Format,
    pub date: Format,
    score: [Format; 2],
    bold: Format,
    /// A name's look, indented by its depth (at most 15), plain then bold.
    names: [Vec<Format>; 2],
    status: Vec<(Status, Option<Format>)>,
}

/// The deepest indent a cell's look has.
const MAX_INDENT: u8 = 15;

impl Looks {
    pub fn new() -> Looks {
        let score = Format::new().set_num_format("0.00");
        let names = |bold: bool| {
            (0..=MAX_INDENT)
                .map(|indent| {
                    let f = Format::new().set_indent(indent);
                    if bold {
                        f.set_bold()
                    } else {
                        f
                    }
                })
                .collect()
        };
        let coloured = |(fill, font)| Format::new().set_background_color(fill).set_font_color(font);
        let status = Status::ALL.iter().map(|&s| (s, status_colors(s).map(coloured))).collect();
        Looks {
            default: Format::new(),
            header: header_format(),
            percent: Format::new().set_num_format("0.00%"),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            score: [score.clone(), score.set_bold()],
            bold: Format::new().set_bold(),
            names: [names(false), names(true)],
            status,
        }
    }

    /// The look of a text or a number in no particular format: `None` for the default.
    pub fn general(&self, bold: bool) -> Option<&Format> {
        bold.then_some(&self.bold)
    }

    pub fn score(&self, bold: bool) -> &Format {
        &self.score[usize::from(bold)]
    }

    pub fn name(&self, bold: bool, depth: usize) -> Option<&Format> {
        let format = &self.names[usize::from(bold)][depth.min(usize::from(MAX_INDENT))];
        (*format != self.default).then_some(format)
    }

    pub fn status(&self, status: Status) -> Option<&Format> {
        self.status.iter().find(|(s, _)| *s == status).and_then(|(_, look)| look.as_ref())
    }
}
