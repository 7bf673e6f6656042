//! Control characters shown rather than obeyed. A name, a target or a
//! message may carry terminal escape sequences (`\x1b]0;…\x07` sets the
//! window title, `\x1b[2J` clears the screen) or bidirectional overrides that
//! reorder what is read: in the table, Markdown and messages they appear as
//! symbols. C0 controls and DEL become their Unicode control pictures
//! (ESC as `␛`, BEL as `␇`), the other invisible controls `\u{…}`; line
//! breaks (and, in messages, tabs) keep their meaning.

use std::borrow::Cow;

/// `text` with its control characters visible, but for those in `keep`.
pub fn visible<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !text.chars().any(|c| is_hidden(c) && !keep.contains(&c)) {
        return text.into();
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if keep.contains(&c) || !is_hidden(c) => shown.push(c),
            '\u{0}'..='\u{1f}' => shown.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => shown.push('␡'),
            c => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    shown.into()
}

/// Characters of a cell quoted in a message.
pub const EXCERPT_CHARS: usize = 40;

/// A cell quoted in a message: at most [`EXCERPT_CHARS`] characters, cut
/// with `…`, so a huge cell never fills the terminal.
pub fn excerpt(cell: &str) -> Cow<'_, str> {
    match cell.char_indices().nth(EXCERPT_CHARS) {
        None => cell.into(),
        Some((end, _)) => format!("{}…", &cell[..end]).into(),
    }
}

/// Characters a terminal obeys or hides rather than shows.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut() {
        assert_eq!(excerpt("short"), "short");
        let long = "à".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "à".repeat(40)));
    }

    #[test]
    fn escapes_are_shown_and_line_breaks_kept() {
        assert_eq!(visible("\x1b]0;pwned\x07Nome", &['\n']), "␛]0;pwned␇Nome");
        assert_eq!(visible("\x1b[2J", &[]), "␛[2J");
        assert_eq!(visible("a\nb\tc", &['\n', '\t']), "a\nb\tc");
        assert_eq!(visible("a\tb", &['\n']), "a␉b");
        assert_eq!(visible("\u{9b}31m\u{202e}abc\u{7f}", &[]), "\\u{9b}31m\\u{202e}abc␡");
        assert!(matches!(visible("Capacità — 100 %", &[]), Cow::Borrowed(_)));
    }
}
