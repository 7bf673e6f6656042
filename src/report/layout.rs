//! Fitting a table to a terminal's width: figures keep their width, names
//! wrap between words under their own level of the tree.

/// Narrowest the name column gets when a table is fitted to a terminal; a
/// terminal narrower than that gets a table wider than itself, which it
/// scrolls or wraps, rather than figures broken across lines.
pub const NAME_MIN_WIDTH: usize = 16;

/// Widest the name column's word room grows.
const WORD_ROOM_MAX: usize = 24;

/// The width at which no word of a name need be cut: every word fits on a
/// line after its indentation (between [`NAME_MIN_WIDTH`] and
/// [`WORD_ROOM_MAX`]). A table gives up its cells' padding before it cuts
/// a word, and cuts a word before it grows wider than the terminal. `names`
/// gives each name with its depth in the tree.
pub fn word_room<'a>(names: impl Iterator<Item = (&'a str, usize)>) -> usize {
    let widest_word = names
        .flat_map(|(name, depth)| name.split_whitespace().map(move |w| continuation(depth) + w.chars().count()))
        .max()
        .unwrap_or(0);
    widest_word.clamp(NAME_MIN_WIDTH, WORD_ROOM_MAX)
}

/// The indentation of a name's continuation lines at `depth`: one level
/// deeper than the name, so it reads under its own level of the tree.
pub fn continuation(depth: usize) -> usize {
    (depth + 1) * 2
}

/// Wraps `text` into lines of at most `width` characters, breaking between
/// words (a word longer than a line is cut); continuation lines start with
/// `indent`, so a wrapped name stays under its own level of the tree.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let width = width.max(indent.chars().count() + 4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let lead: String = text.chars().take_while(|c| *c == ' ').collect();
    line.push_str(&lead);
    let mut line_len = lead.chars().count();
    let mut at_start = true;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let gap = usize::from(!at_start);
            if line_len + gap + word.len() <= width {
                if !at_start {
                    line.push(' ');
                }
                line.extend(word.iter());
                line_len += gap + word.len();
                at_start = false;
                break;
            }
            if at_start {
                // Not even a whole line holds the word: cut it.
                let room = width - line_len;
                line.extend(word.drain(..room));
            }
            lines.push(std::mem::take(&mut line));
            line.push_str(indent);
            line_len = indent.chars().count();
            at_start = true;
        }
    }
    lines.push(line);
    lines.join("\n")
}

/// The widest line of a cell, in characters.
pub fn cell_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Characters a row takes besides its cells: a border at each end, a
/// separator between cells and, when padded, a space either side of each.
pub fn frame_width(columns: usize, padded: bool) -> usize {
    if padded {
        columns * 3 + 1
    } else {
        columns + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_under_their_own_level() {
        assert_eq!(wrap("    K1 Indicatore dal nome lungo", 20, "      "), "    K1 Indicatore\n      dal nome lungo");
        assert_eq!(wrap("A1 Supercalifragilistico", 10, "  "), "A1\n  Supercal\n  ifragili\n  stico");
        assert_eq!(wrap("breve", 20, "  "), "breve");
    }

    #[test]
    fn the_name_column_is_wide_enough_for_every_word() {
        assert_eq!(word_room([("A1 Uno", 0)].into_iter()), NAME_MIN_WIDTH);
        // `assenteismo` under an indicator at depth 2: 6 of indent and 11 letters.
        assert_eq!(word_room([("K03 Tasso di assenteismo", 2), ("A1 Uno", 0)].into_iter()), 17);
        assert_eq!(word_room([("Supercalifragilistichespiralidoso", 0)].into_iter()), 24);
    }
}
