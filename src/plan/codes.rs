//! Finding a node by its code. The table holds only the nodes' indices and
//! hashes each code where the node keeps it, instead of a second copy of
//! every code as a key (README, "National scale").

use std::hash::BuildHasher;

use foldhash::fast::RandomState as FastHash;
use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use super::Node;

/// The index of the first node with each code.
#[derive(Debug, Clone, Default)]
pub(super) struct Codes {
    table: HashTable<u32>,
    hasher: FastHash,
}

impl Codes {
    /// The table of the codes of `nodes`, each filed under its first node,
    /// and the nodes whose code an earlier node has, each with that first
    /// node, in the nodes' order. The codes are filed in the order of their
    /// places in the table, so it is written from one end to the other
    /// instead of at a random place for each node: a table of a million
    /// codes is far larger than the processor's caches (README, "The plan's
    /// CPU").
    ///
    /// `hashes` are the nodes' codes hashed by `hasher`, in the nodes' order:
    /// the plan's pieces hash their codes as they read them, on every thread
    /// (README, "The plan's rows on both cores").
    pub(super) fn of(nodes: &[Node], hasher: FastHash, hashes: Vec<u64>) -> (Codes, Vec<(usize, usize)>) {
        let mut table = HashTable::with_capacity(nodes.len());
        // The table's places: a power of two, of which its capacity is seven eighths
        // (beyond 8); a code's place is its hash's low bits. Were it otherwise,
        // only the order of the writes would differ.
        let places = (table.capacity() + 1).next_power_of_two() as u64;
        let index = |i: usize| u32::try_from(i).expect("a plan within the cells a file may hold");
        debug_assert_eq!(hashes.len(), nodes.len());
        let mut order: Vec<(u64, u32)> = hashes.into_iter().enumerate().map(|(i, hash)| (hash, index(i))).collect();
        // The nodes of one place, those of one code among them, stay in the plan's order.
        order.sort_unstable_by_key(|&(hash, i)| (hash & (places - 1), i));
        let mut duplicates = Vec::new();
        for (hash, i) in order {
            // A node is looked at only when a code of its place may be the same: in the order
            // of the places, the nodes themselves come at random.
            let same = |&j: &u32| nodes[j as usize].code() == nodes[i as usize].code();
            let rehash = |&j: &u32| hasher.hash_one(nodes[j as usize].code());
            match table.entry(hash, same, rehash) {
                Entry::Occupied(first) => duplicates.push((i as usize, *first.get() as usize)),
                Entry::Vacant(place) => {
                    place.insert(i);
                }
            }
        }
        duplicates.sort_unstable();
        (Codes { table, hasher }, duplicates)
    }

    /// The first node in `nodes` with the code.
    pub(super) fn get(&self, nodes: &[Node], code: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(code);
        self.table.find(hash, |&i| nodes[i as usize].code() == code).map(|&i| i as usize)
    }

    pub(super) fn contains(&self, nodes: &[Node], code: &str) -> bool {
        self.get(nodes, code).is_some()
    }
}
