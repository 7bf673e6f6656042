//! Names that are nearly the same: a typo in a quantity's name or a code is
//! the commonest mistake, so messages suggest the closest name.

/// The number of single-character insertions, deletions and substitutions
/// that turn `a` into `b`, ignoring case (Levenshtein distance).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, when it is close enough to be a likely
/// typo: at most a third of the word's characters differ (at least one may).
/// A candidate differing only in case (`k01` for `K01`) is the closest of all.
/// Ties go to the alphabetically first candidate, so the answer is stable.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = word.chars().count().div_ceil(3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("Follower", "Folower"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Imprese", "imprese"), 0);
    }

    #[test]
    fn the_closest_likely_typo() {
        let names = ["follower", "imprese attive", "risorse sal"];
        assert_eq!(closest("folower", names), Some("follower"));
        assert_eq!(closest("imprese atttive", names), Some("imprese attive"));
        assert_eq!(closest("patrimonio netto", names), None);
        assert_eq!(closest("follower", names), None);
        assert_eq!(closest("k01", ["K02", "K01"]), Some("K01"));
    }
}
