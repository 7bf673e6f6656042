//! What the table may use at a terminal: its width, colour and a symbol per
//! status. Decided once from the facts (is standard output a terminal, is
//! `NO_COLOR` set, how wide is it), so the decision can be tested.

use comfy_table::Color;

use crate::evaluate::score::Status;

/// How the table is drawn. The default is plain text of any width: what a
/// file or a pipe gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Fit the table to this many columns; `None` lets it grow.
    pub width: Option<u16>,
    /// Colour each status.
    pub color: bool,
    /// A symbol before each status.
    pub symbols: bool,
}

impl Terminal {
    /// Colour and symbols only on a terminal; no colour when `NO_COLOR` is
    /// set to anything but the empty string (no-color.org).
    pub fn decide(is_terminal: bool, no_color: Option<&str>, width: Option<u16>) -> Terminal {
        if !is_terminal {
            return Terminal::default();
        }
        Terminal { width, color: no_color.is_none_or(str::is_empty), symbols: true }
    }
}

/// The symbol shown before a status at a terminal.
pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::Achieved => "✔",
        Status::Partial => "◐",
        Status::Missed => "✘",
        Status::Missing => "?",
        Status::NoTarget => "·",
        Status::Error => "!",
        Status::Neutralized => "⊘",
    }
}

/// The colour of a status at a terminal.
pub fn color(status: Status) -> Option<Color> {
    match status {
        Status::Achieved => Some(Color::Green),
        Status::Partial => Some(Color::Yellow),
        Status::Missed => Some(Color::Red),
        Status::Missing => Some(Color::DarkGrey),
        Status::NoTarget => None,
        Status::Error => Some(Color::Magenta),
        Status::Neutralized => Some(Color::Cyan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_and_symbols_only_on_a_terminal() {
        assert_eq!(Terminal::decide(false, None, Some(80)), Terminal::default());
        assert_eq!(Terminal::decide(true, None, Some(80)), Terminal { width: Some(80), color: true, symbols: true });
    }

    #[test]
    fn no_color_turns_colour_off_but_keeps_symbols() {
        let t = Terminal::decide(true, Some("1"), None);
        assert_eq!((t.color, t.symbols), (false, true));
        // An empty NO_COLOR does not count.
        assert!(Terminal::decide(true, Some(""), None).color);
    }
}
