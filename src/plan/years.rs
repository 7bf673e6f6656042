//! Values by year for one node: a plan gives a node one to three years, so
//! they are kept as a short sorted list rather than a map, whose smallest
//! allocation holds eleven.

use std::ops::Index;

/// Values by year, in year order, each year once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Years<T>(Vec<(i32, T)>);

impl<T> Default for Years<T> {
    fn default() -> Self {
        Years(Vec::new())
    }
}

impl<T> Years<T> {
    pub const fn new() -> Self {
        Years(Vec::new())
    }

    fn position(&self, year: i32) -> Result<usize, usize> {
        self.0.binary_search_by_key(&year, |(y, _)| *y)
    }

    pub fn get(&self, year: &i32) -> Option<&T> {
        self.position(*year).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, year: &i32) -> bool {
        self.position(*year).is_ok()
    }

    /// Sets the year's value, returning the one it replaces.
    pub fn insert(&mut self, year: i32, value: T) -> Option<T> {
        match self.position(year) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (year, value));
                None
            }
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The years, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &i32> + ExactSizeIterator {
        self.0.iter().map(|(y, _)| y)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// (year, value) in year order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&i32, &T)> + ExactSizeIterator {
        self.0.iter().map(|(y, v)| (y, v))
    }

    /// Gives back the room a list grown one year at a time keeps spare.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl<T> Index<&i32> for Years<T> {
    type Output = T;

    /// The year's value; panics when there is none, as a map's index does.
    fn index(&self, year: &i32) -> &T {
        self.get(year).expect("a year the node has")
    }
}

impl<'a, T> IntoIterator for &'a Years<T> {
    type Item = (&'a i32, &'a T);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (i32, T)>, fn(&'a (i32, T)) -> (&'a i32, &'a T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(y, v)| (y, v))
    }
}

impl<T> FromIterator<(i32, T)> for Years<T> {
    fn from_iter<I: IntoIterator<Item = (i32, T)>>(iter: I) -> Self {
        let mut years = Years::new();
        for (year, value) in iter {
            years.insert(year, value);
        }
        years
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_stay_in_order_and_once_each() {
        let mut years = Years::new();
        assert_eq!(years.insert(2025, "b"), None);
        assert_eq!(years.insert(2023, "a"), None);
        assert_eq!(years.insert(2026, "c"), None);
        assert_eq!(years.insert(2025, "B"), Some("b"));
        assert_eq!(years.keys().copied().collect::<Vec<_>>(), [2023, 2025, 2026]);
        assert_eq!(years.values().copied().collect::<Vec<_>>(), ["a", "B", "c"]);
        assert_eq!((years.get(&2025), years.get(&2024)), (Some(&"B"), None));
        assert!(years.contains_key(&2026) && !years.contains_key(&2027));
        assert_eq!(years[&2023], "a");
        assert_eq!(years.len(), 3);
        years.clear();
        assert!(years.is_empty());
    }
}
