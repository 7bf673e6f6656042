//! The looks of the evaluation sheet, made once and numbered: a cell keeps its
//! look's number ([`Look`]); the workbook's styles are made from the same
//! `Format`s, numbered in the order the sheets first use them, as
//! rust_xlsxwriter numbers them.

use rust_xlsxwriter::{Format, FormatBorder};

use super::{header_format, status_colors};
use crate::evaluate::score::Status;

/// A look's number in [`Looks`]; looks with the same content share the lowest
/// number, and `Look::DEFAULT` is the default look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look(pub u8);

impl Look {
    pub const DEFAULT: Look = Look(0);
}

/// The deepest indent a cell's look has.
const MAX_INDENT: u8 = 15;

// The numbers of the looks, in the order `Looks::new` makes them.
const HEADER: u8 = 1;
const PERCENT: u8 = 2;
const DATE: u8 = 3;
const SCORE: u8 = 4;
const BOLD: u8 = 6;
const OVERALL: u8 = 7;
const OVERALL_SCORE: u8 = 8;
const NAMES: u8 = 9;
const STATUSES: u8 = NAMES + 2 * (MAX_INDENT + 1);

pub struct Looks {
    formats: Vec<Format>,
    /// Each look's number, the lowest of the looks with its content.
    same: Vec<Look>,
}

impl Looks {
    pub fn new() -> Looks {
        let score = Format::new().set_num_format("0.00");
        let overall = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        let mut formats = vec![
            Format::new(),
            header_format(),
            Format::new().set_num_format("0.00%"),
            Format::new().set_num_format("dd/mm/yyyy"),
            score.clone(),
            score.set_bold(),
            Format::new().set_bold(),
            overall.clone(),
            overall.set_num_format("0.00"),
        ];
        for bold in [false, true] {
            for indent in 0..=MAX_INDENT {
                let f = Format::new().set_indent(indent);
                formats.push(if bold { f.set_bold() } else { f });
            }
        }
        for status in Status::ALL {
            let coloured =
                status_colors(status).map(|(fill, font)| Format::new().set_background_color(fill).set_font_color(font));
            formats.push(coloured.unwrap_or_default());
        }
        let same = (0..formats.len())
            .map(|i| Look(formats.iter().position(|f| *f == formats[i]).unwrap_or(i) as u8))
            .collect();
        Looks { formats, same }
    }

    /// How many looks there are.
    pub fn len(&self) -> usize {
        self.formats.len()
    }

    /// The format of a look.
    pub fn format(&self, look: Look) -> &Format {
        &self.formats[usize::from(look.0)]
    }

    fn look(&self, number: u8) -> Look {
        self.same[usize::from(number)]
    }

    pub fn header(&self) -> Look {
        self.look(HEADER)
    }

    pub fn percent(&self) -> Look {
        self.look(PERCENT)
    }

    pub fn date(&self) -> Look {
        self.look(DATE)
    }

    /// The closing row's name and status: bold under a line.
    pub fn overall(&self) -> Look {
        self.look(OVERALL)
    }

    pub fn overall_score(&self) -> Look {
        self.look(OVERALL_SCORE)
    }

    /// The look of a text or a number in no particular format.
    pub fn general(&self, bold: bool) -> Look {
        if bold {
            self.look(BOLD)
        } else {
            Look::DEFAULT
        }
    }

    pub fn score(&self, bold: bool) -> Look {
        self.look(SCORE + u8::from(bold))
    }

    /// A name's look, indented by its depth (at most 15).
    pub fn name(&self, bold: bool, depth: usize) -> Look {
        let indent = depth.min(usize::from(MAX_INDENT)) as u8;
        self.look(NAMES + u8::from(bold) * (MAX_INDENT + 1) + indent)
    }

    /// A status's colours, `None` for a status without them.
    pub fn status(&self, status: Status) -> Option<Look> {
        let i = Status::ALL.iter().position(|s| *s == status)?;
        Some(self.look(STATUSES + i as u8)).filter(|&look| look != Look::DEFAULT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_with_the_same_content_share_a_number() {
        let looks = Looks::new();
        // A plain name without indent is the default look, a bold one the bold look.
        assert_eq!(looks.name(false, 0), Look::DEFAULT);
        assert_eq!(looks.name(true, 0), looks.general(true));
        assert_ne!(looks.name(true, 1), looks.general(true));
        // Indents stop at 15.
        assert_eq!(looks.name(false, 20), looks.name(false, 15));
        assert_eq!(looks.status(Status::NoTarget), None);
        assert!(looks.status(Status::Achieved).is_some());
        assert_eq!(looks.format(looks.percent()), &Format::new().set_num_format("0.00%"));
    }
}
