//! Finding a node by its code. The table holds only the nodes' indices and
//! hashes each code where the node keeps it, instead of a second copy of
//! every code as a key (README, "National scale").

use std::hash::BuildHasher;

use foldhash::fast::RandomState as FastHash;
use hashbrown::HashTable;

use super::Node;

/// The index of the first node with each code.
#[derive(Debug, Clone, Default)]
pub(super) struct Codes {
    table: HashTable<u32>,
    hasher: FastHash,
}

impl Codes {
    pub(super) fn with_capacity(nodes: usize) -> Codes {
        Codes { table: HashTable::with_capacity(nodes), hasher: FastHash::default() }
    }

    /// The first node in `nodes` with the code.
    pub(super) fn get(&self, nodes: &[Node], code: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(code);
        self.table.find(hash, |&i| nodes[i as usize].code() == code).map(|&i| i as usize)
    }

    /// Files the last node of `nodes` under its code, which no earlier node has.
    pub(super) fn insert_last(&mut self, nodes: &[Node]) {
        let Some(last) = nodes.len().checked_sub(1) else { return };
        let index = u32::try_from(last).expect("a plan within the cells a file may hold");
        let hasher = &self.hasher;
        let hash = hasher.hash_one(nodes[last].code());
        self.table.insert_unique(hash, index, |&i| hasher.hash_one(nodes[i as usize].code()));
    }

    pub(super) fn contains(&self, nodes: &[Node], code: &str) -> bool {
        self.get(nodes, code).is_some()
    }
}
